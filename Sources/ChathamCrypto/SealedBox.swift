import CSodium

/// An X25519 public key that sealed boxes are made for.
public struct BoxPublicKey: Sendable, Hashable {
    /// The 32 raw bytes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws {
        Sodium.ready()
        guard bytes.count == crypto_box_publickeybytes() else {
            throw CryptoError(.invalidKey, "a sealing public key has \(crypto_box_publickeybytes()) bytes")
        }
        self.bytes = bytes
    }

    /// The key id of DESIGN: lowercase hex of the first 8 bytes of unkeyed BLAKE2b-256 of the key.
    public var keyID: String {
        Encoding.hex(BLAKE2b.hash(bytes, outputLength: 32).prefix(8))
    }
}

/// An X25519 secret key; zeroed when released.
public struct BoxSecretKey: Sendable {
    /// The secret bytes, wiped on release.
    public let secret: SecretBytes

    public init(bytes: [UInt8]) throws {
        Sodium.ready()
        guard bytes.count == crypto_box_secretkeybytes() else {
            throw CryptoError(.invalidKey, "a sealing secret key has \(crypto_box_secretkeybytes()) bytes")
        }
        secret = SecretBytes(bytes)
    }
}

/// A sealing key pair (the server's).
public struct BoxKeyPair: Sendable {
    public let publicKey: BoxPublicKey
    public let secretKey: BoxSecretKey

    /// A fresh random key pair.
    public static func generate() -> BoxKeyPair {
        Sodium.ready()
        var pk = [UInt8](repeating: 0, count: crypto_box_publickeybytes())
        var sk = [UInt8](repeating: 0, count: crypto_box_secretkeybytes())
        let rc = crypto_box_keypair(&pk, &sk)
        precondition(rc == 0)
        defer { wipe(&sk) }
        return try! BoxKeyPair(secretKey: BoxSecretKey(bytes: sk))
    }

    /// Rebuilds the pair from its secret key (the public key is derived, never trusted from disk).
    public init(secretKey: BoxSecretKey) throws {
        var pk = [UInt8](repeating: 0, count: crypto_box_publickeybytes())
        let rc = secretKey.secret.withUnsafeBytes { crypto_scalarmult_base(&pk, $0.bindMemory(to: UInt8.self).baseAddress!) }
        guard rc == 0 else { throw CryptoError(.invalidKey, "not a valid X25519 secret key") }
        self.publicKey = try BoxPublicKey(bytes: pk)
        self.secretKey = secretKey
    }
}

/// libsodium sealed boxes (`crypto_box_seal`): anonymous public-key encryption.
public enum SealedBox {
    /// Overhead of a sealed box over its plaintext (48 bytes).
    public static var overhead: Int { Sodium.ready(); return crypto_box_sealbytes() }

    /// Seals `plaintext` so that only the holder of `recipient`'s secret key can open it.
    public static func seal(_ plaintext: [UInt8], to recipient: BoxPublicKey) -> [UInt8] {
        Sodium.ready()
        var out = [UInt8](repeating: 0, count: plaintext.count + overhead)
        let rc = crypto_box_seal(&out, plaintext, UInt64(plaintext.count), recipient.bytes)
        precondition(rc == 0, "crypto_box_seal failed")
        return out
    }

    /// Opens a sealed box. Every failure (empty, truncated, tampered, wrong key) throws the same
    /// `CryptoError` with code `.openFailed`.
    public static func open(_ box: [UInt8], with keys: BoxKeyPair) throws -> [UInt8] {
        Sodium.ready()
        guard box.count >= overhead else { throw CryptoError.openFailed }
        var out = [UInt8](repeating: 0, count: box.count - overhead)
        let rc = keys.secretKey.secret.withUnsafeBytes { sk in
            crypto_box_seal_open(&out, box, UInt64(box.count), keys.publicKey.bytes, sk.bindMemory(to: UInt8.self).baseAddress!)
        }
        guard rc == 0 else { throw CryptoError.openFailed }
        return out
    }
}
