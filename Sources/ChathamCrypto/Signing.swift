import CSodium

/// An Ed25519 public key (releases, digests and vouching for sealing keys).
public struct SigningPublicKey: Sendable, Hashable {
    /// The 32 raw bytes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws {
        Sodium.ready()
        guard bytes.count == crypto_sign_publickeybytes() else {
            throw CryptoError(.invalidKey, "a signing public key has \(crypto_sign_publickeybytes()) bytes")
        }
        self.bytes = bytes
    }

    /// Checks a detached Ed25519 signature; false for any malformed input.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == crypto_sign_bytes() else { return false }
        return crypto_sign_verify_detached(signature, message, UInt64(message.count), bytes) == 0
    }
}

/// An Ed25519 secret key (64 bytes in libsodium's form: seed || public key); zeroed when released.
public struct SigningSecretKey: Sendable {
    public let secret: SecretBytes
    public let publicKey: SigningPublicKey

    /// A fresh random signing key.
    public static func generate() -> SigningSecretKey {
        Sodium.ready()
        var pk = [UInt8](repeating: 0, count: crypto_sign_publickeybytes())
        var sk = [UInt8](repeating: 0, count: crypto_sign_secretkeybytes())
        precondition(crypto_sign_keypair(&pk, &sk) == 0)
        defer { wipe(&sk) }
        return try! SigningSecretKey(bytes: sk)
    }

    /// From a 32-byte seed (deterministic; tests and vectors) or a 64-byte libsodium secret key.
    public init(bytes: [UInt8]) throws {
        Sodium.ready()
        var pk = [UInt8](repeating: 0, count: crypto_sign_publickeybytes())
        var sk = [UInt8](repeating: 0, count: crypto_sign_secretkeybytes())
        defer { wipe(&sk) }
        if bytes.count == crypto_sign_seedbytes() {
            guard crypto_sign_seed_keypair(&pk, &sk, bytes) == 0 else { throw CryptoError(.invalidKey, "bad seed") }
        } else if bytes.count == crypto_sign_secretkeybytes() {
            // Derive the public key from the seed part rather than trusting the stored half.
            guard crypto_sign_seed_keypair(&pk, &sk, Array(bytes.prefix(crypto_sign_seedbytes()))) == 0 else {
                throw CryptoError(.invalidKey, "bad signing key")
            }
        } else {
            throw CryptoError(.invalidKey, "a signing secret key has \(crypto_sign_secretkeybytes()) bytes")
        }
        secret = SecretBytes(sk)
        publicKey = try SigningPublicKey(bytes: pk)
    }

    /// A detached Ed25519 signature of `message`.
    public func sign(_ message: [UInt8]) -> [UInt8] {
        var sig = [UInt8](repeating: 0, count: crypto_sign_bytes())
        let rc = secret.withUnsafeBytes { sk in
            crypto_sign_detached(&sig, nil, message, UInt64(message.count), sk.bindMemory(to: UInt8.self).baseAddress!)
        }
        precondition(rc == 0)
        return sig
    }
}
