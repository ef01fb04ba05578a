// `make bench-release`: the full release (count every table, primary and secondary suppression,
// the LP audit, signing) of 1,000,000 synthetic reports from 2,000 members, against a plain SQL
// GROUP BY of the same tables (cells and margins) in SQLite, in the same run on the same database.
//
// Usage: chatham-bench-release [--reports N] [--members M] [--db PATH]
// The synthetic database is built once and kept at PATH (default .build/bench-release.sqlite);
// building it is not timed.
import ChathamCrypto
import ChathamDisclosure
import ChathamServer
import ChathamStore
import Foundation
import GRDB

var reportCount = 1_000_000
var memberCount = 2_000
var path = ".build/bench-release.sqlite"
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let a = arguments.next() {
    switch a {
    case "--reports": reportCount = Int(arguments.next() ?? "") ?? reportCount
    case "--members": memberCount = Int(arguments.next() ?? "") ?? memberCount
    case "--db": path = arguments.next() ?? path
    default:
        FileHandle.standardError.write(Data("usage: chatham-bench-release [--reports N] [--members M] [--db PATH]\n".utf8))
        exit(64)
    }
}
let period = "2026-11"
let reportTotal = reportCount, memberTotal = memberCount, databasePath = path

/// Deterministic generator (SplitMix64), so every run measures the same data.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// Geometric over the list: the first values common, the last ones rare (a handful of reports
    /// in a million), so primary and secondary suppression have work to do.
    mutating func skewed<T>(_ values: [T]) -> T {
        let u = max(Double(next() >> 11) / Double(1 << 53), 1e-300)
        let scale = max(1.0, Double(values.count) / 12)
        return values[min(values.count - 1, Int(-log(u) * scale))]
    }
}

let sectors = ["52", "62", "54", "51", "92", "61", "44", "31", "33", "32", "48", "49", "22", "23", "42", "53", "56",
               "71", "72", "81", "11", "21", "55", "45"]
let sizes = ["1-10", "11-100", "101-1000", "1001-10000", "10001-25000", "25001-50000", "50001-100000", "over-100000", "unknown"]
let regions = ["europe", "americas-north", "asia", "americas-latin", "oceania", "africa", "unknown"]
let kinds = ["external", "internal", "partner", "unknown"]
let motives = ["financial", "espionage", "ideology", "grudge", "fun", "convenience", "fear", "other", "unknown"]
let discoveries = ["internal", "external", "partner", "unknown"]
let losses = ["none", "under-10k", "10k-100k", "100k-1m", "1m-10m", "over-10m", "unknown"]
let categories: [(String, [String])] = [
    ("malware", ["ransomware", "backdoor", "c2", "spyware-keylogger", "downloader", "export-data", "capture-stored-data", "adware", "worm", "rootkit"]),
    ("hacking", ["use-of-stolen-creds", "exploit-vuln", "brute-force", "use-of-backdoor-or-c2", "sqli", "xss", "path-traversal"]),
    ("social", ["phishing", "pretexting", "bribery", "extortion", "influence", "scam"]),
    ("misuse", ["privilege-abuse", "data-mishandling", "email-misuse", "possession-abuse"]),
    ("error", ["misconfiguration", "misdelivery", "publishing-error", "loss"]),
    ("physical", ["theft", "tampering", "snooping"]),
    ("environmental", ["fire", "flood", "power-failure"]),
    ("unknown", ["unknown"]),
]
let techniques = (0..<220).map { String(format: "T%04d", 1001 + $0 * 7) }
let mitigations = (0..<45).map { String(format: "M%04d", 1013 + $0) }
let effects = ["yes", "partial", "no", "unknown"]

func hex(_ value: UInt64, _ width: Int) -> String {
    let s = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}

func buildDatabase(reportCount: Int, memberCount: Int, path: String) throws {
    try? FileManager.default.removeItem(atPath: path)
    for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    _ = try AppDatabase(path: path)  // the real schema, by the real migrations
    var config = Configuration()
    config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
    let queue = try DatabaseQueue(path: path, configuration: config)
    var random = Random(state: 2026)
    // 2,000 members with skewed activity; one pseudonym each (one epoch).
    let pseudonyms = (0..<memberCount).map { m in hex(UInt64(m) &* 0x9E37_79B9_7F4A_7C15, 16) + String(repeating: "a", count: 48) }
    let members = Array(0..<memberCount)
    try queue.write { db in
        let report = try db.makeStatement(sql: """
            INSERT INTO report (id, receipt, pseudonym, epoch, period, sector, size, region, actor_kind, actor_motive,
                discovery, dwell, containment, loss, downtime, narrative, share_narrative, document)
            VALUES (?, ?, ?, '2026-Q4', ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL, NULL, 0, '{}')
            """)
        let action = try db.makeStatement(sql: "INSERT INTO report_action (report_id, ord, category, variety, vector) VALUES (?, ?, ?, ?, NULL)")
        let value = try db.makeStatement(sql: "INSERT INTO report_value (report_id, field, value) VALUES (?, 'technique', ?)")
        let mitigation = try db.makeStatement(sql: "INSERT INTO report_mitigation (report_id, ord, mitigation, stage, effective) VALUES (?, ?, ?, 'after', ?)")
        for i in 0..<reportCount {
            let id = hex(UInt64(i) &* 0xD1B5_4A32_D192_ED03 | 1, 16) + hex(UInt64(i), 16)
            // Some members report far more than others (u² skew), every member reports.
            let u = Double(random.next() >> 11) / Double(1 << 53)
            let member = i < memberCount ? members[i] : Int(Double(memberCount) * u * u)
            try report.execute(arguments: [id, "rcpt_" + id, pseudonyms[member], period, random.skewed(sectors),
                                           random.skewed(sizes), random.skewed(regions), random.skewed(kinds),
                                           random.skewed(motives), random.skewed(discoveries), random.skewed(losses)])
            var seen = Set<String>()
            for ord in 0..<(1 + random.below(3)) {
                let (category, varieties) = random.skewed(categories)
                let variety = random.skewed(varieties)
                guard seen.insert(category + variety).inserted else { continue }
                try action.execute(arguments: [id, ord, category, variety])
            }
            var techniqueSet = Set<String>()
            for _ in 0..<random.below(5) { techniqueSet.insert(random.skewed(techniques)) }
            for t in techniqueSet { try value.execute(arguments: [id, t]) }
            for ord in 0..<random.below(3) {
                try mitigation.execute(arguments: [id, ord, random.skewed(mitigations), random.skewed(effects)])
            }
        }
    }
}

let marker = path + ".\(reportCount).\(memberCount).ok"
if !FileManager.default.fileExists(atPath: marker) {
    print("building \(reportCount) synthetic reports from \(memberCount) members in \(path) (once; not timed)…")
    let start = Date()
    try buildDatabase(reportCount: reportTotal, memberCount: memberTotal, path: databasePath)
    FileManager.default.createFile(atPath: marker, contents: Data())
    print(String(format: "  built in %.1f s", Date().timeIntervalSince(start)))
}

func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

// The baseline: every cell and margin of the same tables by GROUP BY, counting reports.
let baselineQueries: [String] = {
    let r = "FROM report r WHERE r.period = ?1"
    func single(_ column: String) -> [String] {
        ["SELECT r.\(column), count(*) \(r) GROUP BY 1", "SELECT count(*) \(r)"]
    }
    let action = "FROM report r JOIN report_action a ON a.report_id = r.id WHERE r.period = ?1"
    let technique = "FROM report r JOIN report_value v ON v.report_id = r.id AND v.field = 'technique' WHERE r.period = ?1"
    let mitigation = "FROM report r JOIN report_mitigation m ON m.report_id = r.id WHERE r.period = ?1"
    return [
        // action-by-sector
        "SELECT a.category, r.sector, count(DISTINCT r.id) \(action) GROUP BY 1, 2",
        "SELECT a.category, count(DISTINCT r.id) \(action) GROUP BY 1",
        "SELECT r.sector, count(*) \(r) GROUP BY 1",
        "SELECT count(*) \(r)",
        // action-variety
        "SELECT a.category, coalesce(a.variety, 'unknown'), count(DISTINCT r.id) \(action) GROUP BY 1, 2",
        "SELECT coalesce(a.variety, 'unknown'), count(DISTINCT r.id) \(action) GROUP BY 1",
        // techniques
        "SELECT v.value, count(*) \(technique) GROUP BY 1",
        // mitigation-effectiveness
        "SELECT m.mitigation, coalesce(m.effective, 'unknown'), count(DISTINCT r.id) \(mitigation) GROUP BY 1, 2",
        "SELECT m.mitigation, count(DISTINCT r.id) \(mitigation) GROUP BY 1",
        "SELECT coalesce(m.effective, 'unknown'), count(DISTINCT r.id) \(mitigation) GROUP BY 1",
        // actor
        "SELECT r.actor_kind, coalesce(r.actor_motive, 'unknown'), count(*) \(r) GROUP BY 1, 2",
        "SELECT coalesce(r.actor_motive, 'unknown'), count(*) \(r) GROUP BY 1",
    ] + single("size") + single("region") + single("actor_kind") + ["SELECT coalesce(r.discovery, 'unknown'), count(*) \(r) GROUP BY 1",
        "SELECT coalesce(r.loss, 'unknown'), count(*) \(r) GROUP BY 1"]
}()

let queue = try DatabaseQueue(path: path)
let (sqlCells, sqlSeconds) = try time {
    try queue.read { db in
        var rows = 0
        for sql in baselineQueries {
            rows += try Row.fetchAll(db, sql: sql, arguments: [period]).count
        }
        return rows
    }
}

let store = try AppDatabase(path: path, maxReportsPerPseudonym: 1_000_000)
let signing = SigningSecretKey.generate()
let service = ReleaseService(store: store, signing: signing)
let ((document, findings), releaseSeconds) = try time {
    try service.prepare(period: period)
}
let cells = document.tables.reduce(0) { $0 + $1.cells.count }
let hidden = document.tables.reduce(0) { $0 + $1.cells.filter { $0.status == .suppressed }.count }

print("reports: \(reportCount), members: \(memberCount), tables: \(document.tables.count), cells: \(cells), suppressed: \(hidden), audit findings: \(findings.count)")
print(String(format: "SQL GROUP BY baseline (%d queries, %d rows): %.2f s", baselineQueries.count, sqlCells, sqlSeconds))
print(String(format: "full release (count, suppress, LP audit, sign):  %.2f s", releaseSeconds))
print(String(format: "ratio: %.2f× (target ≤ 3×, ≤ 5 s)", releaseSeconds / sqlSeconds))
if !findings.isEmpty { exit(1) }
