/// The one error type of ChathamCrypto.
///
/// Every failure to open a box or verify a signature carries the same code and the same text:
/// callers must not learn, and must not be able to tell a peer, which check failed.
public struct CryptoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable codes; a struct rather than an enum so cases can grow without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable { case invalidKey, openFailed, invalidCredential, encodingFailed, internalFailure }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        /// A key had the wrong length or form.
        public static let invalidKey = Code(.invalidKey)
        /// A sealed box could not be opened (truncated, tampered, wrong key, …: never said which).
        public static let openFailed = Code(.openFailed)
        /// A credential did not verify (never said why).
        public static let invalidCredential = Code(.invalidCredential)
        /// Bytes were not valid base64 or hex.
        public static let encodingFailed = Code(.encodingFailed)
        /// libsodium or BoringSSL reported an internal failure.
        public static let internalFailure = Code(.internalFailure)
        public var description: String { value.rawValue }
    }

    public let code: Code
    private let detail: String

    init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail }

    static let openFailed = CryptoError(.openFailed, "the sealed box could not be opened")
    static let invalidCredential = CryptoError(.invalidCredential, "the credential is not valid")
}
