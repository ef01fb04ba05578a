import CSodium

/// Secret files encrypted under a passphrase: Argon2id (libsodium `crypto_pwhash`, its
/// "moderate" limits) derives a key that seals the content with XSalsa20-Poly1305
/// (`crypto_secretbox_easy`).
///
/// Layout of the sealed bytes: salt (16) ‖ nonce (24) ‖ secretbox ciphertext. The label is mixed
/// into the key derivation input, so a blob made for one purpose cannot be opened as another.
public enum PassphraseBox {
    /// Encrypts `plaintext` under `passphrase`.
    public static func seal(_ plaintext: [UInt8], passphrase: String, label: String = DomainLabel.passphrase) throws -> [UInt8] {
        Sodium.ready()
        let salt = randomBytes(count: crypto_pwhash_saltbytes())
        let nonce = randomBytes(count: crypto_secretbox_noncebytes())
        var key = try deriveKey(passphrase: passphrase, salt: salt, label: label)
        defer { wipe(&key) }
        var out = [UInt8](repeating: 0, count: plaintext.count + crypto_secretbox_macbytes())
        guard crypto_secretbox_easy(&out, plaintext, UInt64(plaintext.count), nonce, key) == 0 else {
            throw CryptoError(.internalFailure, "secretbox failed")
        }
        return salt + nonce + out
    }

    /// Decrypts; a wrong passphrase and a damaged file fail alike.
    public static func open(_ sealed: [UInt8], passphrase: String, label: String = DomainLabel.passphrase) throws -> [UInt8] {
        Sodium.ready()
        let saltBytes = crypto_pwhash_saltbytes(), nonceBytes = crypto_secretbox_noncebytes(), mac = crypto_secretbox_macbytes()
        guard sealed.count >= saltBytes + nonceBytes + mac else {
            throw CryptoError(.openFailed, "wrong passphrase or damaged key file")
        }
        let salt = Array(sealed[0..<saltBytes])
        let nonce = Array(sealed[saltBytes..<(saltBytes + nonceBytes)])
        let box = Array(sealed[(saltBytes + nonceBytes)...])
        var key = try deriveKey(passphrase: passphrase, salt: salt, label: label)
        defer { wipe(&key) }
        var out = [UInt8](repeating: 0, count: box.count - mac)
        guard crypto_secretbox_open_easy(&out, box, UInt64(box.count), nonce, key) == 0 else {
            throw CryptoError(.openFailed, "wrong passphrase or damaged key file")
        }
        return out
    }

    private static func deriveKey(passphrase: String, salt: [UInt8], label: String) throws -> [UInt8] {
        var input = Array(label.utf8) + [0] + Array(passphrase.utf8)
        defer { wipe(&input) }
        var key = [UInt8](repeating: 0, count: crypto_secretbox_keybytes())
        let rc = input.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { chars in
                crypto_pwhash(&key, UInt64(key.count), chars.baseAddress!, UInt64(input.count), salt,
                              UInt64(crypto_pwhash_opslimit_moderate()), crypto_pwhash_memlimit_moderate(),
                              crypto_pwhash_alg_argon2id13())
            }
        }
        guard rc == 0 else { throw CryptoError(.internalFailure, "Argon2id failed (out of memory?)") }
        return key
    }
}
