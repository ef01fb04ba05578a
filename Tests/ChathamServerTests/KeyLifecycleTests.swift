import ChathamCrypto
import ChathamModel
import ChathamStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import ChathamServer
import Testing

@Suite struct KeyLifecycleTests {
    @Test func keyFilesAreEncryptedUnderAPassphrase() async throws {
        let fx = try Fixture(members: 1, passphrase: "a long test passphrase")
        defer { fx.remove() }
        let keysDir = fx.directory.url.appendingPathComponent("keys")
        for name in try FileManager.default.contentsOfDirectory(atPath: keysDir.path) {
            let text = try String(contentsOf: keysDir.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix("CHATHAM-ENCRYPTED-1:"), "\(name)")
        }
        // Without the passphrase, or with a wrong one, nothing starts.
        #expect(throws: ServerError.self) { try ServerKeys(directory: DataDirectory(path: fx.directory.url.path)) }
        #expect(throws: ServerError.self) {
            try ServerKeys(directory: DataDirectory(path: fx.directory.url.path, passphrase: "the wrong passphrase"))
        }
        // With it, the server works, and credential keys it makes are encrypted too.
        try await fx.application().test(.router) { client in
            var member = TestMember(token: fx.tokens[0])
            _ = try await member.credential(epoch: "2026-Q4", client: client)
        }
        let pem = try String(contentsOf: keysDir.appendingPathComponent("credential-2026-Q4.pem"), encoding: .utf8)
        #expect(pem.hasPrefix("CHATHAM-ENCRYPTED-1:CHATHAM-CREDENTIAL-SECRET-KEY-1:"))
        #expect(!pem.contains("BEGIN"))
    }

    @Test func refusesKeyFilesOthersCanRead() throws {
        let fx = try Fixture(members: 0)
        defer { fx.remove() }
        chmod(fx.directory.signingKeyPath, 0o644)
        #expect(throws: ServerError.self) { try ServerKeys(directory: fx.directory) }
    }

    @Test func rotationListsVouchedKeysAndRetiresAfterGrace() async throws {
        let fx = try Fixture(members: 2)
        defer { fx.remove() }
        let later = Fixture.now.addingTimeInterval(10 * 86400)
        let newID = try Operator(fx.directory).rotateSealingKey(now: later)
        #expect(newID != fx.keyID)
        let signing = try fx.directory.loadSigningKey().publicKey
        // Within the grace window both keys open submissions; /v1/keys lists the new one first.
        try await fx.application(now: later.addingTimeInterval(86400)).test(.router) { client in
            let keys = try await TestMember.keys(client)
            let listed = try #require(keys["keys"] as? [[String: String]])
            #expect(listed.map { $0["key_id"]! } == [newID, fx.keyID])
            for k in listed {
                let bytes = sealingKeyStatement(keyID: k["key_id"]!, publicKey: k["public_key"]!, created: k["created"]!)
                #expect(signing.isValidSignature(try Encoding.fromBase64(k["signature"]!), for: bytes))
                #expect(!SigningSecretKey.generate().publicKey.isValidSignature(try Encoding.fromBase64(k["signature"]!), for: bytes))
            }
            var member = TestMember(token: fx.tokens[0])
            let credential = try await member.credential(epoch: "2026-Q4", client: client)
            for k in listed {
                try await client.execute(uri: "/v1/submissions", method: .post,
                                         body: try envelope(keyID: k["key_id"]!, sealingKey: Encoding.fromBase64(k["public_key"]!),
                                                            credential: credential, report: report())) { r in
                    #expect(r.status == .accepted)
                }
            }
        }
        // 31 days after the rotation the old key is retired: unknown_key.
        try await fx.application(now: later.addingTimeInterval(31 * 86400)).test(.router) { client in
            let keys = try await TestMember.keys(client)
            #expect((keys["keys"] as? [[String: String]])?.map { $0["key_id"]! } == [newID])
            try await client.execute(uri: "/v1/submissions", method: .post,
                                     body: jsonBody(["version": 1, "key_id": fx.keyID, "sealed": Encoding.base64(randomBytes(count: 100))])) { r in
                #expect(errorCode(r) == "unknown_key")
            }
        }
        let list = try Operator(fx.directory).sealingKeys(now: later.addingTimeInterval(31 * 86400))
        #expect(list.map(\.active) == [true, false])
    }

    @Test func autoReleasePublishesAMonthDaysAfterItEnds() async throws {
        let fx = try Fixture(members: 6)
        defer { fx.remove() }
        try await fx.application().test(.router) { client in
            _ = try await ReleaseTests.scenario(fx, client: client, counts: [1, 1, 1, 1, 1, 1])
        }
        let store = try AppDatabase(path: fx.directory.databasePath)
        let service = ReleaseService(store: store, signing: try fx.directory.loadSigningKey())
        func auto(_ date: String) -> AutoRelease {
            let f = ISO8601DateFormatter()
            let now = f.date(from: date + "T00:00:00Z")!
            return AutoRelease(days: 7, store: store, release: service, clock: { now }, logger: .init(label: "test"))
        }
        #expect(auto("2026-12-07").runOnce().isEmpty)
        #expect(try !store.isClosed(period: "2026-11"))
        #expect(auto("2026-12-08").runOnce() == ["2026-11"])
        #expect(try store.isClosed(period: "2026-11"))
        #expect(auto("2026-12-09").runOnce().isEmpty)
    }
}

@Suite struct OperatorPolicyTests {
    /// `DATA/policy.json` is what `chatham-server release` protects with, and the release says so.
    @Test func theOperatorsPolicyFileGovernsTheRelease() async throws {
        let fx = try Fixture(members: 6)
        defer { fx.remove() }
        try await fx.application().test(.router) { client in
            _ = try await ReleaseTests.scenario(fx, client: client, counts: [1, 1, 1, 1, 1, 1])
        }
        try Data(#"{"min_contributors": 7, "dominance": {"n": 2, "k": 0.9}}"#.utf8)
            .write(to: URL(fileURLWithPath: fx.directory.releasePolicyPath))
        let document = try Operator(fx.directory).release(period: "2026-11")
        #expect(document.policy.minContributors == 7)
        #expect(document.policy.dominance.k == 0.9)
        // Six members, seven needed: nothing can be published.
        #expect(document.tables.flatMap(\.cells).allSatisfy { $0.status != .published })
    }
}

@Suite struct SigningRotationTests {
    @Test func releasesSignedBeforeARotationStillAudit() async throws {
        let fx = try Fixture(members: 6)
        defer { fx.remove() }
        try await fx.application().test(.router) { client in
            _ = try await ReleaseTests.scenario(fx, client: client, counts: [1, 1, 1, 1, 1, 1])
        }
        let op = try Operator(fx.directory)
        let before = try op.release(period: "2026-11")
        let newKey = try op.rotateSigningKey()
        #expect(Encoding.base64(newKey.bytes) != before.signature?.key)
        // The old release names the old key and still verifies in the audit.
        #expect(try Operator(fx.directory).audit().allSatisfy { $0.findings.isEmpty })
        // Without the retired key on file it would not.
        for name in try FileManager.default.contentsOfDirectory(atPath: fx.directory.url.appendingPathComponent("keys").path)
        where name.hasSuffix(".pub") {
            try FileManager.default.removeItem(at: fx.directory.url.appendingPathComponent("keys/\(name)"))
        }
        #expect(try Operator(fx.directory).audit().contains { $0.findings.contains { $0.contains("bad_signature") } })
    }
}
