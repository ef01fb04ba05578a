import ChathamClient
import ChathamCrypto
import Foundation
import Testing

@Suite struct KeyRotationTests {
    static func entry(_ pair: BoxKeyPair, created: String, signer: SigningSecretKey?) -> ServerKeys.SealingKey {
        let pk = Encoding.base64(pair.publicKey.bytes)
        let sig = signer.map { Encoding.base64($0.sign(sealingKeyStatement(keyID: pair.publicKey.keyID, publicKey: pk, created: created))) }
        return try! JSONDecoder().decode(ServerKeys.SealingKey.self, from: JSONSerialization.data(withJSONObject: [
            "key_id": pair.publicKey.keyID, "public_key": pk, "created": created, "signature": sig ?? "",
        ]))
    }

    static func keys(_ list: [ServerKeys.SealingKey], signing: SigningSecretKey) -> ServerKeys {
        let encoded = try! JSONSerialization.data(withJSONObject: [
            "keys": list.map { ["key_id": $0.keyID, "public_key": $0.publicKey, "created": $0.created!, "signature": $0.signature!] },
            "signing_key": Encoding.base64(signing.publicKey.bytes), "credential_keys": [] as [Any],
        ])
        return try! JSONDecoder().decode(ServerKeys.self, from: encoded)
    }

    @Test func followsOnlyVouchedNewerKeys() throws {
        let signing = SigningSecretKey.generate()
        let old = BoxKeyPair.generate(), new = BoxKeyPair.generate(), rogue = BoxKeyPair.generate()
        let config = MemberConfig(server: "http://127.0.0.1:1", token: "t", keyID: old.publicKey.keyID,
                                  signingKey: Encoding.base64(signing.publicKey.bytes), sealingKey: Encoding.base64(old.publicKey.bytes))
        let oldEntry = Self.entry(old, created: "2026-01-01", signer: signing)
        // Nothing newer: stay.
        #expect(try KeyRotation.newerKey(in: Self.keys([oldEntry], signing: signing), config: config) == nil)
        // A newer key vouched by the pinned signing key: move.
        let moved = try KeyRotation.newerKey(in: Self.keys([Self.entry(new, created: "2026-03-01", signer: signing), oldEntry], signing: signing), config: config)
        #expect(moved?.keyID == new.publicKey.keyID)
        // A newer key signed by anyone else, or not signed: refuse.
        let impostor = SigningSecretKey.generate()
        #expect(try KeyRotation.newerKey(in: Self.keys([Self.entry(rogue, created: "2026-05-01", signer: impostor), oldEntry], signing: signing), config: config) == nil)
        #expect(try KeyRotation.newerKey(in: Self.keys([Self.entry(rogue, created: "2026-05-01", signer: nil), oldEntry], signing: signing), config: config) == nil)
        // A vouched key whose date was tampered with no longer verifies.
        var tampered = Self.entry(new, created: "2026-03-01", signer: signing)
        tampered.created = "2027-01-01"
        #expect(try KeyRotation.newerKey(in: Self.keys([tampered, oldEntry], signing: signing), config: config) == nil)
    }
}
