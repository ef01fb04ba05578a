import ChathamCrypto
import Foundation

/// Following a server's sealing-key rotation safely.
///
/// The CLI pinned the server's signing key at enrolment. `/v1/keys` lists each sealing key with the
/// signing key's signature over "chatham/v1/sealing-key" 0 key_id 0 public key 0 created. A new
/// sealing key is adopted only when that signature verifies with the pinned key and the public key
/// hashes to its id: a proxy or an impostor cannot make members seal to a key of its own.
public enum KeyRotation {
    /// The newest sealing key in `keys` that the pinned signing key vouches for, if it is not the
    /// configured one.
    public static func newerKey(in keys: ServerKeys, config: MemberConfig) throws -> ServerKeys.SealingKey? {
        let signing = try config.signingPublicKey()
        let vouched = keys.keys.filter { k in
            guard let created = k.created, let sigText = k.signature, let sig = try? Encoding.fromBase64(sigText),
                  let bytes = try? Encoding.fromBase64(k.publicKey), let pk = try? BoxPublicKey(bytes: bytes),
                  pk.keyID == k.keyID else { return false }
            return signing.isValidSignature(sig, for: sealingKeyStatement(keyID: k.keyID, publicKey: k.publicKey, created: created))
        }
        guard let newest = vouched.max(by: { ($0.created ?? "") < ($1.created ?? "") }), newest.keyID != config.keyID else { return nil }
        // Only move forward: never back to a key older than the pinned one.
        if let current = vouched.first(where: { $0.keyID == config.keyID }), (current.created ?? "") >= (newest.created ?? "") { return nil }
        return newest
    }

    /// Fetches `/v1/keys` and returns the config moved to a newer vouched key, or nil if none.
    public static func follow(config: MemberConfig, client: ServerClient) async throws -> MemberConfig? {
        guard let key = try newerKey(in: try await client.keys(), config: config) else { return nil }
        var moved = config
        moved.keyID = key.keyID
        moved.sealingKey = key.publicKey
        return moved
    }
}
