/// The one error type of ChathamScrub, with a stable code so callers (the CLI's
/// `chatham: error: …` line, tests) can branch on the kind of failure while the
/// message stays free to improve.
public struct ScrubError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable, growable error code (a struct rather than an enum so new codes
    /// do not break exhaustive switches in other modules).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let raw: String
        private init(_ raw: String) { self.raw = raw }
        /// The profile is not YAML at all, or its top level is not a mapping.
        public static let invalidYAML = Code("invalid_yaml")
        /// A key the profile format does not define (often a typo).
        public static let unknownKey = Code("unknown_key")
        /// A known key with a value of the wrong shape or an unusable entry.
        public static let invalidValue = Code("invalid_value")
        public var description: String { raw }
    }

    /// What went wrong, in machine-readable form.
    public let code: Code
    /// One line saying what is wrong and, where it helps, what to do.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
