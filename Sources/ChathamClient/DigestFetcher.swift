import ChathamCrypto
import ChathamDigest
import ChathamModel
import Foundation

/// Fetches a signed digest from the server for `chatham digest` and checks it against the
/// signing key pinned at enrolment before writing anything: the detached signature over the
/// file's exact bytes, and for JSON also the embedded signature.
public struct DigestFetcher: Sendable {
    public let config: MemberConfig
    public let client: ServerClient

    public init(config: MemberConfig) throws {
        self.config = config
        self.client = ServerClient(baseURL: try config.serverURL())
    }

    /// A digest and its `.sig` file, both verified.
    public struct Fetched: Sendable {
        public var period: String
        public var bytes: [UInt8]
        public var signature: [UInt8]
    }

    /// The digest of `period` (the latest release when nil) in `format`.
    public func fetch(period: String?, format: DigestFormat, tlp: TLPLevel?) async throws -> Fetched {
        let chosen = try await ReleaseReader(config: config).fetch(period: period).document.period
        let query = tlp.map { "?tlp=" + ($0.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.rawValue) } ?? ""
        let path = "/v1/releases/\(chosen)/digest/\(format.rawValue)"
        let (status, bytes) = try await client.send("GET", path + query, token: config.token)
        try ServerClient.requireSuccess(status, bytes)
        let (sigStatus, signature) = try await client.send("GET", path + "/signature" + query, token: config.token)
        try ServerClient.requireSuccess(sigStatus, signature)
        let pinned = try config.signingPublicKey()
        guard DigestSignature.verify(bytes, sigFile: signature, key: pinned) else {
            throw ClientError(.badSignature, "the \(format.rawValue) digest of \(chosen) does not verify against the pinned signing key",
                              hint: "do not trust it; tell your operator")
        }
        if format == .json {
            _ = try ReleaseVerifier.verify(json: bytes, trusting: pinned)
        }
        return Fetched(period: chosen, bytes: bytes, signature: signature)
    }
}

/// What `chatham verify FILE` checked.
public struct DigestVerification: Sendable, Equatable {
    /// The signing key (base64) the file verified against.
    public var key: String
    /// Whether the embedded signature of a JSON document was checked.
    public var embedded: Bool
    /// Whether a detached `.sig` beside the file was checked.
    public var detached: Bool
    /// Whether the key was the one pinned at enrolment (or given), not just the one embedded.
    public var pinned: Bool
}

/// Verifies a release or digest file: the embedded signature of a JSON document, and the
/// detached signature in `FILE.sig` when there is one. At least one must be present; every
/// one present must verify.
public enum DigestVerifier {
    public static func verify(bytes: [UInt8], sigFile: [UInt8]?, trusting pinned: SigningPublicKey?) throws -> DigestVerification {
        var key: String?
        var embedded = false
        let looksLikeJSON = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{")
        if looksLikeJSON, let value = try? JSONValue(bytes: bytes, maxDepth: 512), case .object(let members) = value, members["signature"] != nil,
           members["schema"] != nil {
            key = try ReleaseVerifier.verify(json: bytes, trusting: pinned)
            embedded = true
        }
        var detached = false
        if let sigFile {
            let verifyKey: SigningPublicKey
            if let pinned {
                verifyKey = pinned
            } else if let key, let k = try? SigningPublicKey(bytes: Encoding.fromBase64(key)) {
                verifyKey = k
            } else {
                throw ClientError(.usage, "a detached signature needs the signing key to check it against",
                                  hint: "enrol first (the key is pinned then), or pass --key with the server's signing key (base64)")
            }
            guard DigestSignature.parse(sigFile) != nil else {
                throw ClientError(.badSignature, "the .sig file holds no Ed25519 signature")
            }
            guard DigestSignature.verify(bytes, sigFile: sigFile, key: verifyKey) else {
                throw ClientError(.badSignature, "the detached signature does not verify: the file is not what was signed, or another key signed it",
                                  hint: "do not trust the file")
            }
            key = Encoding.base64(verifyKey.bytes)
            detached = true
        }
        guard let key else {
            throw ClientError(.badSignature, "nothing to verify: the file has no embedded signature and there is no .sig file beside it",
                              hint: "keep the .sig file that came with the digest next to it (FILE.sig)")
        }
        return DigestVerification(key: key, embedded: embedded, detached: detached, pinned: pinned != nil)
    }
}
