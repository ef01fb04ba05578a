import ChathamCrypto
import ChathamModel

/// Checks the Ed25519 signature of a release or a JSON digest (protocol.md §10): over the
/// RFC 8785 canonical JSON of the document without its `signature` member.
///
/// Works on the parsed JSON rather than on `ReleaseDocument`, so any signed chatham document
/// verifies, whatever members a later digest format adds.
public enum ReleaseVerifier {
    /// Verifies `bytes` and returns the signing key (base64).
    ///
    /// With `trusting` set (the key pinned at enrolment), the document must be signed by that
    /// key; without it the embedded key is used, which proves integrity but not origin.
    public static func verify(json bytes: [UInt8], trusting pinned: SigningPublicKey?) throws -> String {
        guard let value = try? JSONValue(bytes: bytes, maxDepth: 512), case .object(var members) = value else {
            throw ClientError(.badFile, "not a JSON document")
        }
        guard case .object(let signature)? = members.removeValue(forKey: "signature") else {
            throw ClientError(.badSignature, "the document has no signature")
        }
        guard case .string("ed25519")? = signature["alg"],
              case .string(let keyText)? = signature["key"], case .string(let valueText)? = signature["value"],
              let keyBytes = try? Encoding.fromBase64(keyText), let key = try? SigningPublicKey(bytes: keyBytes),
              let sig = try? Encoding.fromBase64(valueText) else {
            throw ClientError(.badSignature, "signature does not verify")
        }
        if let pinned, pinned.bytes != key.bytes {
            throw ClientError(.badSignature, "signed by \(keyText), not by the server's pinned signing key \(Encoding.base64(pinned.bytes))",
                              hint: "a signature by another key proves nothing about where the document came from")
        }
        guard key.isValidSignature(sig, for: CanonicalJSON.encode(.object(members))) else {
            throw ClientError(.badSignature, "signature does not verify")
        }
        return keyText
    }
}
