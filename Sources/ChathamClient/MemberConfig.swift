import ChathamCrypto
import Foundation

/// What `chatham enrol` pins: the server, the member token and the server's keys.
///
/// `config.json` (0600): `{"server","token","key_id","signing_key","sealing_key"}`, keys in
/// base64. The sealing key is checked against `key_id` on every load, so an edited file cannot
/// make the CLI seal to some other key.
public struct MemberConfig: Codable, Sendable, Equatable {
    /// Base URL, e.g. `https://isac.example:8443` (no trailing slash).
    public var server: String
    /// The member token (`chm_member_…`); sent only to `/v1/credentials` and `/v1/releases`.
    public var token: String
    /// The pinned sealing key id, 16 lowercase hex.
    public var keyID: String
    /// The server's Ed25519 release-signing key, base64.
    public var signingKey: String
    /// The server's X25519 sealing key, base64.
    public var sealingKey: String

    public init(server: String, token: String, keyID: String, signingKey: String, sealingKey: String) {
        self.server = server
        self.token = token
        self.keyID = keyID
        self.signingKey = signingKey
        self.sealingKey = sealingKey
    }

    enum CodingKeys: String, CodingKey {
        case server, token
        case keyID = "key_id"
        case signingKey = "signing_key"
        case sealingKey = "sealing_key"
    }

    /// The pinned sealing key, after checking that it hashes to `keyID`.
    public func sealingPublicKey() throws -> BoxPublicKey {
        guard let bytes = try? Encoding.fromBase64(sealingKey), let key = try? BoxPublicKey(bytes: bytes) else {
            throw ClientError(.badFile, "config.json: sealing_key is not a base64 X25519 public key", hint: "enrol again with chatham enrol")
        }
        guard key.keyID == keyID else {
            throw ClientError(.untrustedServer, "config.json: sealing_key does not hash to key_id \(keyID)",
                              hint: "enrol again with the key id your operator gave you")
        }
        return key
    }

    /// The pinned release-signing key.
    public func signingPublicKey() throws -> SigningPublicKey {
        guard let bytes = try? Encoding.fromBase64(signingKey), let key = try? SigningPublicKey(bytes: bytes) else {
            throw ClientError(.badFile, "config.json: signing_key is not a base64 Ed25519 public key", hint: "enrol again with chatham enrol")
        }
        return key
    }

    /// The server URL, checked.
    public func serverURL() throws -> URL {
        try MemberConfig.parseServer(server)
    }

    /// Parses and normalises a server URL: http or https, a host, no trailing slash.
    public static func parseServer(_ text: String) throws -> URL {
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
              url.query == nil, url.fragment == nil else {
            throw ClientError(.usage, "\"\(text)\" is not a server URL", hint: "use the form https://host[:port]")
        }
        return url
    }
}

/// Reads and writes `config.json`.
public struct ConfigStore: Sendable {
    public let home: ChathamHome

    public init(home: ChathamHome) { self.home = home }

    /// Whether `config.json` exists.
    public var exists: Bool { FileManager.default.fileExists(atPath: home.configFile.path) }

    /// Loads the config, refusing one that others can read.
    public func load() throws -> MemberConfig {
        let file = home.configFile
        guard let bytes = try SecureFile.read(file) else {
            throw ClientError(.notEnrolled, "not enrolled: \(file.path) does not exist",
                              hint: "run: chatham enrol --server URL --token TOKEN --key-id ID")
        }
        try SecureFile.requirePrivate(file)
        do {
            let config = try JSONDecoder().decode(MemberConfig.self, from: Data(bytes))
            _ = try config.sealingPublicKey()
            _ = try config.signingPublicKey()
            return config
        } catch let error as ClientError {
            throw error
        } catch {
            throw ClientError(.badFile, "\(file.path) is not a chatham config", hint: "enrol again with chatham enrol")
        }
    }

    /// Loads the config if there is one.
    public func loadIfPresent() throws -> MemberConfig? {
        exists ? try load() : nil
    }

    /// Writes the config (0600, atomically).
    public func save(_ config: MemberConfig) throws {
        try home.ensureExists()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var bytes = [UInt8](try encoder.encode(config))
        bytes.append(0x0A)
        try SecureFile.write(bytes, to: home.configFile)
    }
}
