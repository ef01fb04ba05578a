import ChathamCrypto
import ChathamModel
import ChathamServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A fresh server data directory in a temp folder, with members, and a fixed clock in 2026-11.
struct Fixture {
    let directory: DataDirectory
    let keyID: String
    var tokens: [String] = []
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    init(members: Int = 6, passphrase: String? = nil) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chatham-test-\(UUID().uuidString)").path
        directory = DataDirectory(path: path, passphrase: passphrase)
        keyID = try Operator.initialise(directory, now: Fixture.now)
        let op = try Operator(directory)
        for i in 0..<members { tokens.append(try op.addMember(label: "member-\(i)")) }
    }

    func application(now: Date = Fixture.now, directory: DataDirectory? = nil) throws -> some ApplicationProtocol {
        try buildApplication(ServerConfiguration(host: "127.0.0.1", port: 0, data: directory ?? self.directory, clock: { now }))
    }

    func remove() { try? FileManager.default.removeItem(at: directory.url) }
}

extension ByteBuffer {
    var bytes: [UInt8] { Array(readableBytesView) }
    func jsonObject() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(readableBytesView)) as? [String: Any] ?? [:]
    }
}

func errorCode(_ response: TestResponse) -> String? {
    ((try? response.body.jsonObject())?["error"] as? [String: Any])?["code"] as? String
}

func errorMessage(_ response: TestResponse) -> String {
    ((try? response.body.jsonObject())?["error"] as? [String: Any])?["message"] as? String ?? ""
}

func jsonBody(_ object: Any) -> ByteBuffer {
    ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
}

func bearer(_ token: String) -> HTTPFields {
    [.authorization: "Bearer \(token)", .contentType: "application/json"]
}

/// A member client built from the crypto primitives, as a third-party client would be.
struct TestMember {
    let token: String
    var credentials: [String: Credential] = [:]

    init(token: String) { self.token = token }

    static func keys(_ client: some TestClientProtocol) async throws -> [String: Any] {
        try await client.execute(uri: "/v1/keys", method: .get) { try $0.body.jsonObject() }
    }

    mutating func credential(epoch: String, client: some TestClientProtocol) async throws -> Credential {
        if let c = credentials[epoch] { return c }
        let keys = try await Self.keys(client)
        let entry = try #require((keys["credential_keys"] as? [[String: String]])?.first { $0["epoch"] == epoch })
        let request = try CredentialRequest(epoch: epoch, publicKeyDER: Encoding.fromBase64(entry["public_key"]!))
        let signature = try await client.execute(
            uri: "/v1/credentials", method: .post, headers: bearer(token),
            body: jsonBody(["epoch": epoch, "blinded_message": Encoding.base64(request.blindedMessage)])) { response in
                try #require(response.status == .ok, "credential: \(String(buffer: response.body))")
                return try Encoding.fromBase64(try response.body.jsonObject()["blind_signature"] as! String)
            }
        let credential = try request.finalize(blindSignature: signature)
        credentials[epoch] = credential
        return credential
    }
}

func report(id: String = Encoding.hex(randomBytes(count: 16)), period: String = "2026-11", sector: String = "52",
            category: String = "malware", variety: String = "ransomware", region: String = "europe",
            narrative: String? = nil, share: Bool = false) -> [String: Any] {
    var r: [String: Any] = [
        "schema": "chatham.report/1", "id": id, "period": period,
        "victim": ["sector": sector, "size": "1001-10000", "region": region],
        "actor": ["kind": "external", "motive": "financial"],
        "actions": [["category": category, "variety": variety]],
        "techniques": ["T1486"], "assets": ["server"], "attributes": ["availability"],
        "discovery": "internal", "impact": ["loss": "100k-1m"],
        "mitigations": [["id": "M1053", "stage": "after", "effective": "yes"]],
        "share_narrative": share,
    ]
    if let narrative { r["narrative"] = narrative }
    return r
}

func envelope(keyID: String, sealingKey: [UInt8], credential: Credential?, report: [String: Any]) throws -> ByteBuffer {
    var plaintext: [String: Any] = ["report": report]
    if let credential {
        plaintext["credential"] = try JSONSerialization.jsonObject(with: JSONEncoder().encode(credential))
    }
    let sealed = SealedBox.seal(Array(try JSONSerialization.data(withJSONObject: plaintext)), to: try BoxPublicKey(bytes: sealingKey))
    return jsonBody(["version": 1, "key_id": keyID, "sealed": Encoding.base64(sealed)])
}

func sealingKey(_ keys: [String: Any]) throws -> (id: String, key: [UInt8]) {
    let first = try #require((keys["keys"] as? [[String: String]])?.first)
    return (first["key_id"]!, try Encoding.fromBase64(first["public_key"]!))
}
