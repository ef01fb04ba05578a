/// One problem with a document, located by the path of the field that has it.
///
/// The path uses the report's own spelling (`actions[0].variety`, `victim.sector`,
/// `techniques[2]`), so a member can find the line to fix and the server can put the
/// message in its `invalid_report` reply as it is. `message` names the path itself and,
/// when the allowed values are few, lists them; `allowed` always carries the full list
/// for callers that want to offer choices.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is, e.g. `actions[0].variety`; empty for the document as a whole.
    public let path: String
    /// One line saying what is wrong, starting with the path.
    public let message: String
    /// The values the field may take, when it is an enumeration.
    public let allowed: [String]?

    /// Lists with at most this many values are spelled out in `message`.
    static let inlineAllowedLimit = 12

    public init(path: String, message: String, allowed: [String]? = nil) {
        self.path = path
        self.message = message
        self.allowed = allowed
    }

    /// An error whose message is "`path`: `problem`" plus the allowed values when short.
    init(at path: String, _ problem: String, allowed: [String]? = nil) {
        var text = path.isEmpty ? problem : "\(path): \(problem)"
        if let allowed {
            if allowed.count <= Self.inlineAllowedLimit {
                text += "; allowed: " + allowed.joined(separator: ", ")
            } else {
                text += "; \(allowed.count) values allowed, see docs/taxonomy.md"
            }
        }
        self.init(path: path, message: text, allowed: allowed)
    }

    public var description: String { message }
}
