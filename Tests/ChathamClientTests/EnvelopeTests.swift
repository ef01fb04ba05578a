import ChathamCrypto
import ChathamModel
import Foundation
import Testing
@testable import ChathamClient

@Suite struct EnvelopeTests {
    @Test func envelopeOpensWithTheServerKeyIntoCredentialAndReport() throws {
        let box = BoxKeyPair.generate()
        let home = try temporaryHome()
        let config = makeConfig(box: box, signing: .generate())
        let submitter = try Submitter(config: config, home: home)
        let checked = try ReportChecker.check(text: designExample, profile: nil)

        let issuer = try CredentialIssuerKey.generate()
        let request = try CredentialRequest(epoch: "2026-Q4", publicKeyDER: issuer.publicKeyDER)
        let credential = try request.finalize(blindSignature: try issuer.blindSign(request.blindedMessage))

        let envelope = try submitter.envelope(for: checked, credential: credential)
        guard case .object(let members) = try JSONValue(bytes: envelope) else { Issue.record("not an object"); return }
        #expect(Set(members.keys) == ["version", "key_id", "sealed"])
        #expect(members["version"] == .number(1))
        #expect(members["key_id"] == .string(box.publicKey.keyID))
        guard case .string(let sealed)? = members["sealed"] else { Issue.record("no sealed"); return }

        let plaintext = try SealedBox.open(try Encoding.fromBase64(sealed), with: box)
        guard case .object(let inner) = try JSONValue(bytes: plaintext) else { Issue.record("plaintext not an object"); return }
        #expect(Set(inner.keys) == ["credential", "report"])
        #expect(CanonicalJSON.encode(inner["report"]!) == checked.canonicalJSON)
        let opened = try JSONDecoder().decode(Credential.self, from: Data(CanonicalJSON.encode(inner["credential"]!)))
        #expect(opened == credential)
        #expect(try CredentialPublicKey(derRepresentation: issuer.publicKeyDER).isValid(preparedMessage: opened.message, signature: opened.signature))
        let report = try ReportCodec.decode(json: CanonicalJSON.encode(inner["report"]!))
        #expect(report.id == "3f9c2a7e5b1d4c8e9a0b1c2d3e4f5a6b")
        #expect(ReportValidator.validate(report).isEmpty)

        // Every seal draws a new ephemeral key.
        #expect(try submitter.envelope(for: checked, credential: credential) != envelope)
        // Another key cannot open it.
        #expect(throws: CryptoError.self) { try SealedBox.open(try Encoding.fromBase64(sealed), with: .generate()) }
    }

    @Test func dryRunGivesTheExactEnvelopeSize() throws {
        let box = BoxKeyPair.generate()
        let submitter = try Submitter(config: makeConfig(box: box, signing: .generate()), home: try temporaryHome())
        let checked = try ReportChecker.check(text: designExample, profile: nil)
        let credential = Credential(epoch: "2026-Q4", message: [UInt8](repeating: 7, count: 64), signature: [UInt8](repeating: 9, count: 256))
        let info = try submitter.dryRun(checked)
        #expect(info.credentialStored == false)
        #expect(info.envelopeSize == (try submitter.envelope(for: checked, credential: credential)).count)
    }
}
