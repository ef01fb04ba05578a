@testable import ChathamCrypto
import Crypto
import CryptoExtras
import Foundation
import Testing

/// Vectors made by independent implementations (PyNaCl, Python's `cryptography`, RFC 9474's
/// appendix), kept in Tests/Vectors with the generator that made them.
enum Vectors {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Vectors")

    static func load(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

@Suite struct VectorTests {
    @Test func pyNaClSealedBoxes() throws {
        let file = try Vectors.load("sealedbox.json")
        let cases = try #require(file["cases"] as? [[String: String]])
        #expect(cases.count >= 7)
        for c in cases {
            let keys = try BoxKeyPair(secretKey: BoxSecretKey(bytes: Encoding.fromBase64(c["secret_key"]!)))
            #expect(Encoding.base64(keys.publicKey.bytes) == c["public_key"], "\(c["name"]!)")
            let sealed = try Encoding.fromBase64(c["sealed"]!)
            switch c["expect"] {
            case "accept":
                #expect(try SealedBox.open(sealed, with: keys) == Encoding.fromBase64(c["plaintext"]!), "\(c["name"]!)")
            default:
                #expect(throws: ChathamCrypto.CryptoError.self, "\(c["name"]!)") { try SealedBox.open(sealed, with: keys) }
            }
        }
        let pk = try BoxPublicKey(bytes: Encoding.fromBase64(file["public_key"] as! String))
        #expect(pk.keyID == file["key_id"] as? String)
    }

    /// RFC 9474 Appendix A: the issuer's blind signature must be the published one, and the
    /// published final signature must verify under the server's verification path.
    @Test func rfc9474PublishedVectors() throws {
        let vectors = try #require(try Vectors.load("rfc9474.json")["vectors"] as? [[String: Any]])
        let pss = vectors.filter { ($0["salt_length"] as? Int) == 48 }
        #expect(pss.count >= 2)
        for v in pss {
            func hex(_ k: String) throws -> [UInt8] { try Encoding.fromHex(v[k] as! String) }
            let key = try _RSA.BlindSigning.PrivateKey(n: hex("n"), e: hex("e"), d: hex("d"), p: hex("p"), q: hex("q"),
                                                       parameters: .RSABSSA_SHA384_PSS_Randomized)
            let issuer = CredentialIssuerKey(key: key)
            #expect(try issuer.blindSign(hex("blinded_msg")) == hex("blind_sig"), "\(v["name"]!)")
            let verifier = try CredentialPublicKey(derRepresentation: issuer.publicKeyDER)
            #expect(verifier.isValidRSABSSASignature(try hex("sig"), forPreparedMessage: try hex("prepared_msg")))
            var wrong = try hex("prepared_msg")
            wrong[0] ^= 1
            #expect(!verifier.isValidRSABSSASignature(try hex("sig"), forPreparedMessage: wrong))
        }
    }

    @Test func credentialsFromPython() throws {
        let file = try Vectors.load("credentials.json")
        var verifiers: [String: CredentialPublicKey] = [:]
        for k in try #require(file["credential_keys"] as? [[String: String]]) {
            verifiers[k["epoch"]!] = try CredentialPublicKey(derRepresentation: Encoding.fromBase64(k["public_key"]!))
            // The PEM private key loads and matches.
            let issuer = try CredentialIssuerKey(pemRepresentation: k["private_key_pem"]!)
            #expect(Encoding.base64(issuer.publicKeyDER) == k["public_key"])
        }
        for flow in try #require(file["flows"] as? [[String: Any]]) {
            let issuer = try CredentialIssuerKey(pemRepresentation: (file["credential_keys"] as! [[String: String]])
                .first { $0["epoch"] == flow["epoch"] as? String }!["private_key_pem"]!)
            #expect(try issuer.blindSign(Encoding.fromBase64(flow["blinded_message"] as! String))
                    == Encoding.fromBase64(flow["blind_signature"] as! String))
        }
        for c in try #require(file["cases"] as? [[String: Any]]) {
            let data = try JSONSerialization.data(withJSONObject: c["credential"]!)
            let credential = try? JSONDecoder().decode(Credential.self, from: data)
            let valid = credential.map { cred in
                cred.epoch == c["report_epoch"] as? String
                    && (verifiers[cred.epoch]?.isValid(preparedMessage: cred.message, signature: cred.signature) ?? false)
            } ?? false
            #expect(valid == (c["expect"] as? String == "accept"), "\(c["name"]!)")
            if valid { #expect(credential?.pseudonym == c["pseudonym"] as? String) }
        }
    }
}
