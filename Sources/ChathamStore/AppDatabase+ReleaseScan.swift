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
    /// (period, report id) order, reading only what the release tables use. Other stores than
    /// `AppDatabase` go through `forEachReportForRelease` (same reports, slower).
    ///
    /// Made for a release of a million reports: the table is keyed by (period, id), so the periods
    /// are ranges of it, read in order by one prepared statement stepped with SQLite's C API; every
    /// text value, and every member of the JSON lists, is interned from SQLite's own buffer, nothing
    /// allocated per report. Read-only, in one read transaction, so the reports are one consistent
    /// snapshot.
    @discardableResult
    public func scanReportsForRelease(periods: [String], _ body: (ReleaseScanReport) throws -> Void) throws -> ReleaseScanSummary {
        guard let reader = (self as? AppDatabase)?.writer else {
            return try AppDatabase.scanThroughRows(self, periods: periods, body)
        }
        return try reader.read { db in
            // Map the file rather than copy every page through read(2): a release reads much of it.
            let mmap = try Int.fetchOne(db, sql: "PRAGMA mmap_size") ?? 0
            try db.execute(sql: "PRAGMA mmap_size = 17179869184")
            defer { try? db.execute(sql: "PRAGMA mmap_size = \(mmap)") }
            let placeholders = Array(repeating: "?", count: periods.count).joined(separator: ",")
            let statement = try db.makeStatement(sql: """
                SELECT period, pseudonym, sector, size, region, actor_kind, actor_motive, discovery, loss,
                       actions, techniques, assets, attributes, mitigations
                FROM report WHERE period IN (\(placeholders)) ORDER BY period, id
                """)
            try statement.setArguments(StatementArguments(periods))
            // The raw statement pointer is only valid while the `Statement` lives.
            return try withExtendedLifetime(statement) {
                try AppDatabase.scan(statement.sqliteStatement, periods: periods, body)
            }
        }
    }
}

extension AppDatabase {
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

    static func scan(_ s: OpaquePointer, periods: [String], _ body: (ReleaseScanReport) throws -> Void) throws -> ReleaseScanSummary {
        let strings = ByteInterner()
        let pseudonyms = ByteInterner()
        let periodCodes = ByteInterner()
        var periodOfCode: [Int] = []  // period code → index in `periods`, -1 if not wanted
        let r = ReleaseScanReport { strings.string(Int($0)) }
        var handed = 0
        var scratch: [UInt8] = []

        func code(_ column: Int32) -> Int32 {
            guard let (p, n) = text(s, column) else { return -1 }
            return strings.code(p, n)
        }
        func code(_ p: UnsafePointer<UInt8>?, _ n: Int) -> Int32 { p.map { strings.code($0, n) } ?? -1 }
        /// A flat list column, members interned in their stored (sorted) order.
        func list(_ column: Int32, into values: inout [Int32]) throws {
            guard let (p, n) = text(s, column) else { throw StoredList.malformed }
            try StoredList.walk(p, n, scratch: &scratch, scalar: { _, q, m in values.append(code(q, m)) })
        }
        /// A tuple list column: members `first` and `second` of each tuple (-1 when absent or null).
        func tuples(_ column: Int32, _ first: Int, _ second: Int, into a: inout [Int32], _ b: inout [Int32]) throws {
            guard let (p, n) = text(s, column) else { throw StoredList.malformed }
            var x: Int32 = -1, y: Int32 = -1
            try StoredList.walk(p, n, scratch: &scratch, scalar: { position, q, m in
                if position == first { x = code(q, m) } else if position == second { y = code(q, m) }
            }, tupleEnd: {
                a.append(x)
                b.append(y)
                x = -1
                y = -1
            })
        }

        while try step(s) {
            guard let (p, n) = text(s, 0) else { continue }
            let pc = Int(periodCodes.code(p, n))
            if pc == periodOfCode.count { periodOfCode.append(periods.firstIndex(of: periodCodes.string(pc)) ?? -1) }
            guard periodOfCode[pc] >= 0 else { continue }
            r.period = periodOfCode[pc]
            r.clearLists()
            if let (p, n) = text(s, 1) { r.pseudonym = pseudonyms.code(p, n) } else { r.pseudonym = -1 }
            r.sector = code(2)
            r.size = code(3)
            r.region = code(4)
            r.actorKind = code(5)
            r.actorMotive = code(6)
            r.discovery = code(7)
            r.loss = code(8)
            try tuples(9, 0, 1, into: &r.actionCategories, &r.actionVarieties)
            try list(10, into: &r.techniques)
            try list(11, into: &r.assets)
            try list(12, into: &r.attributes)
            try tuples(13, 0, 2, into: &r.mitigationIDs, &r.mitigationEffective)
            handed += 1
            r.valueCount = strings.count
            try body(r)
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
