import ChathamCrypto
import Foundation

/// `chatham enrol`: pins the server's keys after checking them against the key id the
/// operator handed over out of band.
public enum Enrolment {
    /// Fetches `/v1/keys`, refuses unless a sealing key with `keyID` is listed and hashes to
    /// it, checks the token, and saves `config.json` (0600). Returns the saved config.
    public static func enrol(server: String, token: String, keyID: String, home: ChathamHome) async throws -> MemberConfig {
        let url = try MemberConfig.parseServer(server)
        let keyID = keyID.lowercased()
        guard keyID.count == 16, keyID.allSatisfy({ $0.isHexDigit }) else {
            throw ClientError(.usage, "\"\(keyID)\" is not a key id", hint: "a key id is 16 hex digits, as chatham-server init prints it")
        }
        guard !token.isEmpty, !token.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw ClientError(.usage, "the member token is empty or contains spaces")
        }
        let client = ServerClient(baseURL: url)
        let keys = try await client.keys()
        guard let listed = keys.keys.first(where: { $0.keyID.lowercased() == keyID }) else {
            let ids = keys.keys.map(\.keyID).joined(separator: ", ")
            throw ClientError(.untrustedServer, "the server at \(url.absoluteString) does not list sealing key \(keyID)",
                              hint: ids.isEmpty ? "check the server URL with your operator"
                                                : "it lists \(ids); check the key id with your operator before trusting it")
        }
        guard let bytes = try? Encoding.fromBase64(listed.publicKey), let sealing = try? BoxPublicKey(bytes: bytes) else {
            throw ClientError(.untrustedServer, "the server's sealing key \(keyID) is not a base64 X25519 public key")
        }
        guard sealing.keyID == keyID else {
            throw ClientError(.untrustedServer, "the server's key listed as \(keyID) hashes to \(sealing.keyID)",
                              hint: "do not enrol; tell your operator")
        }
        guard let signingBytes = try? Encoding.fromBase64(keys.signingKey), (try? SigningPublicKey(bytes: signingBytes)) != nil else {
            throw ClientError(.untrustedServer, "the server's signing key is not a base64 Ed25519 public key")
        }

        // A wrong token is better found now than at the first submission.
        do {
            _ = try await client.releasedPeriods(token: token)
        } catch let error as ClientError where error.serverCode == "unauthorized" || error.serverCode == "revoked" {
            throw ClientError(.server, "the server does not accept this member token (\(error.serverCode!))",
                              hint: "check the token with your operator")
        } catch let error as ClientError where error.code == .server {
            // Other answers (a server without releases yet, say) say nothing about the token.
        }

        let config = MemberConfig(server: url.absoluteString, token: token, keyID: keyID,
                                  signingKey: keys.signingKey, sealingKey: listed.publicKey)
        try ConfigStore(home: home).save(config)
        return config
    }
}
