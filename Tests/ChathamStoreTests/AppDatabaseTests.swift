import ChathamStore
import Foundation
import Testing

/// Words that no column of a report table may be named with.
let forbiddenColumnWords: Set<String> = ["member", "token", "ip", "addr", "address", "time", "timestamp", "created",
                                          "date", "arrived", "received", "label", "user", "host", "agent"]

@Suite struct AppDatabaseTests {
    static func row(id: String = String(repeating: "a", count: 32), period: String = "2026-10",
                    pseudonym: String = String(repeating: "b", count: 64)) -> ReportRow {
        ReportRow(id: id, receipt: "rcpt_" + id, pseudonym: pseudonym, epoch: "2026-Q4", period: period,
                  sector: "52", size: "1001-10000", region: "europe", actorKind: "external", actorMotive: "financial",
                  discovery: "internal", dwell: "days", containment: "hours", loss: "100k-1m", downtime: "days",
                  actions: [ActionRow(category: "malware", variety: "ransomware", vector: "email-attachment"),
                            ActionRow(category: "social", variety: "phishing", vector: "email")],
                  techniques: ["T1566.001", "T1486"], assets: ["server"], attributes: ["availability"],
                  mitigations: [MitigationRow(id: "M1032", stage: "after", effective: "yes")],
                  narrative: nil, shareNarrative: false)
    }

    @Test func insertReadBackAndDuplicate() throws {
        let db = try AppDatabase()
        let r = Self.row()
        #expect(try db.insertReport(r) == .inserted(receipt: r.receipt))
        var again = Self.row()
        again.receipt = "rcpt_other"
        #expect(try db.insertReport(again) == .duplicate(receipt: r.receipt))
        var expected = r
        expected.techniques.sort()  // list fields come back as sets, in order
        #expect(try db.reports(period: "2026-10") == [expected])
        #expect(try db.reportCount() == 1)
        #expect(try db.reports(period: "2026-11").isEmpty)
    }

    @Test func releaseClosesPeriod() throws {
        let db = try AppDatabase()
        _ = try db.insertReport(Self.row())
        try db.storeRelease(period: "2026-10", document: "{}")
        #expect(try db.isClosed(period: "2026-10"))
        #expect(throws: StoreError.self) { try db.storeRelease(period: "2026-10", document: "{}") }
        #expect(throws: StoreError.self) { try db.insertReport(Self.row(id: String(repeating: "c", count: 32))) }
        // A retry of an already-counted report still gets its receipt after the release.
        #expect(try db.insertReport(Self.row()) == .duplicate(receipt: Self.row().receipt))
        #expect(try db.releasePeriods() == ["2026-10"])
    }

    @Test func membersIssuanceAndRevocation() throws {
        let db = try AppDatabase()
        let m = try db.addMember(label: "bank-a", tokenHash: String(repeating: "1", count: 64))
        #expect(throws: StoreError.self) { try db.addMember(label: "bank-a", tokenHash: String(repeating: "2", count: 64)) }
        #expect(try db.member(tokenHash: String(repeating: "1", count: 64))?.label == "bank-a")
        #expect(try db.recordIssuance(memberID: m.id, epoch: "2026-Q4"))
        #expect(try !db.recordIssuance(memberID: m.id, epoch: "2026-Q4"))
        #expect(try db.recordIssuance(memberID: m.id, epoch: "2026-Q3"))
        #expect(try db.members().first?.lastIssuedEpoch == "2026-Q4")
        try db.revokeMember(label: "bank-a")
        #expect(try db.member(id: m.id)?.revoked == true)
        #expect(throws: StoreError.self) { try db.revokeMember(label: "nobody") }
    }

    @Test func constraintsRejectBadRows() throws {
        let db = try AppDatabase()
        #expect(throws: (any Error).self) { try db.insertReport(Self.row(id: "short")) }
        #expect(throws: (any Error).self) { try db.insertReport(Self.row(period: "October")) }
        #expect(try db.reportCount() == 0)
    }

    /// The schema itself keeps reports apart from members: no column of a report table can hold a
    /// member, token, address or time, and report tables have no rowid (no arrival order).
    @Test func reportTablesHoldNothingIdentifying() throws {
        let db = try AppDatabase()
        let schema = try db.schemaSQL().lowercased()
        let goldenURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("schema.golden.sql")
        if ProcessInfo.processInfo.environment["CHATHAM_UPDATE_GOLDEN"] == "1" {
            try schema.write(to: goldenURL, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: goldenURL, encoding: .utf8)
        #expect(schema == golden, "schema changed: update Tests/ChathamStoreTests/schema.golden.sql only with a new migration")
        for table in ["report"] {
            let start = try #require(schema.range(of: "create table \(table) ("))
            let body = schema[start.upperBound...].prefix { $0 != ";" }
            let columns = body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? "" }
            for column in columns {
                let words = Set(column.split(separator: "_").map(String.init))
                #expect(words.isDisjoint(with: forbiddenColumnWords), "\(table).\(column)")
            }
            #expect(body.contains("without rowid"))
        }
    }
}

@Suite struct GroupCommitTests {
    @Test func batchOutcomesAreIndependent() throws {
        let db = try AppDatabase(maxReportsPerPseudonym: 2)
        let a = AppDatabaseTests.row(id: String(repeating: "1", count: 32))
        let b = AppDatabaseTests.row(id: String(repeating: "2", count: 32))
        let bad = AppDatabaseTests.row(id: "short")
        let c = AppDatabaseTests.row(id: String(repeating: "3", count: 32))  // third for the pseudonym: over the cap
        let outcomes = try db.insertReports([a, bad, a, b, c])
        #expect(try outcomes[0].get() == .inserted(receipt: a.receipt))
        #expect(throws: (any Error).self) { try outcomes[1].get() }
        #expect(try outcomes[2].get() == .duplicate(receipt: a.receipt))
        #expect(try outcomes[3].get() == .inserted(receipt: b.receipt))
        #expect(throws: StoreError.self) { try outcomes[4].get() }
        #expect(try db.reportCount() == 2)
    }

    /// The cap's counts live in memory once read: they must hold across transactions and be read
    /// back from the file when the server restarts.
    @Test func theCapHoldsAcrossTransactionsAndRestarts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chatham-cap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("db.sqlite").path
        let rows = (1...4).map { AppDatabaseTests.row(id: String(repeating: "\($0)", count: 32)) }
        do {
            let db = try AppDatabase(path: path, maxReportsPerPseudonym: 2)
            #expect(try db.insertReport(rows[0]) == .inserted(receipt: rows[0].receipt))
            #expect(try db.insertReport(rows[1]) == .inserted(receipt: rows[1].receipt))
            #expect(throws: StoreError.self) { try db.insertReport(rows[2]) }
            #expect(try db.insertReport(rows[0]) == .duplicate(receipt: rows[0].receipt))  // a resend is still answered
        }
        let reopened = try AppDatabase(path: path, maxReportsPerPseudonym: 3)
        #expect(try reopened.insertReport(rows[2]) == .inserted(receipt: rows[2].receipt))
        #expect(throws: StoreError.self) { try reopened.insertReport(rows[3]) }
        #expect(try reopened.reportCount() == 3)
    }

    @Test func concurrentInsertsThroughTheBatchingWriter() async throws {
        let db = try AppDatabase()
        let writer = BatchingWriter(repository: db)
        let outcomes = try await withThrowingTaskGroup(of: InsertOutcome.self) { group in
            for i in 0..<300 {
                let id = String(format: "%032x", i)
                group.addTask {
                    try await writer.insert(AppDatabaseTests.row(id: id, pseudonym: String(format: "%064x", i % 50)))
                }
            }
            for i in 0..<20 {  // resends of reports already queued: counted once
                let id = String(format: "%032x", i)
                group.addTask { try await writer.insert(AppDatabaseTests.row(id: id, pseudonym: String(format: "%064x", i % 50))) }
            }
            return try await group.reduce(into: [InsertOutcome]()) { $0.append($1) }
        }
        #expect(outcomes.count == 320)
        #expect(try db.reportCount() == 300)
        #expect(outcomes.filter { if case .duplicate = $0 { true } else { false } }.count == 20)
    }
}
