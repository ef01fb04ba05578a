import Foundation
import GRDB
import GRDBSQLite

/// One report as a release scan hands it over: integer codes, no strings, no allocation per report.
///
/// Text values are codes into the scan's `values` (one code space for every column; `-1` for SQL
/// NULL); pseudonyms are dense indices 0, 1, 2, … in order of first sight; `period` is the index of
/// the report's period in the requested list. The list fields are reused from report to report:
/// read them inside the callback, do not keep them.
public final class ReleaseScanReport {
    @exclusivity(unchecked) public internal(set) var period = 0
    @exclusivity(unchecked) public internal(set) var pseudonym: Int32 = 0
    @exclusivity(unchecked) public internal(set) var sector: Int32 = -1
    @exclusivity(unchecked) public internal(set) var size: Int32 = -1
    @exclusivity(unchecked) public internal(set) var region: Int32 = -1
    @exclusivity(unchecked) public internal(set) var actorKind: Int32 = -1
    @exclusivity(unchecked) public internal(set) var actorMotive: Int32 = -1
    @exclusivity(unchecked) public internal(set) var discovery: Int32 = -1
    @exclusivity(unchecked) public internal(set) var loss: Int32 = -1
    /// Per action, in order: category and variety (-1: none).
    @exclusivity(unchecked) public internal(set) var actionCategories: [Int32] = []
    @exclusivity(unchecked) public internal(set) var actionVarieties: [Int32] = []
    /// Distinct values, sorted by their text.
    @exclusivity(unchecked) public internal(set) var techniques: [Int32] = []
    @exclusivity(unchecked) public internal(set) var assets: [Int32] = []
    @exclusivity(unchecked) public internal(set) var attributes: [Int32] = []
    /// Per mitigation, in order: id and effectiveness (-1: none).
    @exclusivity(unchecked) public internal(set) var mitigationIDs: [Int32] = []
    @exclusivity(unchecked) public internal(set) var mitigationEffective: [Int32] = []
    /// How many value codes exist so far (codes are handed out in order, so every code this report
    /// uses is below it); lets a consumer on another thread copy new values' text in batches.
    @exclusivity(unchecked) public internal(set) var valueCount = 0

    /// The text of a value code (nil for -1, SQL NULL).
    public func text(of code: Int32) -> String? { code < 0 ? nil : textOf(code) }
    let textOf: (Int32) -> String

    init(textOf: @escaping (Int32) -> String) { self.textOf = textOf }

    fileprivate func clearLists() {
        actionCategories.removeAll(keepingCapacity: true)
        actionVarieties.removeAll(keepingCapacity: true)
        techniques.removeAll(keepingCapacity: true)
        assets.removeAll(keepingCapacity: true)
        attributes.removeAll(keepingCapacity: true)
        mitigationIDs.removeAll(keepingCapacity: true)
        mitigationEffective.removeAll(keepingCapacity: true)
    }
}

/// What a release scan saw: the text of every value code and the number of distinct pseudonyms.
public struct ReleaseScanSummary: Sendable {
    /// `values[code]` is the text of a value code.
    public var values: [String]
    /// Pseudonym indices run from 0 to `pseudonyms − 1`.
    public var pseudonyms: Int
    /// Reports handed over.
    public var reports: Int
}

/// How `scanReportsForRelease` reads.
public enum ReleaseScanPlan: Sendable {
    /// Sequential scans of the four report tables in primary-key order, merged on the report id;
    /// reports of other periods are skipped. Cost: the whole database, read once, no seeks.
    case fullScan
    /// The period index, then one seek per report into each table. Cost: four seeks per report.
    case indexed
    /// `fullScan` when the periods hold more than a small share of all reports, else `indexed`.
    case automatic
}

/// Interns byte strings straight from SQLite's buffers: open addressing over a byte arena, so a
/// repeated value costs one hash and one `memcmp`, and no `String` is made for it.
final class ByteInterner {
    // Only ever used from one scan on one thread: no dynamic exclusivity checks in the hot path.
    @exclusivity(unchecked) private var arena: [UInt8] = []
    @exclusivity(unchecked) private var starts: [Int] = []
    @exclusivity(unchecked) private var lengths: [Int] = []
    @exclusivity(unchecked) private var hashes: [UInt64] = []
    @exclusivity(unchecked) private var table: [Int32] = Array(repeating: -1, count: 1024)

    var count: Int { starts.count }

    func code(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        // Eight bytes at a time (pseudonyms are 64), then the tail byte by byte.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(length)
        let raw = UnsafeRawPointer(bytes)
        var i = 0
        while i + 8 <= length {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        while i < length {
            h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3
            i += 1
        }
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let c = table[slot]
            if c < 0 { break }
            let i = Int(c)
            if hashes[i] == h, lengths[i] == length,
               length == 0 || arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + starts[i], bytes, length) == 0 }) {
                return c
            }
            slot = (slot + 1) & mask
        }
        let new = Int32(starts.count)
        starts.append(arena.count)
        lengths.append(length)
        hashes.append(h)
        arena.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        table[slot] = new
        if starts.count * 2 > table.count { rehash() }
        return new
    }

    private func rehash() {
        table = Array(repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(i)
        }
    }

    func string(_ code: Int) -> String {
        arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[starts[code]..<starts[code] + lengths[code]]), as: UTF8.self) }
    }
}

extension ChathamRepository {
    /// Hands every report of `periods` to `body` as integer codes (see `ReleaseScanReport`), in
    /// report-id order, reading only what the release tables use. Other stores than `AppDatabase`
    /// go through `forEachReportForRelease` (same result, slower).
    ///
    /// Made for a release of a million reports: four prepared statements stepped with SQLite's C
    /// API and merged on the report id (all four tables are keyed by it, so their primary-key order
    /// is the merge order — no sort, no temporary B-tree), every text value interned from SQLite's
    /// own buffer, nothing allocated per report. Read-only, in one read transaction, so the reports
    /// are one consistent snapshot.
    @discardableResult
    public func scanReportsForRelease(periods: [String], plan: ReleaseScanPlan = .automatic,
                                      _ body: (ReleaseScanReport) throws -> Void) throws -> ReleaseScanSummary {
        guard let reader = (self as? AppDatabase)?.releaseReader else {
            return try AppDatabase.scanThroughRows(self, periods: periods, body)
        }
        return try reader.read { db in
            // Map the file rather than copy every page through read(2): a release reads all of it.
            let mmap = try Int.fetchOne(db, sql: "PRAGMA mmap_size") ?? 0
            try db.execute(sql: "PRAGMA mmap_size = 17179869184")
            defer { try? db.execute(sql: "PRAGMA mmap_size = \(mmap)") }
            let placeholders = Array(repeating: "?", count: periods.count).joined(separator: ",")
            let arguments = StatementArguments(periods)
            var full: Bool
            switch plan {
            case .fullScan: full = true
            case .indexed: full = false
            case .automatic:
                // Counting the periods' index entries costs in proportion to their reports. A full
                // scan reads every page of the file once; the indexed plan seeks four times per
                // report, and a seek costs about what reading half a page in sequence does.
                let wanted = try Int.fetchOne(db, sql: "SELECT count(*) FROM report WHERE period IN (\(placeholders))",
                                              arguments: arguments) ?? 0
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? Int.max
                full = wanted * 2 >= pages
            }
            let filter = full ? "" : " WHERE r.period IN (\(placeholders))"
            let reportSQL = full
                ? "SELECT id, pseudonym, period, sector, size, region, actor_kind, actor_motive, discovery, loss FROM report ORDER BY id"
                : "SELECT id, pseudonym, period, sector, size, region, actor_kind, actor_motive, discovery, loss FROM report r\(filter) ORDER BY id"
            let actionSQL = full
                ? "SELECT report_id, category, variety FROM report_action ORDER BY report_id, ord"
                : "SELECT a.report_id, a.category, a.variety FROM report r JOIN report_action a ON a.report_id = r.id\(filter) ORDER BY r.id, a.ord"
            let valueSQL = full
                ? "SELECT report_id, field, value FROM report_value ORDER BY report_id, field, value"
                : "SELECT v.report_id, v.field, v.value FROM report r JOIN report_value v ON v.report_id = r.id\(filter) ORDER BY r.id, v.field, v.value"
            let mitigationSQL = full
                ? "SELECT report_id, mitigation, effective FROM report_mitigation ORDER BY report_id, ord"
                : "SELECT m.report_id, m.mitigation, m.effective FROM report r JOIN report_mitigation m ON m.report_id = r.id\(filter) ORDER BY r.id, m.ord"
            let statements = try [reportSQL, actionSQL, valueSQL, mitigationSQL].map { sql in
                let s = try db.makeStatement(sql: sql)
                if !full { try s.setArguments(arguments) }
                return s
            }
            // The raw statement pointers are only valid while the `Statement`s live.
            return try withExtendedLifetime(statements) {
                try AppDatabase.merge(statements.map(\.sqliteStatement), periods: periods, body)
            }
        }
    }
}

extension AppDatabase {
    /// The database reader the release scan reads through.
    var releaseReader: (any DatabaseReader)? { writer }

    private static func text(_ s: OpaquePointer, _ column: Int32) -> (UnsafePointer<UInt8>, Int)? {
        guard let p = sqlite3_column_text(s, column) else { return nil }
        return (p, Int(sqlite3_column_bytes(s, column)))
    }

    private static func step(_ s: OpaquePointer) throws -> Bool {
        switch sqlite3_step(s) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw StoreError(.unavailable, "reading reports for a release failed (SQLite error \(code))")
        }
    }

    static func merge(_ s: [OpaquePointer], periods: [String], _ body: (ReleaseScanReport) throws -> Void) throws -> ReleaseScanSummary {
        let (reports, actions, values, mitigations) = (s[0], s[1], s[2], s[3])
        let strings = ByteInterner()
        let pseudonyms = ByteInterner()
        let periodCodes = ByteInterner()
        var periodOfCode: [Int] = []  // period code → index in `periods`, -1 if not wanted
        // The three `field` values of report_value, interned up front.
        let fields = ByteInterner()
        for f in ["technique", "asset", "attribute"] {
            _ = Array(f.utf8).withUnsafeBufferPointer { fields.code($0.baseAddress!, $0.count) }
        }
        let r = ReleaseScanReport { strings.string(Int($0)) }
        var handed = 0

        // Child cursors: whether a row is current, and a copy of its report id.
        var actionRow = try step(actions), valueRow = try step(values), mitigationRow = try step(mitigations)
        func code(_ st: OpaquePointer, _ column: Int32) -> Int32 {
            guard let (p, n) = text(st, column) else { return -1 }
            return strings.code(p, n)
        }
        /// -1: the child's report id sorts before `id`; 0: equal; 1: after.
        func compare(_ st: OpaquePointer, _ id: UnsafePointer<UInt8>, _ length: Int) -> Int {
            guard let (p, n) = text(st, 0) else { return -1 }
            let c = memcmp(p, id, min(n, length))
            if c != 0 { return c < 0 ? -1 : 1 }
            return n < length ? -1 : (n > length ? 1 : 0)
        }

        var idBuffer = [UInt8](repeating: 0, count: 64)
        while try step(reports) {
            guard let (idPointer, idLength) = text(reports, 0) else { continue }
            // Copy the id: the pointer is only valid until the next step of `reports`, and the
            // child statements are stepped meanwhile (they have their own buffers, but be safe).
            if idBuffer.count < idLength { idBuffer = [UInt8](repeating: 0, count: idLength) }
            idBuffer.withUnsafeMutableBufferPointer { _ = memcpy($0.baseAddress!, idPointer, idLength) }
            let wanted: Int
            if let (p, n) = text(reports, 2) {
                let pc = Int(periodCodes.code(p, n))
                if pc == periodOfCode.count {
                    let period = periodCodes.string(pc)
                    periodOfCode.append(periods.firstIndex(of: period) ?? -1)
                }
                wanted = periodOfCode[pc]
            } else {
                wanted = -1
            }
            let keep = wanted >= 0
            if keep {
                r.period = wanted
                r.clearLists()
                if let (p, n) = text(reports, 1) { r.pseudonym = pseudonyms.code(p, n) } else { r.pseudonym = -1 }
                r.sector = code(reports, 3)
                r.size = code(reports, 4)
                r.region = code(reports, 5)
                r.actorKind = code(reports, 6)
                r.actorMotive = code(reports, 7)
                r.discovery = code(reports, 8)
                r.loss = code(reports, 9)
            }
            try idBuffer.withUnsafeBufferPointer { idb in
                let id = idb.baseAddress!
                while actionRow {
                    let c = compare(actions, id, idLength)
                    if c > 0 { break }
                    if c == 0, keep {
                        r.actionCategories.append(code(actions, 1))
                        r.actionVarieties.append(code(actions, 2))
                    }
                    actionRow = try step(actions)
                }
                while valueRow {
                    let c = compare(values, id, idLength)
                    if c > 0 { break }
                    if c == 0, keep, let (p, n) = text(values, 1) {
                        let v = code(values, 2)
                        switch fields.code(p, n) {
                        case 0: r.techniques.append(v)
                        case 1: r.assets.append(v)
                        case 2: r.attributes.append(v)
                        default: break
                        }
                    }
                    valueRow = try step(values)
                }
                while mitigationRow {
                    let c = compare(mitigations, id, idLength)
                    if c > 0 { break }
                    if c == 0, keep {
                        r.mitigationIDs.append(code(mitigations, 1))
                        r.mitigationEffective.append(code(mitigations, 2))
                    }
                    mitigationRow = try step(mitigations)
                }
            }
            if keep {
                handed += 1
                r.valueCount = strings.count
                try body(r)
            }
        }
        return ReleaseScanSummary(values: (0..<strings.count).map(strings.string), pseudonyms: pseudonyms.count, reports: handed)
    }

    /// The same hand-over from `forEachReportForRelease` (a store this file cannot read directly).
    static func scanThroughRows(_ store: any ChathamRepository, periods: [String], _ body: (ReleaseScanReport) throws -> Void) throws -> ReleaseScanSummary {
        var codes: [String: Int32] = [:]
        final class ValuesBox { var values: [String] = [] }
        let box = ValuesBox()
        var pseudonyms: [String: Int32] = [:]
        func code(_ s: String?) -> Int32 {
            guard let s else { return -1 }
            if let c = codes[s] { return c }
            let c = Int32(box.values.count)
            codes[s] = c
            box.values.append(s)
            return c
        }
        let r = ReleaseScanReport { box.values[Int($0)] }
        var handed = 0
        for (i, period) in periods.enumerated() {
            try store.forEachReportForRelease(period: period) { row in
                r.clearLists()
                r.period = i
                if let p = pseudonyms[row.pseudonym] { r.pseudonym = p } else {
                    r.pseudonym = Int32(pseudonyms.count)
                    pseudonyms[row.pseudonym] = r.pseudonym
                }
                r.sector = code(row.sector)
                r.size = code(row.size)
                r.region = code(row.region)
                r.actorKind = code(row.actorKind)
                r.actorMotive = code(row.actorMotive)
                r.discovery = code(row.discovery)
                r.loss = code(row.loss)
                for a in row.actions {
                    r.actionCategories.append(code(a.category))
                    r.actionVarieties.append(code(a.variety))
                }
                r.techniques = row.techniques.sorted().map(code)
                r.assets = row.assets.sorted().map(code)
                r.attributes = row.attributes.sorted().map(code)
                for m in row.mitigations {
                    r.mitigationIDs.append(code(m.id))
                    r.mitigationEffective.append(code(m.effective))
                }
                handed += 1
                r.valueCount = box.values.count
                try body(r)
            }
        }
        return ReleaseScanSummary(values: box.values, pseudonyms: pseudonyms.count, reports: handed)
    }
}
