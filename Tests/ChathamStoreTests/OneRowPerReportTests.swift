@testable import ChathamStore
import Foundation
import GRDB
import Testing

/// Since v5 a report is one row: its lists are JSON arrays in it (`StoredList`).
@Suite struct OneRowPerReportTests {
    /// Encoding and reading back agree with each other and with SQLite's own JSON functions, also
    /// for strings that need escaping.
    @Test func storedListsRoundTripAndAreJSONToSQLite() throws {
        let awkward = ["T1486", "", "quote \" and \\ backslash", "tab\tnew\nline\u{01}", "é ü 漢字 🐉", "/slash", "\u{7F}"]
        let queue = try DatabaseQueue()
        for n in 0...awkward.count {
            let values = Array(awkward.prefix(n))
            let text = StoredList.encode(values)
            #expect(try StoredList.decode(text) == values)
            let fromSQLite = try queue.read { db in try String.fetchAll(db, sql: "SELECT value FROM json_each(?)", arguments: [text]) }
            #expect(fromSQLite == values)
            let tuples: [[String?]] = values.map { [$0, nil, $0 + "x"] }
            let tupleText = StoredList.encode(tuples: tuples)
            #expect(try StoredList.decode(tuples: tupleText, width: 3) == tuples)
            #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT json_array_length(?)", arguments: [tupleText]) } == n)
        }
        // What SQLite writes (json_group_array, escapes as \uXXXX) reads back too.
        let sqliteText = try queue.read { db in
            try String.fetchOne(db, sql: "SELECT json_array(?, ?, ?)", arguments: ["a\u{01}", "\"", "漢"])!
        }
        #expect(try StoredList.decode(sqliteText) == ["a\u{01}", "\"", "漢"])
        #expect(try StoredList.decode(#"[ "a" , "\ud83d\udc09" ]"#) == ["a", "🐉"])
    }

    @Test(arguments: ["", "[", "]", "[\"a\"", "[\"a\",]", "[1]", "{}", "[\"a\"]x", "[\"a\\q\"]", "[nul]", "[[\"a\"]", "[\"\\ud83d\"]"])
    func malformedStoredListsAreRefused(_ text: String) {
        #expect(throws: StoreError.self) { try StoredList.decode(text) }
    }

    /// A database of the old layout (four tables) keeps every report, list and order through the
    /// v5 migration, and a release scan reads the migrated rows.
    @Test func v4DatabasesMigrateToOneRowPerReport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chatham-v5-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try AppDatabase.migrator.migrate(old, upTo: "v4-report-fields-only")
        var expected: [ReportRow] = []
        try old.write { db in
            for i in 0..<30 {
                var r = AppDatabaseTests.row(id: String(format: "%032x", i * 7919 + 1), period: i % 3 == 0 ? "2026-09" : "2026-10",
                                             pseudonym: String(format: "%064x", i % 4))
                r.actions = (0..<(i % 4)).map { ActionRow(category: ["malware", "hacking", "social"][$0 % 3], variety: $0 == 1 ? nil : "v\(i)-\($0)", vector: $0 == 2 ? "web" : nil) }
                r.techniques = (0..<(i % 3)).map { "T\(1500 - $0 * 10 - i)" }.sorted()
                r.assets = i % 2 == 0 ? ["server", "a \"quoted\" asset"].sorted() : []
                r.attributes = i % 5 == 0 ? ["availability"] : []
                r.mitigations = (0..<(i % 3)).map { MitigationRow(id: "M10\(30 + $0)", stage: $0 == 0 ? nil : "after", effective: $0 == 1 ? nil : "yes") }
                r.narrative = i % 2 == 0 ? "a narrative \(i)" : nil
                r.shareNarrative = i % 2 == 0
                expected.append(r)
                try db.execute(sql: """
                    INSERT INTO report (id, receipt, pseudonym, epoch, period, sector, size, region, actor_kind, actor_motive,
                        discovery, dwell, containment, loss, downtime, narrative, share_narrative)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [r.id, r.receipt, r.pseudonym, r.epoch, r.period, r.sector, r.size, r.region, r.actorKind,
                                     r.actorMotive, r.discovery, r.dwell, r.containment, r.loss, r.downtime, r.narrative, r.shareNarrative])
                // Children inserted in reverse: order comes from `ord` and the value's text.
                for (ord, a) in r.actions.enumerated().reversed() {
                    try db.execute(sql: "INSERT INTO report_action VALUES (?, ?, ?, ?, ?)", arguments: [r.id, ord, a.category, a.variety, a.vector])
                }
                for (field, values) in [("technique", r.techniques), ("asset", r.assets), ("attribute", r.attributes)] {
                    for v in values.reversed() { try db.execute(sql: "INSERT INTO report_value VALUES (?, ?, ?)", arguments: [r.id, field, v]) }
                }
                for (ord, m) in r.mitigations.enumerated().reversed() {
                    try db.execute(sql: "INSERT INTO report_mitigation VALUES (?, ?, ?, ?, ?)", arguments: [r.id, ord, m.id, m.stage, m.effective])
                }
            }
        }
        try old.close()

        let store = try AppDatabase(path: path, maxReportsPerPseudonym: 9)
        for period in ["2026-09", "2026-10"] {
            #expect(try store.reports(period: period) == expected.filter { $0.period == period }.sorted { $0.id < $1.id })
        }
        var scanned: [[Int32]] = []
        var values: [String] = []
        let summary = try store.scanReportsForRelease(periods: ["2026-10"]) { r in
            scanned.append(r.actionVarieties + [-2] + r.techniques + [-2] + r.mitigationEffective)
        }
        values = summary.values
        func code(_ s: String?) -> Int32 { s.flatMap { values.firstIndex(of: $0) }.map(Int32.init) ?? -1 }
        let want = expected.filter { $0.period == "2026-10" }.sorted { $0.id < $1.id }.map { r in
            r.actions.map { code($0.variety) } + [-2] + r.techniques.map(code) + [-2] + r.mitigations.map { code($0.effective) }
        }
        #expect(scanned == want)
        #expect(summary.pseudonyms == 4)

        // The cap is counted from the migrated rows: pseudonym 0 has 8 reports (i = 0, 4, …, 28).
        var next = AppDatabaseTests.row(id: String(repeating: "f", count: 32), pseudonym: String(format: "%064x", 0))
        #expect(try store.insertReport(next) == .inserted(receipt: next.receipt))
        next.id = String(repeating: "e", count: 32)
        #expect(throws: StoreError.self) { try store.insertReport(next) }
        let schema = try store.schemaSQL()
        #expect(!schema.contains("report_action") && !schema.contains("report_v4"))
    }
}
