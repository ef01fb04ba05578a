/// The scrubbed text and what was removed from it, in text order and never
/// overlapping.
public struct ScrubResult: Sendable, Equatable, Codable {
    /// The text with every finding replaced by its placeholder.
    public var text: String
    /// Findings sorted by `start`; offsets refer to the *original* text.
    public var findings: [Finding]

    public init(text: String, findings: [Finding]) {
        self.text = text
        self.findings = findings
    }
}
