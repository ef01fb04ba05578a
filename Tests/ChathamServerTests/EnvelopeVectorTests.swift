import ChathamCrypto
import ChathamStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import ChathamServer
import Testing

/// The envelopes of Tests/Vectors/envelopes.json, made by the Python generator with PyNaCl and
/// `cryptography`, submitted to the real router with the vectors' keys installed: each must get
/// exactly its expected outcome.
@Suite struct EnvelopeVectorTests {
    @Test func everyEnvelopeGetsItsExpectedOutcome() async throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Vectors/envelopes.json")
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let fx = try Fixture(members: 0)
        defer { fx.remove() }
        // Install the vectors' sealing key in place of the generated one, and their credential keys.
        let server = try #require(file["server"] as? [String: String])
        let keysDir = fx.directory.url.appendingPathComponent("keys")
        for name in try FileManager.default.contentsOfDirectory(atPath: keysDir.path) where name.hasPrefix("sealing-") {
            try FileManager.default.removeItem(at: keysDir.appendingPathComponent(name))
        }
        try DataDirectory.writeSecret(KeyFile.encode(kind: .sealing, Encoding.fromBase64(server["secret_key"]!), created: "2026-01-01", passphrase: nil),
                                      to: fx.directory.sealingKeyPath(keyID: server["key_id"]!))
        for key in try #require(file["credential_keys"] as? [[String: String]]) {
            try DataDirectory.writeSecret(key["private_key_pem"]!, to: fx.directory.credentialKeyPath(epoch: key["epoch"]!))
        }
        let store = try AppDatabase(path: fx.directory.databasePath)
        let cases = try #require(file["cases"] as? [[String: Any]]).map {
            (name: $0["name"] as! String, expect: $0["expect"] as! String, body: $0["body"] as! String)
        }
        #expect(cases.count >= 30)
        try await fx.application().test(.router) { client in
            var accepted = 0
            for c in cases {
                let (name, expect) = (c.name, c.expect)
                try await client.execute(uri: "/v1/submissions", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(string: c.body)) { r in
                    if expect == "accept" {
                        #expect(r.status == .accepted, "\(name): \(String(buffer: r.body))")
                        accepted += 1
                    } else {
                        #expect(errorCode(r) == expect, "\(name): \(String(buffer: r.body))")
                    }
                }
            }
            #expect(try store.reportCount() == accepted)
            #expect(accepted >= 3)
        }
    }
}
