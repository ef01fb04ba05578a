import ChathamCrypto
import ChathamModel
import ChathamServer
import ChathamStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct APITests {
    @Test func keysListSealingSigningAndCredentialKeys() async throws {
        let fx = try Fixture()
        defer { fx.remove() }
        try await fx.application().test(.router) { client in
            let keys = try await TestMember.keys(client)
            let (id, key) = try sealingKey(keys)
            #expect(id == fx.keyID)
            #expect(try BoxPublicKey(bytes: key).keyID == id)
            #expect(try Encoding.fromBase64(keys["signing_key"] as! String).count == 32)
            let epochs = (keys["credential_keys"] as? [[String: String]])?.compactMap { $0["epoch"] }
            #expect(epochs == ["2026-Q3", "2026-Q4"])
        }
    }

    @Test func credentialsOncePerEpochAndOnlyForMembers() async throws {
        let fx = try Fixture()
        defer { fx.remove() }
        try await fx.application().test(.router) { client in
            var member = TestMember(token: fx.tokens[0])
            let credential = try await member.credential(epoch: "2026-Q4", client: client)
            #expect(credential.message.count == 64)
            let keys = try await TestMember.keys(client)
            let der = try Encoding.fromBase64(((keys["credential_keys"] as? [[String: String]])?.last?["public_key"])!)
            let blinded = Encoding.base64(try CredentialRequest(epoch: "2026-Q4", publicKeyDER: der).blindedMessage)
            try await client.execute(uri: "/v1/credentials", method: .post, headers: bearer(fx.tokens[0]),
                                     body: jsonBody(["epoch": "2026-Q4", "blinded_message": blinded])) { r in
                #expect(r.status == .conflict)
                #expect(errorCode(r) == "already_issued")
            }
            for headers: HTTPFields in [[:], bearer("chm_member_" + String(repeating: "A", count: 43)), bearer("nonsense")] {
                try await client.execute(uri: "/v1/credentials", method: .post, headers: headers,
                                         body: jsonBody(["epoch": "2026-Q4", "blinded_message": blinded])) { r in
                    #expect(r.status == .unauthorized)
                    #expect(errorCode(r) == "unauthorized")
                }
            }
            // A future epoch is refused and does not use up anything.
            try await client.execute(uri: "/v1/credentials", method: .post, headers: bearer(fx.tokens[1]),
                                     body: jsonBody(["epoch": "2027-Q2", "blinded_message": blinded])) { r in
                #expect(r.status == .badRequest)
            }
            try Operator(fx.directory).revokeMember(label: "member-1")
            try await client.execute(uri: "/v1/credentials", method: .post, headers: bearer(fx.tokens[1]),
                                     body: jsonBody(["epoch": "2026-Q4", "blinded_message": blinded])) { r in
                #expect(r.status == .forbidden)
                #expect(errorCode(r) == "revoked")
            }
            try await client.execute(uri: "/v1/releases", method: .get, headers: bearer(fx.tokens[1])) { r in
                #expect(errorCode(r) == "revoked")
            }
        }
    }

    @Test func submissionsAcceptDuplicateAndRefuse() async throws {
        let fx = try Fixture()
        defer { fx.remove() }
        let store = try AppDatabase(path: fx.directory.databasePath)
        try await fx.application().test(.router) { client in
            let keys = try await TestMember.keys(client)
            let (keyID, key) = try sealingKey(keys)
            var member = TestMember(token: fx.tokens[0])
            let credential = try await member.credential(epoch: "2026-Q4", client: client)
            let body = try envelope(keyID: keyID, sealingKey: key, credential: credential, report: report())

            let receipt = try await client.execute(uri: "/v1/submissions", method: .post, body: body) { r in
                #expect(r.status == .accepted)
                let object = try r.body.jsonObject()
                #expect(object["duplicate"] as? Bool == false)
                return object["receipt"] as? String
            }
            #expect(receipt?.hasPrefix("rcpt_") == true)
            try await client.execute(uri: "/v1/submissions", method: .post, body: body) { r in
                #expect(r.status == .ok)
                #expect((try? r.body.jsonObject())?["receipt"] as? String == receipt)
                #expect((try? r.body.jsonObject())?["duplicate"] as? Bool == true)
            }
            #expect(try store.reportCount() == 1)

            // Refusals, each with its code, and nothing stored.
            var tampered = Array(try Encoding.fromBase64(
                (try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as! [String: Any])["sealed"] as! String))
            tampered[40] ^= 1
            let cases: [(ByteBuffer, HTTPResponse.Status, String)] = [
                (jsonBody(["version": 1, "key_id": keyID, "sealed": Encoding.base64(tampered)]), .badRequest, "decrypt_failed"),
                (jsonBody(["version": 1, "key_id": "0000000000000000", "sealed": Encoding.base64(tampered)]), .badRequest, "unknown_key"),
                (jsonBody(["version": 2, "key_id": keyID, "sealed": "AAAA"]), .badRequest, "invalid_envelope"),
                (jsonBody(["version": true, "key_id": keyID, "sealed": "AAAA"]), .badRequest, "invalid_envelope"),
                (jsonBody(["version": 1, "key_id": keyID, "sealed": "not base64!"]), .badRequest, "invalid_envelope"),
                (ByteBuffer(string: "{"), .badRequest, "invalid_envelope"),
                // Duplicate members, and a member name behind an invisible U+FEFF: two readers could
                // see two different envelopes, so neither is read.
                (ByteBuffer(string: #"{"version":1,"version":1,"key_id":"\#(keyID)","sealed":"AAAA"}"#), .badRequest, "invalid_envelope"),
                (ByteBuffer(string: "{\"\u{FEFF}version\":1,\"version\":1,\"key_id\":\"\(keyID)\",\"sealed\":\"AAAA\"}"), .badRequest, "invalid_envelope"),
                (ByteBuffer(string: #"{"version":1.5,"key_id":"\#(keyID)","sealed":"AAAA"}"#), .badRequest, "invalid_envelope"),
                (ByteBuffer(repeating: 0x20, count: 70_000), .contentTooLarge, "too_large"),
                (try envelope(keyID: keyID, sealingKey: key, credential: nil, report: report()), .badRequest, "invalid_report"),
                (try envelope(keyID: keyID, sealingKey: key, credential: Credential(epoch: "2026-Q4", message: randomBytes(count: 64), signature: randomBytes(count: 256)), report: report()), .badRequest, "invalid_credential"),
                (try envelope(keyID: keyID, sealingKey: key, credential: credential, report: report(period: "2026-07")), .badRequest, "invalid_credential"),
                (try envelope(keyID: keyID, sealingKey: key, credential: credential, report: report(region: "mars")), .badRequest, "invalid_report"),
            ]
            for (body, status, code) in cases {
                try await client.execute(uri: "/v1/submissions", method: .post, body: body) { r in
                    #expect(r.status == status, "\(code)")
                    #expect(errorCode(r) == code)
                }
            }
            try await client.execute(uri: "/v1/submissions", method: .post,
                                     body: try envelope(keyID: keyID, sealingKey: key, credential: credential, report: report(region: "mars"))) { r in
                #expect(errorMessage(r).contains("victim.region"))
            }
            #expect(try store.reportCount() == 1)
        }
    }

    @Test func unknownRoutesAnswerInTheErrorFormat() async throws {
        let fx = try Fixture()
        defer { fx.remove() }
        try await fx.application().test(.router) { client in
            try await client.execute(uri: "/v1/nothing", method: .get) { r in
                #expect(r.status == .notFound)
                #expect(errorCode(r) == "not_found")
            }
            try await client.execute(uri: "/v1/releases/2026-10", method: .get, headers: bearer(fx.tokens[0])) { r in
                #expect(errorCode(r) == "not_found")
            }
        }
    }
}

@Suite struct RateLimitTests {
    @Test func bucketEmptiesAndRefills() {
        final class Clock: @unchecked Sendable { var now = Date(timeIntervalSince1970: 0) }
        let clock = Clock()
        let limiter = RateLimiter(capacity: 3, perSecond: 1, clock: { clock.now })
        #expect(limiter.allow("a") && limiter.allow("a") && limiter.allow("a"))
        #expect(!limiter.allow("a"))
        #expect(limiter.allow("b"))
        clock.now += 1
        #expect(limiter.allow("a"))
        #expect(!limiter.allow("a"))
    }

    @Test func credentialRequestsAreLimitedPerMember() async throws {
        let fx = try Fixture(members: 2)
        defer { fx.remove() }
        try await fx.application().test(.router) { client in
            var codes: [String?] = []
            for _ in 0..<12 {
                try await client.execute(uri: "/v1/credentials", method: .post, headers: bearer(fx.tokens[0]),
                                         body: jsonBody(["epoch": "2026-Q4", "blinded_message": "AAAA"])) { r in
                    codes.append(errorCode(r))
                }
            }
            #expect(codes.prefix(10).allSatisfy { $0 == "invalid_request" })
            #expect(codes.suffix(2).allSatisfy { $0 == "rate_limited" })
            try await client.execute(uri: "/v1/credentials", method: .post, headers: bearer(fx.tokens[1]),
                                     body: jsonBody(["epoch": "2026-Q4", "blinded_message": "AAAA"])) { r in
                #expect(errorCode(r) == "invalid_request")
            }
        }
    }
}

@Suite struct SlowBodyTests {
    /// A body that trickles in is cut off at the deadline with 408, on a real socket.
    @Test func aTricklingBodyTimesOut() async throws {
        let fx = try Fixture(members: 0)
        defer { fx.remove() }
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, data: fx.directory, clock: { Fixture.now })
        configuration.bodyDeadline = .milliseconds(600)
        try await buildApplication(configuration).test(.live) { client in
            let port = try #require(client.port)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = in_port_t(UInt16(port).bigEndian)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            #expect(rc == 0)
            let head = "POST /v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
            _ = head.withCString { send(fd, $0, strlen($0), 0) }
            let start = Date()
            for _ in 0..<4 {  // a byte every 300 ms: never idle, never finished
                try await Task.sleep(for: .milliseconds(300))
                _ = " ".withCString { send(fd, $0, 1, 0) }
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &buffer, buffer.count, 0)
            let answer = String(decoding: buffer.prefix(max(n, 0)), as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer)")
            #expect(answer.contains("\"timeout\""))
            // Cut by the 0.6 s body deadline, not by the 30 s idle timeout (generous: the suite runs
            // in parallel on a shared machine).
            #expect(Date().timeIntervalSince(start) < 20)
        }
    }
}
