import ChathamCrypto
import ChathamModel
import Foundation
import Testing
@testable import ChathamClient

@Suite struct StorageTests {
    @Test func configIsPrivateAndSurvivesReload() throws {
        let home = try temporaryHome()
        let config = makeConfig(box: .generate(), signing: .generate())
        try ConfigStore(home: home).save(config)
        #expect(mode(home.url) == 0o700)
        #expect(mode(home.configFile) == 0o600)
        #expect(try ConfigStore(home: home).load() == config)
    }

    @Test func configReadableByOthersIsRefused() throws {
        let home = try temporaryHome()
        try ConfigStore(home: home).save(makeConfig(box: .generate(), signing: .generate()))
        chmod(home.configFile.path, 0o644)
        #expect(throws: ClientError.self) { try ConfigStore(home: home).load() }
        do {
            _ = try ConfigStore(home: home).load()
        } catch let error as ClientError {
            #expect(error.code == .insecurePermissions)
            #expect(error.hint == "run: chmod 600 \(home.configFile.path)")
        }
    }

    @Test func configWhoseSealingKeyDoesNotMatchItsIDIsRefused() throws {
        let home = try temporaryHome()
        var config = makeConfig(box: .generate(), signing: .generate())
        config.sealingKey = Encoding.base64(BoxKeyPair.generate().publicKey.bytes)
        try ConfigStore(home: home).save(config)
        #expect(throws: ClientError.self) { try ConfigStore(home: home).load() }
    }

    @Test func missingConfigSaysHowToEnrol() throws {
        let home = try temporaryHome()
        do {
            _ = try ConfigStore(home: home).load()
            Issue.record("expected an error")
        } catch let error as ClientError {
            #expect(error.code == .notEnrolled)
            #expect(error.hint?.contains("chatham enrol") == true)
        }
    }

    @Test func credentialIsPrivateAndSurvivesReload() throws {
        let home = try temporaryHome()
        let issuer = try CredentialIssuerKey.generate()
        let request = try CredentialRequest(epoch: "2026-Q4", publicKeyDER: issuer.publicKeyDER)
        let credential = try request.finalize(blindSignature: try issuer.blindSign(request.blindedMessage))
        let store = CredentialStore(home: home)
        try store.save(credential)
        let file = home.credentialsDirectory.appendingPathComponent("2026-Q4.json")
        #expect(mode(file) == 0o600)
        #expect(try CredentialStore(home: home).credential(for: Epoch("2026-Q4")!) == credential)
        #expect(try store.credential(for: Epoch("2026-Q3")!) == nil)
        #expect(store.epochs() == [Epoch("2026-Q4")!])
        // A different credential for the same epoch must never replace the stored one.
        let other = Credential(epoch: "2026-Q4", message: [UInt8](repeating: 1, count: 64), signature: [UInt8](repeating: 2, count: 256))
        #expect(throws: ClientError.self) { try store.save(other) }
        chmod(file.path, 0o640)
        #expect(throws: ClientError.self) { try store.credential(for: Epoch("2026-Q4")!) }
    }

    @Test func credentialKeyIsPinnedPerEpoch() throws {
        let home = try temporaryHome()
        let store = CredentialStore(home: home)
        let a = try CredentialIssuerKey.generate().publicKeyDER
        let b = try CredentialIssuerKey.generate().publicKeyDER
        let fingerprint = try store.pinCredentialKey(a, for: Epoch("2026-Q4")!)
        #expect(try store.pinCredentialKey(a, for: Epoch("2026-Q4")!) == fingerprint)
        #expect(throws: ClientError.self) { try store.pinCredentialKey(b, for: Epoch("2026-Q4")!) }
        try store.pinCredentialKey(b, for: Epoch("2027-Q1")!)
        #expect(mode(home.credentialKeysFile) == 0o600)
    }

    @Test func outboxKeepsExactBytesPrivately() throws {
        let home = try temporaryHome()
        let outbox = Outbox(home: home)
        let id = "3f9c2a7e5b1d4c8e9a0b1c2d3e4f5a6b"
        let bytes = Array(#"{"key_id":"0011223344556677","sealed":"AAAA","version":1}"#.utf8)
        try outbox.put(id: id, period: "2026-10", source: "incident.yaml", envelope: bytes)
        #expect(mode(home.outboxDirectory.appendingPathComponent("\(id).json")) == 0o600)
        #expect(mode(home.outboxDirectory) == 0o700)
        let reloaded = Outbox(home: home)
        #expect(try reloaded.envelope(id: id) == bytes)
        #expect(try reloaded.list() == [Outbox.Entry(id: id, period: "2026-10", size: bytes.count, source: "incident.yaml")])
        try reloaded.remove(id: id)
        #expect(try reloaded.list().isEmpty)
    }

    @Test func sha256MatchesFIPSVectors() {
        #expect(Encoding.hex(SHA256Digest.of(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Encoding.hex(SHA256Digest.of([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Encoding.hex(SHA256Digest.of(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
