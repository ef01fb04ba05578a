import Foundation
import GRDB
import Synchronization

/// The SQLite database of a chatham server (GRDB over the system SQLite, WAL mode).
///
/// One type owns the writer and exposes methods named for what they do (GRDB's AppDatabase
/// pattern). Reports are kept in WITHOUT ROWID tables keyed by their random id, so the file does not
/// record the order in which they arrived.
public final class AppDatabase: ChathamRepository, @unchecked Sendable {
    // DatabaseWriter is thread-safe; @unchecked because the protocol existential is not Sendable.
    // Internal, not private: the release scan (AppDatabase+ReleaseScan.swift) reads through it.
    let writer: any DatabaseWriter
    /// Most reports one pseudonym (one member in one epoch) may file, so a stolen or abused
    /// credential cannot flood a period.
    public let maxReportsPerPseudonym: Int
    /// Reports per pseudonym, counted once from the file and then kept up to date by the one
    /// writer, so the cap costs no index scan per submission. Held in memory only.
    private let pseudonymCounts = Mutex<[String: Int]>([:])
    /// One insertReports at a time, so the counts read at the start of a transaction include
    /// everything committed before it.
    private let insertLock = NSLock()

    /// Opens (creating if needed) the database file at `path` in WAL mode and migrates it.
    public init(path: String, maxReportsPerPseudonym: Int = 1000) throws {
        self.maxReportsPerPseudonym = maxReportsPerPseudonym
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.publicStatementArguments = false  // never SQL arguments in logs or errors
        config.prepareDatabase { db in
            // FULL: a commit is on disk before it returns, so a 202 survives power loss and kill -9.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Report keys are random, so every insert lands on its own pages: a 64 MiB page cache
            // keeps them in memory instead of re-reading them on each commit.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw StoreError(.unavailable, "cannot open the database at \(path): \(error.localizedDescription)")
        }
        writer = pool
        try Self.migrator.migrate(pool)
    }

    /// An in-memory database for tests.
    public init(inMemory: Void = (), maxReportsPerPseudonym: Int = 1000) throws {
        self.maxReportsPerPseudonym = maxReportsPerPseudonym
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.publicStatementArguments = false
        let queue = try DatabaseQueue(configuration: config)
        writer = queue
        try Self.migrator.migrate(queue)
    }

    /// Migrations are string SQL and never edited after they ship.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE member (
                    id INTEGER PRIMARY KEY,
                    label TEXT NOT NULL UNIQUE CHECK (length(label) BETWEEN 1 AND 100),
                    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
                    revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
                );
                CREATE TABLE issuance (
                    member_id INTEGER NOT NULL REFERENCES member(id),
                    epoch TEXT NOT NULL CHECK (epoch GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
                    PRIMARY KEY (member_id, epoch)
                ) WITHOUT ROWID;
                CREATE TABLE report (
                    id TEXT PRIMARY KEY CHECK (length(id) = 32),
                    receipt TEXT NOT NULL UNIQUE,
                    pseudonym TEXT NOT NULL CHECK (length(pseudonym) = 64),
                    epoch TEXT NOT NULL CHECK (epoch GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
                    period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                    sector TEXT NOT NULL,
                    size TEXT NOT NULL,
                    region TEXT NOT NULL,
                    actor_kind TEXT NOT NULL,
                    actor_motive TEXT,
                    discovery TEXT,
                    dwell TEXT,
                    containment TEXT,
                    loss TEXT,
                    downtime TEXT,
                    narrative TEXT,
                    share_narrative INTEGER NOT NULL CHECK (share_narrative IN (0, 1)),
                    document TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX report_period ON report(period);
                CREATE TABLE report_action (
                    report_id TEXT NOT NULL REFERENCES report(id),
                    ord INTEGER NOT NULL,
                    category TEXT NOT NULL,
                    variety TEXT,
                    vector TEXT,
                    PRIMARY KEY (report_id, ord)
                ) WITHOUT ROWID;
                CREATE TABLE report_value (
                    report_id TEXT NOT NULL REFERENCES report(id),
                    field TEXT NOT NULL CHECK (field IN ('technique', 'asset', 'attribute')),
                    value TEXT NOT NULL,
                    PRIMARY KEY (report_id, field, value)
                ) WITHOUT ROWID;
                CREATE TABLE report_mitigation (
                    report_id TEXT NOT NULL REFERENCES report(id),
                    ord INTEGER NOT NULL,
                    mitigation TEXT NOT NULL,
                    stage TEXT,
                    effective TEXT,
                    PRIMARY KEY (report_id, ord)
                ) WITHOUT ROWID;
                CREATE TABLE release (
                    period TEXT PRIMARY KEY CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                    document TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v2-pseudonym-index") { db in
            // For the per-pseudonym cap on reports per epoch.
            try db.execute(sql: "CREATE INDEX report_pseudonym ON report(pseudonym)")
        }
        m.registerMigration("v3-release-marking") { db in
            // The operator's TLP marking of a release; TLP:CLEAR makes the web page public.
            try db.execute(sql: """
                CREATE TABLE release_marking (
                    period TEXT PRIMARY KEY REFERENCES release(period),
                    tlp TEXT NOT NULL CHECK (tlp IN ('clear', 'green', 'amber', 'amber+strict', 'red'))
                ) WITHOUT ROWID
                """)
        }
        m.registerMigration("v4-report-fields-only") { db in
            // The report's JSON text beside its fields repeated them, and at about 1 KiB it pushed
            // every row of this WITHOUT ROWID table onto an overflow page: a page written per
            // report. The fields are the report.
            try db.execute(sql: "ALTER TABLE report DROP COLUMN document")
        }
        return m
    }

    // MARK: Members

    public func addMember(label: String, tokenHash: String) throws -> MemberRecord {
        try writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM member WHERE label = ?", arguments: [label]) == true {
                throw StoreError(.duplicateMember, "a member labelled \(label) exists already")
            }
            try db.execute(sql: "INSERT INTO member (label, token_hash) VALUES (?, ?)", arguments: [label, tokenHash])
            return MemberRecord(id: db.lastInsertedRowID, label: label, revoked: false, lastIssuedEpoch: nil)
        }
    }

    public func members() throws -> [MemberRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, label, revoked, (SELECT max(epoch) FROM issuance WHERE member_id = member.id) AS last_epoch
                FROM member ORDER BY label
                """).map(Self.member)
        }
    }

    public func revokeMember(label: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE member SET revoked = 1 WHERE label = ?", arguments: [label])
            if db.changesCount == 0 { throw StoreError(.unknownMember, "no member is labelled \(label)") }
        }
    }

    public func member(tokenHash: String) throws -> MemberRecord? {
        try writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT id, label, revoked, (SELECT max(epoch) FROM issuance WHERE member_id = member.id) AS last_epoch
                FROM member WHERE token_hash = ?
                """, arguments: [tokenHash]).map(Self.member)
        }
    }

    public func member(id: Int64) throws -> MemberRecord? {
        try writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT id, label, revoked, (SELECT max(epoch) FROM issuance WHERE member_id = member.id) AS last_epoch
                FROM member WHERE id = ?
                """, arguments: [id]).map(Self.member)
        }
    }

    private static func member(_ row: Row) -> MemberRecord {
        MemberRecord(id: row["id"], label: row["label"], revoked: row["revoked"], lastIssuedEpoch: row["last_epoch"])
    }

    public func recordIssuance(memberID: Int64, epoch: String) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO issuance (member_id, epoch) VALUES (?, ?)", arguments: [memberID, epoch])
            return db.changesCount == 1
        }
    }

    // MARK: Reports

    public func insertReport(_ r: ReportRow) throws -> InsertOutcome {
        try insertReports([r])[0].get()
    }

    /// Inserts many reports in one transaction (group commit): one fsync for the batch. Each report
    /// is applied in its own savepoint, so one refused report changes nothing and does not fail the
    /// others. Returns only after the commit, with an outcome per report in order.
    public func insertReports(_ rows: [ReportRow]) throws -> [Result<InsertOutcome, any Error>] {
        insertLock.lock()
        defer { insertLock.unlock() }
        var counts: [String: Int] = [:]
        let outcomes = try writer.write { db in
            counts = [:]
            let closed = Set(try String.fetchAll(db, sql: "SELECT period FROM release"))
            var outcomes: [Result<InsertOutcome, any Error>] = []
            outcomes.reserveCapacity(rows.count)
            for r in rows {
                do {
                    var outcome = InsertOutcome.inserted(receipt: r.receipt)
                    let count = try counts[r.pseudonym] ?? pseudonymCounts.withLock({ $0[r.pseudonym] }) ?? Self.count(r.pseudonym, db)
                    try db.inSavepoint {
                        outcome = try Self.insert(r, db, closed: closed, filed: count, cap: maxReportsPerPseudonym)
                        return .commit
                    }
                    if case .inserted = outcome { counts[r.pseudonym] = count + 1 } else { counts[r.pseudonym] = count }
                    outcomes.append(.success(outcome))
                } catch {
                    outcomes.append(.failure(error))
                }
            }
            return outcomes
        }
        // Committed: the counts are now those of the file.
        pseudonymCounts.withLock { $0.merge(counts) { _, new in new } }
        return outcomes
    }

    private static func count(_ pseudonym: String, _ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM report WHERE pseudonym = ?"), arguments: [pseudonym]) ?? 0
    }

    private static func insert(_ r: ReportRow, _ db: Database, closed: Set<String>, filed: Int, cap: Int) throws -> InsertOutcome {
        if let receipt = try String.fetchOne(db.cachedStatement(sql: "SELECT receipt FROM report WHERE id = ?"), arguments: [r.id]) {
            return .duplicate(receipt: receipt)
        }
        if closed.contains(r.period) { throw StoreError(.periodClosed, "period \(r.period) has been released") }
        if filed >= cap {
            throw StoreError(.capReached, "this credential has filed \(cap) reports this epoch, the most allowed")
        }
        try db.cachedStatement(sql: """
            INSERT INTO report (id, receipt, pseudonym, epoch, period, sector, size, region, actor_kind, actor_motive,
                discovery, dwell, containment, loss, downtime, narrative, share_narrative)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [r.id, r.receipt, r.pseudonym, r.epoch, r.period, r.sector, r.size, r.region, r.actorKind,
                             r.actorMotive, r.discovery, r.dwell, r.containment, r.loss, r.downtime, r.narrative,
                             r.shareNarrative])
        for (i, a) in r.actions.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO report_action (report_id, ord, category, variety, vector) VALUES (?, ?, ?, ?, ?)").execute(
                           arguments: [r.id, i, a.category, a.variety, a.vector])
        }
        for (field, values) in [("technique", r.techniques), ("asset", r.assets), ("attribute", r.attributes)] {
            for v in Set(values) {
                try db.cachedStatement(sql: "INSERT INTO report_value (report_id, field, value) VALUES (?, ?, ?)").execute(
                               arguments: [r.id, field, v])
            }
        }
        for (i, m) in r.mitigations.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO report_mitigation (report_id, ord, mitigation, stage, effective) VALUES (?, ?, ?, ?, ?)").execute(
                           arguments: [r.id, i, m.id, m.stage, m.effective])
        }
        return .inserted(receipt: r.receipt)
    }

    public func reports(period: String) throws -> [ReportRow] {
        try writer.read { db in
            var actions: [String: [ActionRow]] = [:]
            let actionCursor = try Row.fetchCursor(db, sql: """
                SELECT a.report_id, a.category, a.variety, a.vector FROM report_action a JOIN report r ON r.id = a.report_id
                WHERE r.period = ? ORDER BY a.report_id, a.ord
                """, arguments: [period])
            while let row = try actionCursor.next() {
                actions[row["report_id"], default: []].append(ActionRow(category: row["category"], variety: row["variety"], vector: row["vector"]))
            }
            var values: [String: [String: [String]]] = [:]
            let valueCursor = try Row.fetchCursor(db, sql: """
                SELECT v.report_id, v.field, v.value FROM report_value v JOIN report r ON r.id = v.report_id
                WHERE r.period = ? ORDER BY v.report_id, v.field, v.value
                """, arguments: [period])
            while let row = try valueCursor.next() {
                values[row["report_id"], default: [:]][row["field"], default: []].append(row["value"])
            }
            var mitigations: [String: [MitigationRow]] = [:]
            let mitigationCursor = try Row.fetchCursor(db, sql: """
                SELECT m.report_id, m.mitigation, m.stage, m.effective FROM report_mitigation m JOIN report r ON r.id = m.report_id
                WHERE r.period = ? ORDER BY m.report_id, m.ord
                """, arguments: [period])
            while let row = try mitigationCursor.next() {
                mitigations[row["report_id"], default: []].append(MitigationRow(id: row["mitigation"], stage: row["stage"], effective: row["effective"]))
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM report WHERE period = ? ORDER BY id", arguments: [period]).map { row in
                let id: String = row["id"]
                let v = values[id] ?? [:]
                return ReportRow(
                    id: id, receipt: row["receipt"], pseudonym: row["pseudonym"], epoch: row["epoch"], period: row["period"],
                    sector: row["sector"], size: row["size"], region: row["region"], actorKind: row["actor_kind"],
                    actorMotive: row["actor_motive"], discovery: row["discovery"], dwell: row["dwell"],
                    containment: row["containment"], loss: row["loss"], downtime: row["downtime"],
                    actions: actions[id] ?? [], techniques: v["technique"] ?? [], assets: v["asset"] ?? [],
                    attributes: v["attribute"] ?? [], mitigations: mitigations[id] ?? [], narrative: row["narrative"],
                    shareNarrative: row["share_narrative"])
            }
        }
    }

    /// Streams a period's reports for a release: four cursors in report-id order (the primary keys
    /// give that order without sorting) merged on the fly — no per-report dictionaries, no
    /// documents or narratives loaded.
    public func forEachReportForRelease(period: String, _ body: (ReportRow) throws -> Void) throws {
        try writer.read { db in
            let reports = try Row.fetchCursor(db, sql: """
                SELECT id, pseudonym, epoch, period, sector, size, region, actor_kind, actor_motive, discovery,
                       dwell, containment, loss, downtime FROM report WHERE period = ? ORDER BY id
                """, arguments: [period])
            let actions = try Row.fetchCursor(db, sql: """
                SELECT a.report_id, a.category, a.variety, a.vector FROM report r JOIN report_action a ON a.report_id = r.id
                WHERE r.period = ? ORDER BY r.id, a.ord
                """, arguments: [period])
            let values = try Row.fetchCursor(db, sql: """
                SELECT v.report_id, v.field, v.value FROM report r JOIN report_value v ON v.report_id = r.id
                WHERE r.period = ? ORDER BY r.id, v.field, v.value
                """, arguments: [period])
            let mitigations = try Row.fetchCursor(db, sql: """
                SELECT m.report_id, m.mitigation, m.stage, m.effective FROM report r JOIN report_mitigation m ON m.report_id = r.id
                WHERE r.period = ? ORDER BY r.id, m.ord
                """, arguments: [period])
            var nextAction = try actions.next(), nextValue = try values.next(), nextMitigation = try mitigations.next()
            while let row = try reports.next() {
                let id: String = row[0]
                var a: [ActionRow] = [], techniques: [String] = [], assets: [String] = [], attributes: [String] = []
                var m: [MitigationRow] = []
                while let x = nextAction, (x[0] as String) == id {
                    a.append(ActionRow(category: x[1], variety: x[2], vector: x[3]))
                    nextAction = try actions.next()
                }
                while let x = nextValue, (x[0] as String) == id {
                    switch x[1] as String {
                    case "technique": techniques.append(x[2])
                    case "asset": assets.append(x[2])
                    default: attributes.append(x[2])
                    }
                    nextValue = try values.next()
                }
                while let x = nextMitigation, (x[0] as String) == id {
                    m.append(MitigationRow(id: x[1], stage: x[2], effective: x[3]))
                    nextMitigation = try mitigations.next()
                }
                try body(ReportRow(
                    id: id, receipt: "", pseudonym: row[1], epoch: row[2], period: row[3], sector: row[4], size: row[5],
                    region: row[6], actorKind: row[7], actorMotive: row[8], discovery: row[9], dwell: row[10],
                    containment: row[11], loss: row[12], downtime: row[13], actions: a, techniques: techniques,
                    assets: assets, attributes: attributes, mitigations: m, narrative: nil, shareNarrative: false))
            }
        }
    }

    public func reportCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM report") ?? 0 }
    }

    public func reportPeriods() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT period FROM report ORDER BY period") }
    }

    // MARK: Releases

    public func isClosed(period: String) throws -> Bool {
        try writer.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM release WHERE period = ?", arguments: [period]) == true }
    }

    public func storeRelease(period: String, document: String) throws {
        try writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM release WHERE period = ?", arguments: [period]) == true {
                throw StoreError(.periodClosed, "period \(period) has been released already")
            }
            try db.execute(sql: "INSERT INTO release (period, document) VALUES (?, ?)", arguments: [period, document])
        }
    }

    public func release(period: String) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT document FROM release WHERE period = ?", arguments: [period]) }
    }

    public func releaseMarking(period: String) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT tlp FROM release_marking WHERE period = ?", arguments: [period]) }
    }

    public func setReleaseMarking(period: String, tlp: String) throws {
        try writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM release WHERE period = ?", arguments: [period]) == true else {
                throw StoreError(.unknownRelease, "period \(period) has no release")
            }
            try db.execute(sql: "INSERT OR REPLACE INTO release_marking (period, tlp) VALUES (?, ?)", arguments: [period, tlp])
        }
    }

    public func releasePeriods() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "SELECT period FROM release ORDER BY period") }
    }

    /// The schema as SQL text, for the golden schema test and for inspecting what is stored.
    public func schemaSQL() throws -> String {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'grdb_%' ORDER BY name")
                .joined(separator: ";\n") + ";\n"
        }
    }
}
