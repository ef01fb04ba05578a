import ChathamCrypto
import ChathamModel

/// The submission envelope of DESIGN and protocol.md §5: `{"version":1,"key_id","sealed"}`
/// around `crypto_box_seal({"credential","report"})`.
public enum Envelope {
    /// Largest body the server takes.
    public static let maxSize = 65_536

    /// The plaintext `{"credential":…,"report":…}` as RFC 8785 canonical JSON. Both members
    /// are canonical already and `credential` sorts before `report`, so concatenation is the
    /// canonical form of the whole.
    public static func plaintext(credential: Credential, reportJSON: [UInt8]) throws -> [UInt8] {
        let credentialJSON = try CanonicalJSON.encode(credential)
        return Array(#"{"credential":"#.utf8) + credentialJSON + Array(#","report":"#.utf8) + reportJSON + [UInt8(ascii: "}")]
    }

    /// Seals `plaintext` to the pinned key and wraps it: the exact bytes to POST and to keep
    /// in the outbox.
    public static func seal(_ plaintext: [UInt8], to key: BoxPublicKey) -> [UInt8] {
        let sealed = SealedBox.seal(plaintext, to: key)
        let body: JSONValue = .object([
            "version": .number(1),
            "key_id": .string(key.keyID),
            "sealed": .string(Encoding.base64(sealed)),
        ])
        return CanonicalJSON.encode(body)
    }

    /// Size of the envelope for a plaintext of `plaintextSize` bytes, without sealing it.
    public static func size(plaintextSize: Int) -> Int {
        let sealed = plaintextSize + SealedBox.overhead
        let base64 = (sealed + 2) / 3 * 4
        return #"{"key_id":"0123456789abcdef","sealed":"","version":1}"#.utf8.count + base64
    }
}
