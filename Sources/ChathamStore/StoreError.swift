/// The one error type of ChathamStore, with a stable code.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let value: String
        private init(_ value: String) { self.value = value }
        /// A member label is already taken.
        public static let duplicateMember = Code("duplicate_member")
        /// No member has that label.
        public static let unknownMember = Code("unknown_member")
        /// The period already has a release.
        public static let periodClosed = Code("period_closed")
        /// A pseudonym has filed the most reports allowed in its epoch.
        public static let capReached = Code("cap_reached")
        /// The period has no release.
        public static let unknownRelease = Code("unknown_release")
        /// The database file is missing, unreadable or of another application.
        public static let unavailable = Code("unavailable")
        public var description: String { value }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
