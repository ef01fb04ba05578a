/// The one error type of ChathamClient: a stable code, one line for people and, where it
/// helps, one line saying what to do.
///
/// The CLI prints `chatham: error: <message>` and `chatham: hint: <hint>`; programs branch on
/// `code`. Messages never carry a token, a plaintext or a secret.
public struct ClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes; a struct rather than an enum so codes can grow without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let raw: String
        private init(_ raw: String) { self.raw = raw }
        /// No config: the member has not run `chatham enrol`.
        public static let notEnrolled = Code("not_enrolled")
        /// A secret file is readable by group or others.
        public static let insecurePermissions = Code("insecure_permissions")
        /// A file could not be read or written.
        public static let io = Code("io")
        /// A local file (config, credential, outbox entry, profile) is malformed.
        public static let badFile = Code("bad_file")
        /// The report does not pass checking; `message` names the field path.
        public static let invalidReport = Code("invalid_report")
        /// The server could not be reached or its reply was cut off.
        public static let network = Code("network")
        /// The server answered with an error (`serverCode` holds its code).
        public static let server = Code("server")
        /// The server's keys are not the pinned ones, or its reply breaks the protocol.
        public static let untrustedServer = Code("untrusted_server")
        /// A signature did not verify.
        public static let badSignature = Code("bad_signature")
        /// The credential for the epoch was issued before and is not stored here.
        public static let credentialLost = Code("credential_lost")
        /// The member declined, or confirmation was needed and could not be asked.
        public static let notConfirmed = Code("not_confirmed")
        /// A feature that a later version adds.
        public static let notAvailable = Code("not_available")
        /// Wrong use of a command (exit 64).
        public static let usage = Code("usage")
        public var description: String { raw }
    }

    public let code: Code
    /// One line: what went wrong.
    public let message: String
    /// One line: what to do, or nil.
    public let hint: String?
    /// The server's error code (`already_issued`, `period_closed`, …) for `.server` errors.
    public let serverCode: String?
    /// The HTTP status for `.server` errors.
    public let status: Int?

    public init(_ code: Code, _ message: String, hint: String? = nil, serverCode: String? = nil, status: Int? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.serverCode = serverCode
        self.status = status
    }

    public var description: String { message }

    /// The process exit status the CLI uses: 64 for usage errors, 1 otherwise.
    public var exitCode: Int32 { code == .usage ? 64 : 1 }
}
