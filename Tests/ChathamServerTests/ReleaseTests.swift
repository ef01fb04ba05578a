import ChathamCrypto
import ChathamDigest
import ChathamModel
import ChathamServer
import ChathamStore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A whole period: 12 members submit over HTTP, the operator releases, members read.
@Suite struct ReleaseTests {
    /// Member i submits `counts[i]` reports; sectors alternate so some cells pass k = 5 and some do not.
    static func scenario(_ fx: Fixture, client: some TestClientProtocol, counts: [Int]) async throws -> [String: Int] {
        let keys = try await TestMember.keys(client)
        let (keyID, key) = try sealingKey(keys)
        var perSector: [String: Int] = [:]
        for (i, count) in counts.enumerated() {
            var member = TestMember(token: fx.tokens[i])
            let credential = try await member.credential(epoch: "2026-Q4", client: client)
            for j in 0..<count {
                let sector = i < 8 ? "52" : "62"  // 62 has only 4 contributors: must be suppressed
                perSector[sector, default: 0] += 1
                let body = try envelope(keyID: keyID, sealingKey: key, credential: credential,
                                        report: report(sector: sector, category: j % 2 == 0 ? "malware" : "social",
                                                       variety: j % 2 == 0 ? "ransomware" : "phishing",
                                                       narrative: "A narrative that was not shared", share: false))
                try await client.execute(uri: "/v1/submissions", method: .post, body: body) { r in
                    #expect(r.status == .accepted)
                }
            }
        }
        return perSector
    }

    @Test func releaseProtectsSignsAndClosesThePeriod() async throws {
        let fx = try Fixture(members: 13)
        defer { fx.remove() }
        let app = try fx.application()
        try await app.test(.router) { client in
            let perSector = try await Self.scenario(fx, client: client, counts: [3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2])
            let op = try Operator(fx.directory)
            let document = try op.release(period: "2026-11")
            #expect(document.verifySignature(trusting: nil))
            #expect(document.tables.count >= 8)
            for name in ["action-by-sector", "action-variety", "techniques", "mitigation-effectiveness",
                         "victim-size", "victim-region", "discovery", "impact-loss"] {
                #expect(document.tables.contains { $0.name == name }, "table \(name)")
            }
            let sectors = try #require(document.tables.first { $0.name == "victim-sector" })
            let cell52 = sectors.cells.first { $0.key["victim.sector"] == "52" }
            let cell62 = sectors.cells.first { $0.key["victim.sector"] == "62" }
            let total = sectors.cells.first { $0.key["victim.sector"] == "*" }
            #expect(cell62?.status == .suppressed && cell62?.count == nil)
            // 62 alone suppressed next to a published total would be recoverable (total − 52): the
            // rule suppresses a second cell of the line.
            #expect(cell52?.status == .suppressed && cell52?.count == nil)
            #expect(total?.count == perSector.values.reduce(0, +))
            for table in document.tables {
                for cell in table.cells where cell.status == .published {
                    #expect(cell.count != nil)
                }
            }
            // The period is closed.
            let keys = try await TestMember.keys(client)
            let (keyID, key) = try sealingKey(keys)
            var late = TestMember(token: fx.tokens[12])
            let credential = try await late.credential(epoch: "2026-Q4", client: client)
            try await client.execute(uri: "/v1/submissions", method: .post,
                                     body: try envelope(keyID: keyID, sealingKey: key, credential: credential, report: report())) { r in
                #expect(r.status == .conflict)
                #expect(errorCode(r) == "period_closed")
            }
            #expect(throws: ServerError.self) { try op.release(period: "2026-11") }
            // Members read it; the served document is the stored, signed one.
            try await client.execute(uri: "/v1/releases", method: .get, headers: bearer(fx.tokens[3])) { r in
                #expect((try? r.body.jsonObject())?["periods"] as? [String] == ["2026-11"])
            }
            try await client.execute(uri: "/v1/releases/2026-11", method: .get, headers: bearer(fx.tokens[3])) { r in
                let served = try ReleaseDocument.decode(json: Data(r.body.readableBytesView))
                #expect(served == document)
                #expect(served.verifySignature(trusting: try SigningPublicKey(bytes: Encoding.fromBase64(keys["signing_key"] as! String))))
            }
            try await client.execute(uri: "/v1/releases/2026-11", method: .get) { r in
                #expect(r.status == .unauthorized)
            }
            #expect(try op.audit().allSatisfy { $0.findings.isEmpty })
        }
    }

    /// Month then quarter, through the real service: October publishes sector 62 (6 members);
    /// November hides it (3 members); November's quarter-to-date table has 62 from 6 members and
    /// would publish it under the threshold alone, giving November's 62 away by subtraction. The
    /// release hides it there too, and the joint audit of both stored releases is clean.
    @Test func monthThenQuarterToDateIsProtectedAcrossReleases() async throws {
        let fx = try Fixture(members: 12)
        defer { fx.remove() }
        let october = try await fx.application().test(.router) { client in
            let keys = try await TestMember.keys(client)
            let (keyID, key) = try sealingKey(keys)
            var members = fx.tokens.map { TestMember(token: $0) }
            func submit(_ i: Int, period: String, sector: String) async throws {
                let credential = try await members[i].credential(epoch: "2026-Q4", client: client)
                try await client.execute(uri: "/v1/submissions", method: .post,
                                         body: try envelope(keyID: keyID, sealingKey: key, credential: credential,
                                                            report: report(period: period, sector: sector))) { r in
                    #expect(r.status == .accepted)
                }
            }
            for i in 0..<12 { try await submit(i, period: "2026-10", sector: i < 6 ? "62" : "52") }
            let october = try Operator(fx.directory).release(period: "2026-10")
            for i in 0..<12 { try await submit(i, period: "2026-11", sector: i < 3 ? "62" : "52") }
            return october
        }
        let op = try Operator(fx.directory)
        #expect(october.tables.allSatisfy { !$0.name.contains("@") })
        let november = try op.release(period: "2026-11")
        func cell(_ document: ReleaseDocument, _ table: String, _ sector: String) -> ReleaseDocument.Cell? {
            document.tables.first { $0.name == table }?.cells.first { $0.key["victim.sector"] == sector }
        }
        #expect(cell(october, "victim-sector", "62")?.count == 6)
        #expect(cell(november, "victim-sector", "62")?.status == .suppressed)
        let quarter = "victim-sector@2026-10+2026-11"
        #expect(november.tables.contains { $0.name == quarter })
        // 9 reports from 6 members: publishable alone, hidden because of October.
        #expect(cell(november, quarter, "62")?.status == .suppressed)
        // Every published count of November (month and quarter-to-date) is exact.
        for table in november.tables where !table.name.contains("@") {
            for c in table.cells where c.key.values.allSatisfy({ $0 == "*" }) && c.status == .published {
                #expect(c.count == 12)
            }
        }
        #expect(try op.audit().allSatisfy { $0.findings.isEmpty })
    }

    @Test func auditCatchesATamperedRelease() async throws {
        let fx = try Fixture(members: 12)
        defer { fx.remove() }
        try await fx.application().test(.router) { client in
            _ = try await Self.scenario(fx, client: client, counts: Array(repeating: 2, count: 12))
        }
        let op = try Operator(fx.directory)
        _ = try op.release(period: "2026-11")
        #expect(try op.audit().allSatisfy { $0.findings.isEmpty })
        let pool = try DatabasePool(path: fx.directory.databasePath)
        try await pool.write { db in
            let text = try String.fetchOne(db, sql: "SELECT document FROM release")!
            let tampered = text.replacingOccurrences(of: "\"count\":24", with: "\"count\":25")
            #expect(tampered != text)
            try db.execute(sql: "UPDATE release SET document = ?", arguments: [tampered])
        }
        let findings = try op.audit().flatMap(\.findings)
        #expect(findings.contains { $0.contains("bad_signature") })
        #expect(findings.contains { $0.contains("wrong_count") })
    }

    /// After a whole scenario the database holds no member id, token, label, address or time in or
    /// beside any report row.
    @Test func databaseHoldsNothingLinkingReportsToMembers() async throws {
        let fx = try Fixture(members: 12)
        defer { fx.remove() }
        try await fx.application().test(.router) { client in
            _ = try await Self.scenario(fx, client: client, counts: Array(repeating: 2, count: 12))
        }
        _ = try Operator(fx.directory).release(period: "2026-11")
        let pool = try DatabasePool(path: fx.directory.databasePath)
        try await pool.read { db in
            for table in ["report"] {
                let columns = try db.columns(in: table).map(\.name)
                let forbidden: Set<String> = ["member", "token", "ip", "addr", "address", "time", "timestamp", "created",
                                              "date", "arrived", "received", "label", "user", "host", "agent"]
                for column in columns {
                    #expect(Set(column.split(separator: "_").map(String.init)).isDisjoint(with: forbidden), "\(table).\(column)")
                }
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
                    for value in row.databaseValues {
                        guard let text = String.fromDatabaseValue(value) else { continue }
                        for token in fx.tokens { #expect(!text.contains(token)) }
                        #expect(!text.contains(MemberToken.hash(fx.tokens[0])))
                        #expect(!text.contains("member-"))
                        #expect(!text.contains("127.0.0.1"))
                        #expect(text.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) == nil, "a date in \(table)")
                        #expect(!text.contains("A narrative that was not shared"))
                    }
                }
            }
            // The report tables keep no rowid, so not even insertion order is recorded.
            let sql = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE name LIKE 'report%' AND type = 'table'")
            #expect(sql.allSatisfy { $0.uppercased().contains("WITHOUT ROWID") })
        }
    }

    @Test func webPageNeedsSignInAndShowsTheRelease() async throws {
        let fx = try Fixture(members: 12)
        defer { fx.remove() }
        try await fx.application().test(.router) { client in
            _ = try await Self.scenario(fx, client: client, counts: Array(repeating: 2, count: 12))
            _ = try Operator(fx.directory).release(period: "2026-11")
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body).contains("name=\"token\""))
                #expect(!String(buffer: r.body).contains("action-by-sector"))
            }
            try await client.execute(uri: "/", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "token=wrong")) { r in
                #expect(r.status == .unauthorized)
            }
            let cookie = try await client.execute(uri: "/", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "token=\(fx.tokens[0])")) { r in
                #expect(r.status == .seeOther)
                let setCookie = try #require(r.headers[.setCookie])
                #expect(setCookie.contains("HttpOnly"))
                return String(setCookie.split(separator: ";")[0])
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { r in
                let page = String(buffer: r.body)
                #expect(page.contains("action-by-sector"))
                #expect(page.contains("suppressed"))
                #expect(!page.contains("<script"))
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: "chm_session=1.99999999999.forged"]) { r in
                #expect(String(buffer: r.body).contains("name=\"token\""))
            }
        }
    }
}

@Suite struct MarkingTests {
    @Test func aTLPClearReleaseIsPublicOthersNeedSignIn() async throws {
        let fx = try Fixture(members: 12)
        defer { fx.remove() }
        try await fx.application().test(.router) { client in
            _ = try await ReleaseTests.scenario(fx, client: client, counts: Array(repeating: 2, count: 12))
            _ = try Operator(fx.directory).release(period: "2026-11")
        }
        // A fresh application per marking: pages are cached per process.
        try await fx.application().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(String(buffer: r.body).contains("name=\"token\""))
            }
        }
        try Operator(fx.directory).mark(period: "2026-11", tlp: .clear)
        try await fx.application().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { r in
                let page = String(buffer: r.body)
                #expect(!page.contains("name=\"token\""))
                #expect(page.contains("TLP:CLEAR"))
            }
        }
        #expect(throws: ServerError.self) { try Operator(fx.directory).mark(period: "2026-12", tlp: .clear) }
    }
}
