import ChathamCrypto

/// Member tokens: a type prefix so a person can tell them apart from keys, then 32 random bytes.
/// The server stores only `hash(token)`.
public enum MemberToken {
    public static let prefix = "chm_member_"

    /// A new random token. Shown once to the operator, never stored.
    public static func generate() -> String {
        prefix + Encoding.base64URL(randomBytes(count: 32))
    }

    /// Lowercase hex BLAKE2b-256 of the token under the token label.
    public static func hash(_ token: String) -> String {
        Encoding.hex(BLAKE2b.hash(label: DomainLabel.token, Array(token.utf8)))
    }

    /// Whether a string has the shape of a token (cheap check before hashing).
    public static func looksValid(_ token: String) -> Bool {
        token.hasPrefix(prefix) && token.utf8.count == prefix.utf8.count + 43
            && token.utf8.dropFirst(prefix.utf8.count).allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x2d || c == 0x5f
            }
    }
}
