// `make bench-release`: the full release (count every table, primary and secondary suppression,
// the LP audit, signing) of 1,000,000 synthetic reports from 2,000 members, against a plain SQL
// GROUP BY of the same tables (cells and margins) in SQLite, in the same run on the same database.
//
// Usage: chatham-bench-release [--reports N] [--members M] [--db PATH] [--runs R]
// The synthetic database is built once and kept at PATH (default .build/bench-release.sqlite);
// building it is not timed. Baseline and release alternate R times (default 3); medians are
// printed, with the release's split: the read alone (a scan that counts nothing), scan + count,
// and each step after it.
import ChathamCrypto
import ChathamDisclosure
import ChathamModel
import ChathamServer
import ChathamStore
import ChathamTestKit
import Foundation
import GRDB

var reportCount = 1_000_000
var memberCount = 2_000
var path = ".build/bench-release.sqlite"
var runs = 3
var baseline = true
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let a = arguments.next() {
    switch a {
    case "--reports": reportCount = Int(arguments.next() ?? "") ?? reportCount
    case "--members": memberCount = Int(arguments.next() ?? "") ?? memberCount
    case "--db": path = arguments.next() ?? path
    case "--runs": runs = max(1, Int(arguments.next() ?? "") ?? runs)
    case "--no-baseline": baseline = false  // for profiling the release alone
    default:
        FileHandle.standardError.write(Data("usage: chatham-bench-release [--reports N] [--members M] [--db PATH] [--runs R]\n".utf8))
        exit(64)
    }
}
let period = "2026-11"
let reportTotal = reportCount, memberTotal = memberCount, databasePath = path

/// Deterministic data (SplitMix64), so every run measures the same reports.
typealias Random = SplitMix64

extension SplitMix64 {
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
            INSERT INTO report (period, id, receipt, pseudonym, epoch, sector, size, region, actor_kind, actor_motive,
                discovery, dwell, containment, loss, downtime, actions, techniques, assets, attributes, mitigations,
                share_narrative, narrative)
            VALUES (?, ?, ?, ?, '2026-Q4', ?, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL, ?, ?, '[]', '[]', ?, 0, NULL)
            """)
        for i in 0..<reportCount {
            let id = hex(UInt64(i) &* 0xD1B5_4A32_D192_ED03 | 1, 16) + hex(UInt64(i), 16)
            // Some members report far more than others (u² skew), every member reports.
            let u = Double(random.next() >> 11) / Double(1 << 53)
            let member = i < memberCount ? members[i] : Int(Double(memberCount) * u * u)
            let fields: [String] = [random.skewed(sectors), random.skewed(sizes), random.skewed(regions), random.skewed(kinds),
                                    random.skewed(motives), random.skewed(discoveries), random.skewed(losses)]
            var seen = Set<String>()
            var actions: [[String?]] = []
            for _ in 0..<(1 + random.int(3)) {
                let (category, varieties) = random.skewed(categories)
                let variety = random.skewed(varieties)
                guard seen.insert(category + variety).inserted else { continue }
                actions.append([category, variety, nil])
            }
            var techniqueSet = Set<String>()
            for _ in 0..<random.int(5) { techniqueSet.insert(random.skewed(techniques)) }
            let mitigationList: [[String?]] = (0..<random.int(3)).map { _ in [random.skewed(mitigations), "after", random.skewed(effects)] }
            try report.execute(arguments: StatementArguments([period, id, "rcpt_" + id, pseudonyms[member]] + fields + [
                StoredList.encode(tuples: actions), StoredList.encode(techniqueSet.sorted()), StoredList.encode(tuples: mitigationList)]))
        }
    }
}

let marker = path + ".v5.\(reportCount).\(memberCount).ok"  // v5: the one-row-per-report schema
if !FileManager.default.fileExists(atPath: marker) {
    print("building \(reportCount) synthetic reports from \(memberCount) members in \(path) (once; not timed)…")
    let start = Date()
    try buildDatabase(reportCount: reportTotal, memberCount: memberTotal, path: databasePath)
    FileManager.default.createFile(atPath: marker, contents: Data())
    print(String(format: "  built in %.1f s", Date().timeIntervalSince(start)))
}

/// CPU seconds (user + system) of this process so far: on a shared machine wall time depends on
/// what else runs, CPU time much less.
func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
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
    // The lists are JSON arrays in the report's row: SQLite's json_each unnests them.
    let action = "FROM report r, json_each(r.actions) x WHERE r.period = ?1"
    let technique = "FROM report r, json_each(r.techniques) v WHERE r.period = ?1"
    let mitigation = "FROM report r, json_each(r.mitigations) x WHERE r.period = ?1"
    return [
        // action-by-sector
        "SELECT x.value ->> 0, r.sector, count(DISTINCT r.id) \(action) GROUP BY 1, 2",
        "SELECT x.value ->> 0, count(DISTINCT r.id) \(action) GROUP BY 1",
        "SELECT r.sector, count(*) \(r) GROUP BY 1",
        "SELECT count(*) \(r)",
        // action-variety
        "SELECT x.value ->> 0, coalesce(x.value ->> 1, 'unknown'), count(DISTINCT r.id) \(action) GROUP BY 1, 2",
        "SELECT coalesce(x.value ->> 1, 'unknown'), count(DISTINCT r.id) \(action) GROUP BY 1",
        // techniques
        "SELECT v.value, count(*) \(technique) GROUP BY 1",
        // mitigation-effectiveness
        "SELECT x.value ->> 0, coalesce(x.value ->> 2, 'unknown'), count(DISTINCT r.id) \(mitigation) GROUP BY 1, 2",
        "SELECT x.value ->> 0, count(DISTINCT r.id) \(mitigation) GROUP BY 1",
        "SELECT coalesce(x.value ->> 2, 'unknown'), count(DISTINCT r.id) \(mitigation) GROUP BY 1",
        // actor
        "SELECT r.actor_kind, coalesce(r.actor_motive, 'unknown'), count(*) \(r) GROUP BY 1, 2",
        "SELECT coalesce(r.actor_motive, 'unknown'), count(*) \(r) GROUP BY 1",
    ] + single("size") + single("region") + single("actor_kind") + ["SELECT coalesce(r.discovery, 'unknown'), count(*) \(r) GROUP BY 1",
        "SELECT coalesce(r.loss, 'unknown'), count(*) \(r) GROUP BY 1"]
}()

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

let queue = try DatabaseQueue(path: path)
let store = try AppDatabase(path: path, maxReportsPerPseudonym: 1_000_000)
let signing = SigningSecretKey.generate()
let service = ReleaseService(store: store, signing: signing)

var sqlTimes: [Double] = [], releaseTimes: [Double] = [], readTimes: [Double] = []
var sqlCPU: [Double] = [], releaseCPU: [Double] = []
var splits: [ReleaseTimings] = []
var sqlCells = 0
var last: (document: ReleaseDocument, findings: [AuditFinding])?
for run in 0..<runs {
    let sqlCPUStart = cpuSeconds()
    let (rows, sqlSeconds) = try time {
        guard baseline else { return 0 }
        return try queue.read { db in
            var rows = 0
            for sql in baselineQueries {
                rows += try Row.fetchAll(db, sql: sql, arguments: [period]).count
            }
            return rows
        }
    }
    sqlCells = rows
    sqlTimes.append(sqlSeconds)
    sqlCPU.append(cpuSeconds() - sqlCPUStart)
    // The read alone: the release's scan with a body that only looks at one field.
    let (_, readSeconds) = try time {
        var sectors = 0
        try store.scanReportsForRelease(periods: [period]) { r in sectors &+= Int(r.sector) }
        return sectors
    }
    readTimes.append(readSeconds)
    let releaseCPUStart = cpuSeconds()
    let ((document, findings, timings), releaseSeconds) = try time {
        try service.prepareTimed(period: period)
    }
    releaseCPU.append(cpuSeconds() - releaseCPUStart)
    releaseTimes.append(releaseSeconds)
    splits.append(timings)
    last = (document, findings)
    print(String(format: "run %d: baseline %.2f s (CPU %.2f s), release %.2f s (CPU %.2f s; read alone %.2f s; %@)", run + 1, sqlSeconds,
                 sqlCPU.last!, releaseSeconds, releaseCPU.last!, readSeconds, timings.description))
}
let (document, findings) = last!
let cells = document.tables.reduce(0) { $0 + $1.cells.count }
let hidden = document.tables.reduce(0) { $0 + $1.cells.filter { $0.status == .suppressed }.count }
let hiddenTotals = document.tables.filter { t in t.cells.contains { c in c.key.values.allSatisfy { $0 == "*" } && c.status == .suppressed } }.count
let finalSplits = splits
func medianOf(_ path: KeyPath<ReleaseTimings, Double>) -> Double { median(finalSplits.map { $0[keyPath: path] }) }
let sqlSeconds = median(sqlTimes), releaseSeconds = median(releaseTimes)

print("reports: \(reportCount), members: \(memberCount), tables: \(document.tables.count), cells: \(cells), suppressed: \(hidden), grand totals suppressed: \(hiddenTotals), audit findings: \(findings.count)")
print(String(format: "SQL GROUP BY baseline (%d queries, %d rows): %.2f s (median of %d)", baselineQueries.count, sqlCells, sqlSeconds, runs))
print(String(format: "full release (count, suppress, LP audit, sign):  %.2f s (median of %d)", releaseSeconds, runs))
print(String(format: "  read reports from SQLite (scan alone)   %.3f s", median(readTimes)))
print(String(format: "  scan + per-pseudonym cell counts        %.3f s", medianOf(\.scanAndCount)))
print(String(format: "  assemble scopes                         %.3f s", medianOf(\.assemble)))
print(String(format: "  primary suppression + cell system       %.3f s", medianOf(\.primary)))
print(String(format: "  secondary: line rule                    %.3f s", medianOf(\.lineRule)))
print(String(format: "  secondary: LP rounds (any-member)       %.3f s (%d rounds)", medianOf(\.protectLP), splits.last!.lpRounds))
print(String(format: "  audit: per-table re-check               %.3f s", medianOf(\.auditTables)))
print(String(format: "  audit: LP (outsider and any member)     %.3f s", medianOf(\.auditLP)))
print(String(format: "  signing                                 %.3f s", medianOf(\.sign)))
print(String(format: "CPU time (user + system): baseline %.2f s, release %.2f s", median(sqlCPU), median(releaseCPU)))
print(String(format: "ratio: %.2f× (target ≤ 3×, ≤ 5 s)", releaseSeconds / sqlSeconds))
if !findings.isEmpty { exit(1) }
