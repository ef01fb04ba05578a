/// One piece of text the scrubber removed.
///
/// `start` and `end` are **Unicode scalar offsets into the original text**
/// (0-based, `end` exclusive): `Array(original.unicodeScalars)[start..<end]` is
/// what was removed and `replacement` is what stands in its place. The JSON
/// form is `{"kind","start","end","replacement"}`, as `chatham scrub --json` prints.
public struct Finding: Sendable, Equatable, Codable {
    /// What was found: `org`, `person`, `email`, `ip`, `domain`, `url`, `host`,
    /// `location`, `term` (later: `phone`, `id`). Open-ended on purpose.
    public var kind: String
    /// First scalar of the removed text in the original.
    public var start: Int
    /// One past the last scalar of the removed text in the original.
    public var end: Int
    /// The placeholder written instead, e.g. `[ORG]`.
    public var replacement: String

    public init(kind: String, start: Int, end: Int, replacement: String) {
        self.kind = kind
        self.start = start
        self.end = end
        self.replacement = replacement
    }
}
