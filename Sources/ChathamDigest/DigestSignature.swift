import ChathamCrypto
import Foundation

/// Detached signatures of digest files: Ed25519 over the file's exact bytes. The `.sig` file
/// beside a digest holds the 64-byte signature in standard base64 and a newline, so any
/// libsodium binding can check it (`crypto_sign_verify_detached`).
public enum DigestSignature {
    /// The `.sig` file's contents for `bytes`.
    public static func sign(_ bytes: [UInt8], with key: SigningSecretKey) -> [UInt8] {
        Array((Encoding.base64(key.sign(bytes)) + "\n").utf8)
    }

    /// The raw signature in a `.sig` file: base64 text (surrounding whitespace ignored) or the
    /// 64 raw bytes. Nil if it is neither.
    public static func parse(_ sigFile: [UInt8]) -> [UInt8]? {
        let text = String(decoding: sigFile, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if let raw = try? Encoding.fromBase64(text), raw.count == 64 { return raw }
        return sigFile.count == 64 ? sigFile : nil
    }

    /// Whether `sigFile` is a valid signature of `bytes` by `key`.
    public static func verify(_ bytes: [UInt8], sigFile: [UInt8], key: SigningPublicKey) -> Bool {
        guard let sig = parse(sigFile) else { return false }
        return key.isValidSignature(sig, for: bytes)
    }
}
