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
    /// Whether `pseudonymCounts` holds the file's counts yet (they are read at the first insert, so
    /// opening the database for a release or an audit costs no scan). Guarded by `insertLock`.
    private var countsLoaded = false

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
        m.registerMigration("v5-one-row-per-report") { db in
            // A report was a row in four tables plus three indexes: seven random-key B-trees, so a
            // group commit of 256 reports wrote about seven times the pages one table needs. Now the
            // lists are JSON arrays in the report's own row, and the key is (period, id): a
            // period's reports are one range of the table, so no index is needed for releases. A
            // report is known by its id within its period (a resend carries the same period).
            // The per-pseudonym cap is counted in memory (one scan at the first submission), so the
            // pseudonym index goes too; receipts are 128-bit random and only ever read beside
            // their report, so no unique index either.
            try db.execute(sql: """
                ALTER TABLE report RENAME TO report_v4;
                \(Self.reportTableSQL);
                INSERT INTO report
                SELECT r.period, r.id, r.receipt, r.pseudonym, r.epoch, r.sector, r.size, r.region, r.actor_kind,
                       r.actor_motive, r.discovery, r.dwell, r.containment, r.loss, r.downtime,
                       (SELECT json_group_array(json_array(a.category, a.variety, a.vector))
                          FROM (SELECT * FROM report_action WHERE report_id = r.id ORDER BY ord) a),
                       (SELECT json_group_array(value)
                          FROM (SELECT value FROM report_value WHERE report_id = r.id AND field = 'technique' ORDER BY value)),
                       (SELECT json_group_array(value)
                          FROM (SELECT value FROM report_value WHERE report_id = r.id AND field = 'asset' ORDER BY value)),
                       (SELECT json_group_array(value)
                          FROM (SELECT value FROM report_value WHERE report_id = r.id AND field = 'attribute' ORDER BY value)),
                       (SELECT json_group_array(json_array(m.mitigation, m.stage, m.effective))
                          FROM (SELECT * FROM report_mitigation WHERE report_id = r.id ORDER BY ord) m),
                       r.share_narrative, r.narrative
                FROM report_v4 r;
                DROP TABLE report_action;
                DROP TABLE report_value;
                DROP TABLE report_mitigation;
                DROP TABLE report_v4;
                """)
        }
        return m
    }

    /// The report table since v5. Columns in the order a release reads them: the release scan
    /// stops before the narrative, which is last so a long one does not push the rest of the row
    /// onto overflow pages.
    static let reportTableSQL = """
        CREATE TABLE report (
            period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
            id TEXT NOT NULL CHECK (length(id) = 32),
            receipt TEXT NOT NULL,
            pseudonym TEXT NOT NULL CHECK (length(pseudonym) = 64),
            epoch TEXT NOT NULL CHECK (epoch GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
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
            actions TEXT NOT NULL,
            techniques TEXT NOT NULL,
            assets TEXT NOT NULL,
            attributes TEXT NOT NULL,
            mitigations TEXT NOT NULL,
            share_narrative INTEGER NOT NULL CHECK (share_narrative IN (0, 1)),
            narrative TEXT,
            PRIMARY KEY (period, id)
        ) WITHOUT ROWID
        """

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
        var loaded: [String: Int]?
        let outcomes = try writer.write { db in
            counts = [:]
            if !countsLoaded { loaded = try Self.countPseudonyms(db) }
            let closed = Set(try String.fetchAll(db, sql: "SELECT period FROM release"))
            var outcomes: [Result<InsertOutcome, any Error>] = []
            outcomes.reserveCapacity(rows.count)
            for r in rows {
                do {
                    let count = counts[r.pseudonym] ?? loaded?[r.pseudonym] ?? pseudonymCounts.withLock({ $0[r.pseudonym] }) ?? 0
                    // One statement per report, and SQLite undoes a failing statement by itself: a
                    // refused report changes nothing and the transaction goes on with the others.
                    let outcome = try Self.insert(r, db, closed: closed, filed: count, cap: maxReportsPerPseudonym)
                    if case .inserted = outcome { counts[r.pseudonym] = count + 1 } else { counts[r.pseudonym] = count }
                    outcomes.append(.success(outcome))
                } catch {
                    outcomes.append(.failure(error))
                }
            }
            return outcomes
        }
        // Committed: the counts are now those of the file.
        pseudonymCounts.withLock { all in
            if let loaded { all = loaded }
            all.merge(counts) { _, new in new }
        }
        countsLoaded = true
        return outcomes
    }

    /// Reports per pseudonym in the file: one scan, at the first submission after opening.
    private static func countPseudonyms(_ db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT pseudonym, count(*) FROM report GROUP BY pseudonym")
        while let row = try cursor.next() { counts[row[0]] = row[1] }
        return counts
    }

    private static func insert(_ r: ReportRow, _ db: Database, closed: Set<String>, filed: Int, cap: Int) throws -> InsertOutcome {
        // A resend answers with its first receipt even once the period is closed or the cap is
        // reached; otherwise the insert itself finds a resend (no row changed), without a look-up
        // first.
        if closed.contains(r.period) || filed >= cap {
            if let receipt = try receipt(r, db) { return .duplicate(receipt: receipt) }
            if closed.contains(r.period) { throw StoreError(.periodClosed, "period \(r.period) has been released") }
            throw StoreError(.capReached, "this credential has filed \(cap) reports this epoch, the most allowed")
        }
        try db.cachedStatement(sql: """
            INSERT INTO report (period, id, receipt, pseudonym, epoch, sector, size, region, actor_kind, actor_motive,
                discovery, dwell, containment, loss, downtime, actions, techniques, assets, attributes, mitigations,
                share_narrative, narrative)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (period, id) DO NOTHING
            """).execute(arguments: [
                r.period, r.id, r.receipt, r.pseudonym, r.epoch, r.sector, r.size, r.region, r.actorKind,
                r.actorMotive, r.discovery, r.dwell, r.containment, r.loss, r.downtime,
                StoredList.encode(tuples: r.actions.map { [$0.category, $0.variety, $0.vector] }),
                StoredList.encode(Set(r.techniques).sorted()), StoredList.encode(Set(r.assets).sorted()),
                StoredList.encode(Set(r.attributes).sorted()),
                StoredList.encode(tuples: r.mitigations.map { [$0.id, $0.stage, $0.effective] }),
                r.shareNarrative, r.narrative])
        if db.changesCount == 1 { return .inserted(receipt: r.receipt) }
        guard let receipt = try receipt(r, db) else {
            throw StoreError(.unavailable, "the report was neither stored nor found")
        }
        return .duplicate(receipt: receipt)
    }

    /// The receipt of the stored report with `r`'s period and id, if there is one.
    private static func receipt(_ r: ReportRow, _ db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT receipt FROM report WHERE period = ? AND id = ?"), arguments: [r.period, r.id])
    }

    public func reports(period: String) throws -> [ReportRow] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM report WHERE period = ? ORDER BY id", arguments: [period]).map { row in
                try Self.report(row, receipt: row["receipt"], narrative: row["narrative"], shareNarrative: row["share_narrative"])
            }
        }
    }

    /// A report row of the table; the receipt and narrative are given (a release reads neither).
    private static func report(_ row: Row, receipt: String, narrative: String?, shareNarrative: Bool) throws -> ReportRow {
        ReportRow(
            id: row["id"], receipt: receipt, pseudonym: row["pseudonym"], epoch: row["epoch"], period: row["period"],
            sector: row["sector"], size: row["size"], region: row["region"], actorKind: row["actor_kind"],
            actorMotive: row["actor_motive"], discovery: row["discovery"], dwell: row["dwell"],
            containment: row["containment"], loss: row["loss"], downtime: row["downtime"],
            actions: try StoredList.decode(tuples: row["actions"], width: 3).map { ActionRow(category: $0[0] ?? "", variety: $0[1], vector: $0[2]) },
            techniques: try StoredList.decode(row["techniques"]), assets: try StoredList.decode(row["assets"]),
            attributes: try StoredList.decode(row["attributes"]),
            mitigations: try StoredList.decode(tuples: row["mitigations"], width: 3).map { MitigationRow(id: $0[0] ?? "", stage: $0[1], effective: $0[2]) },
            narrative: narrative, shareNarrative: shareNarrative)
    }

    /// Streams a period's reports for a release, in id order, without receipts or narratives.
    public func forEachReportForRelease(period: String, _ body: (ReportRow) throws -> Void) throws {
        try writer.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT id, pseudonym, epoch, period, sector, size, region, actor_kind, actor_motive, discovery, dwell,
                       containment, loss, downtime, actions, techniques, assets, attributes, mitigations
                FROM report WHERE period = ? ORDER BY id
                """, arguments: [period])
            while let row = try cursor.next() {
                try body(try Self.report(row, receipt: "", narrative: nil, shareNarrative: false))
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
