import ChathamDisclosure
import Foundation

extension DataDirectory {
    /// `DIR/policy.json`: the operator's disclosure rules, in the shape of a release's `policy`
    /// member, every member but `min_contributors` and `dominance` optional:
    ///
    /// ```json
    /// {"min_contributors": 5, "dominance": {"n": 2, "k": 0.85}, "p_percent": 10,
    ///  "protection": {"minimum": 2, "relative": 0.1}}
    /// ```
    public var releasePolicyPath: String { url.appendingPathComponent("policy.json").path }

    /// The operator's policy from `releasePolicyPath`, or `DisclosurePolicy.standard` when the file
    /// does not exist. Values below the floors (`min_contributors` < 3, k outside (0, 1], p% outside
    /// (0, 100], …) are refused, not clamped, so a mistake is seen rather than silently changed.
    public func releasePolicy() throws -> DisclosurePolicy {
        guard FileManager.default.fileExists(atPath: releasePolicyPath) else { return .standard }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: releasePolicyPath))
        } catch {
            throw ServerError("cannot read \(releasePolicyPath)", hint: "check its permissions")
        }
        do {
            return try JSONDecoder().decode(DisclosurePolicy.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw ServerError("\(releasePolicyPath): \(context.debugDescription)",
                              hint: "see docs/disclosure.md, \"The rules\"")
        } catch {
            throw ServerError("\(releasePolicyPath) is not a disclosure policy",
                              hint: #"write e.g. {"min_contributors": 5, "dominance": {"n": 2, "k": 0.85}}"#)
        }
    }
}
