import ChathamCrypto
import ChathamDisclosure
import ChathamModel
import ChathamStore
import Foundation

/// Computes, protects, audits, signs and stores releases, and re-audits stored ones.
///
/// A release of month M publishes the catalogue's tables for M; from the second released month
/// of a quarter on, the same tables quarter-to-date (over M and the months of its quarter released
/// before it); and from the second released quarter of a year on, year-to-date (over M and the
/// months of its year released before it). Multi-month tables are named
/// `<table>@<month>+<month>…`. Everything is protected as one system with what was published
/// before in the year (`Disclosure.protect`): a quarter- or year-to-date table minus earlier
/// months is this month, so the engine never publishes a cell that would give away a cell hidden
/// in a month. Within a quarter a member is one contributor (one pseudonym); a year-to-date cell
/// spans epochs, so its contributors are counted as the largest per-epoch count
/// (`Disclosure.combineEpochs`). Years share no tables, so earlier years are independent systems;
/// `auditAll` still audits every stored release as one system.
public struct ReleaseService: Sendable {
    let store: any ChathamRepository
    let signing: SigningSecretKey
    /// Public keys of signing keys retired by `keys rotate-signing`: releases they signed still verify.
    var retiredSigningKeys: [SigningPublicKey] = []
    let policy: DisclosurePolicy

    public init(store: any ChathamRepository, signing: SigningSecretKey, policy: DisclosurePolicy = .standard) {
        self.store = store
        self.signing = signing
        self.policy = policy
    }

    /// Separates a table name from its months: `victim-sector@2026-10+2026-11` → the catalogue
    /// table and its scope; a plain name is the release's own month.
    static func scope(ofTable name: String, period: String) -> (base: String, months: [String]) {
        guard let at = name.firstIndex(of: "@") else { return (name, [period]) }
        return (String(name[..<at]), name[name.index(after: at)...].split(separator: "+").map(String.init))
    }

    enum ScopeKey { static func make(_ months: [String]) -> String { months.joined(separator: "+") } }

    /// The months of `period`'s quarter released before it, oldest first.
    func releasedEarlierInQuarter(_ period: Period) throws -> [String] {
        try releasedEarlierInYear(period).filter { Period($0)?.epoch == period.epoch }
    }

    /// The months of `period`'s year released before it, oldest first.
    func releasedEarlierInYear(_ period: Period) throws -> [String] {
        try store.releasePeriods().filter { p in
            guard let q = Period(p) else { return false }
            return q.year == period.year && q < period
        }.sorted()
    }

    /// The multi-month scopes a release of `month` publishes, given the months released before it
    /// in its year: quarter-to-date when its quarter has earlier releases, year-to-date when the
    /// year has earlier releases outside the quarter (in the first quarter they are the same).
    static func extraScopes(month: Period, earlierInYear: [String]) -> [[String]] {
        let quarter = earlierInYear.filter { Period($0)?.epoch == month.epoch }
        var scopes: [[String]] = []
        if !quarter.isEmpty { scopes.append(quarter + [month.description]) }
        if earlierInYear.count > quarter.count { scopes.append(earlierInYear + [month.description]) }
        return scopes
    }

    /// Stored releases as the audit sees them: each table with true counts and the published status
    /// of each cell; cells with reports that a table leaves out count as hidden.
    func storedTables(_ periods: [String], counter: ReleaseCounter) throws -> (tables: [ScopedTable], aggregations: [Aggregation]) {
        var tables: [ScopedTable] = []
        var aggregations = Set<Aggregation>()
        for period in periods {
            guard let text = try store.release(period: period),
                  let document = try? ReleaseDocument.decode(json: Data(text.utf8)) else { continue }
            for table in document.tables {
                let (base, months) = Self.scope(ofTable: table.name, period: period)
                guard let entry = Catalogue.table(named: base), entry.spec.dimensions == table.dimensions else { continue }
                if months.count > 1 { aggregations.insert(Aggregation(total: ScopeKey.make(months), parts: months)) }
                tables.append(try Self.scoped(table, entry: entry, months: months, counter: counter))
            }
        }
        return (tables, Array(aggregations).sorted { $0.total < $1.total })
    }

    /// Dimensions whose rare values are rolled up into `other` before suppression, and the
    /// one-dimensional catalogue table that decides which values are rare. Only single-valued
    /// dimensions can be (see `Disclosure.rollUp`).
    static let rollUpDimensions: [(dimension: String, table: String)] = [("victim.sector", "victim-sector")]

    /// What a published table rolled up: per roll-up dimension, the values with reports that it
    /// shows only inside `other` (none when it shows no `other`).
    static func rolledUp(in table: ReleaseDocument.Table, counted cells: [CellStats], spec: TableSpec) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for (dimension, _) in rollUpDimensions {
            guard let d = spec.dimensions.firstIndex(of: dimension), !spec.multiValued.contains(dimension) else { continue }
            let listed = Set(table.cells.compactMap { $0.key[dimension] })
            guard listed.contains(Disclosure.other) else { continue }
            let present = Set(cells.map { $0.key[d] }).subtracting([Disclosure.margin, Disclosure.other])
            let rolled = present.subtracting(listed)
            if !rolled.isEmpty { result[dimension] = rolled }
        }
        return result
    }

    /// The counted cells of `entry` with `rolled` values rolled up, as the release shows them.
    static func applyRollUp(_ cells: [CellStats], spec: TableSpec, rolled: [String: Set<String>]) throws -> [CellStats] {
        var cells = cells
        for (dimension, values) in rolled.sorted(by: { $0.key < $1.key }) where spec.dimensions.contains(dimension) {
            cells = try Disclosure.rollUp(cells, spec: spec, dimension: dimension, values: values)
        }
        return cells
    }

    /// A published table as the audit and protection see it: true counts (rolled up as it shows
    /// them), the published status of each cell; cells with reports that it leaves out count as hidden.
    static func scoped(_ table: ReleaseDocument.Table, entry: CatalogueTable, months: [String], counter: ReleaseCounter) throws -> ScopedTable {
        let counted = try counter.cells(entry, months: months)
        let rolled = rolledUp(in: table, counted: counted, spec: entry.spec)
        let cells = try applyRollUp(counted, spec: entry.spec, rolled: rolled)
        var shown: [[String]: Bool] = [:]
        for cell in table.cells { shown[table.dimensions.map { cell.key[$0] ?? "" }] = cell.status == .published }
        let spec = TableSpec(name: table.name, dimensions: entry.spec.dimensions, multiValued: entry.spec.multiValued)
        return ScopedTable(scope: ScopeKey.make(months), table: ProtectedTable(spec: spec, cells: cells.map { c in
            ProtectedCell(key: c.key, count: c.count, published: shown[c.key] ?? false, primary: false, contributions: c.contributions)
        }), rolledUp: rolled)
    }

    /// The protected, unsigned release of a period, from the reports stored now.
    public func compute(period: String) throws -> ReleaseDocument {
        try compute(period: period, counter: ReleaseCounter(store: store))
    }

    func compute(period: String, counter: ReleaseCounter) throws -> ReleaseDocument {
        guard let month = Period(period) else { throw ServerError("\(period) is not a period", hint: "periods are YYYY-MM, e.g. 2026-10") }
        var start = DispatchTime.now().uptimeNanoseconds
        let earlier = try releasedEarlierInYear(month)
        try counter.prepare(months: earlier + [period])
        start = DispatchTime.now().uptimeNanoseconds
        let history = try storedTables(earlier, counter: counter)

        // Roll-up: per scope, the rare values of each roll-up dimension, and for a multi-month
        // scope at least what each of its months rolled up (so every month-to-total relation
        // stays an exact equation; see `CellSystem`).
        var rolledOfMonth: [String: [String: Set<String>]] = [:]
        for table in history.tables where !table.scope.contains("+") {
            rolledOfMonth[table.scope, default: [:]].merge(table.rolledUp) { $0.union($1) }
        }
        func rolled(_ months: [String]) throws -> [String: Set<String>] {
            var result: [String: Set<String>] = [:]
            for (dimension, tableName) in Self.rollUpDimensions {
                guard let entry = Catalogue.table(named: tableName) else { continue }
                var values = Disclosure.rareValues(try counter.cells(entry, months: months), spec: entry.spec,
                                                   dimension: dimension, policy: policy)
                if months.count > 1 {
                    for m in months { values.formUnion(rolledOfMonth[m]?[dimension] ?? []) }
                }
                if !values.isEmpty { result[dimension] = values }
            }
            return result
        }
        let monthRolled = try rolled([period])
        rolledOfMonth[period] = monthRolled

        var inputs: [Disclosure.TableInput] = []
        for entry in Catalogue.tables {
            let cells = try Self.applyRollUp(try counter.cells(entry, months: [period]), spec: entry.spec, rolled: monthRolled)
            inputs.append(.init(scope: period, spec: entry.spec, cells: cells,
                                rolledUp: monthRolled.filter { entry.spec.dimensions.contains($0.key) }))
        }
        var aggregations = history.aggregations
        for months in Self.extraScopes(month: month, earlierInYear: earlier) {
            aggregations.append(Aggregation(total: ScopeKey.make(months), parts: months))
            let scopeRolled = try rolled(months)
            for entry in Catalogue.tables {
                let spec = TableSpec(name: entry.spec.name + "@" + ScopeKey.make(months), dimensions: entry.spec.dimensions,
                                     multiValued: entry.spec.multiValued)
                let cells = try Self.applyRollUp(try counter.cells(entry, months: months), spec: entry.spec, rolled: scopeRolled)
                inputs.append(.init(scope: ScopeKey.make(months), spec: spec, cells: cells,
                                    rolledUp: scopeRolled.filter { entry.spec.dimensions.contains($0.key) }))
            }
        }
        counter.timings.assemble += elapsed(since: start)
        let protected: [ScopedTable]
        do {
            start = DispatchTime.now().uptimeNanoseconds
            var protection = try Disclosure.Protection(inputs, policy: policy, history: history.tables,
                                                       aggregations: Array(Set(aggregations)).sorted { $0.total < $1.total })
            counter.timings.primary += elapsed(since: start)
            start = DispatchTime.now().uptimeNanoseconds
            protection.applyLineRule()
            counter.timings.lineRule += elapsed(since: start)
            start = DispatchTime.now().uptimeNanoseconds
            try protection.prove()
            counter.timings.protectLP += elapsed(since: start)
            counter.timings.lpRounds += protection.rounds
            protected = protection.result
        } catch {
            throw ServerError("the release of \(period) cannot be protected: \(error.message)")
        }
        let tables = protected.map { scoped -> ReleaseDocument.Table in
            let spec = scoped.table.spec
            return ReleaseDocument.Table(
                name: spec.name,
                dimensions: spec.dimensions,
                multiValued: spec.dimensions.filter { spec.multiValued.contains($0) },
                cells: scoped.table.cells.map { cell in
                    ReleaseDocument.Cell(
                        key: Dictionary(uniqueKeysWithValues: zip(spec.dimensions, cell.key)),
                        count: cell.published ? cell.count : nil,
                        status: cell.published ? .published : .suppressed)
                })
        }
        return ReleaseDocument(period: period, policy: Self.documentPolicy(policy), tables: tables)
    }

    /// Every rule parameter, as the release states it.
    static func documentPolicy(_ policy: DisclosurePolicy) -> ReleaseDocument.Policy {
        .init(minContributors: policy.minContributors,
              dominance: .init(n: policy.dominanceN, k: policy.dominanceK),
              pPercent: policy.pPercent,
              protection: .init(minimum: policy.protectionMinimum, relative: policy.protectionRelative))
    }

    /// Computes the period's release, audits it (with the LP audit, jointly with the quarter's
    /// earlier releases), signs it and stores it, which closes the period. Refuses to store a
    /// release that fails its audit.
    public func publish(period: String) throws -> ReleaseDocument {
        guard Period(period) != nil else { throw ServerError("\(period) is not a period", hint: "periods are YYYY-MM, e.g. 2026-10") }
        if try store.isClosed(period: period) {
            throw ServerError("period \(period) has been released already", hint: "releases are final; see: chatham-server export --period \(period)")
        }
        let (document, findings) = try prepare(period: period)
        guard findings.isEmpty else {
            throw ServerError("the release of \(period) failed its audit and was not published: "
                              + findings.map(\.description).joined(separator: "; "))
        }
        let text = String(decoding: try document.canonicalJSON(), as: UTF8.self)
        do {
            try store.storeRelease(period: period, document: text)
        } catch let error as StoreError where error.code == .periodClosed {
            throw ServerError(error.message)
        }
        return document
    }

    /// The whole release without storing it: compute, audit, and sign when the audit passes. The
    /// audit re-checks the computed document from the same counts (counting is tested on its own;
    /// counting a million reports twice would double the release's cost for no extra assurance).
    public func prepare(period: String) throws -> (document: ReleaseDocument, findings: [AuditFinding]) {
        let result = try prepareTimed(period: period)
        return (result.document, result.findings)
    }

    /// `prepare(period:)` with where the time went.
    public func prepareTimed(period: String) throws -> (document: ReleaseDocument, findings: [AuditFinding], timings: ReleaseTimings) {
        let counter = ReleaseCounter(store: store)
        var document = try compute(period: period, counter: counter)
        let findings = try audit(document: document, counter: counter)
        let start = DispatchTime.now().uptimeNanoseconds
        if findings.isEmpty { document.sign(with: signing) }
        counter.timings.sign += elapsed(since: start)
        return (document, findings, counter.timings)
    }

    /// Re-checks one release document against the stored reports: exact counts, threshold,
    /// dominance and the line rule of every table, then the LP audit of its hidden cells jointly with
    /// the releases of its quarter published before it, against an outsider and every member.
    public func audit(document: ReleaseDocument) throws -> [AuditFinding] {
        try audit(document: document, counter: ReleaseCounter(store: store))
    }

    func audit(document: ReleaseDocument, counter: ReleaseCounter) throws -> [AuditFinding] {
        var start = DispatchTime.now().uptimeNanoseconds
        var findings = try countAudit(document: document, counter: counter)
        counter.timings.auditTables += elapsed(since: start)
        guard let month = Period(document.period) else { return findings }
        start = DispatchTime.now().uptimeNanoseconds
        let earlier = try releasedEarlierInYear(month)
        let history = try storedTables(earlier, counter: counter)
        let own = try scopedTables(document: document, counter: counter)
        findings += try Disclosure.auditIntervals(history.tables + own.tables,
                                                  aggregations: Array(Set(history.aggregations + own.aggregations)).sorted { $0.total < $1.total },
                                                  policy: policy)
        counter.timings.auditLP += elapsed(since: start)
        return findings
    }

    /// A document's tables with true counts, as `storedTables` makes them for stored ones.
    func scopedTables(document: ReleaseDocument, counter: ReleaseCounter) throws -> (tables: [ScopedTable], aggregations: [Aggregation]) {
        var tables: [ScopedTable] = []
        var aggregations: [Aggregation] = []
        for table in document.tables {
            let (base, months) = Self.scope(ofTable: table.name, period: document.period)
            guard let entry = Catalogue.table(named: base), entry.spec.dimensions == table.dimensions else { continue }
            if months.count > 1 { aggregations.append(Aggregation(total: ScopeKey.make(months), parts: months)) }
            tables.append(try Self.scoped(table, entry: entry, months: months, counter: counter))
        }
        return (tables, aggregations)
    }

    /// The per-table checks: every catalogue table present, counts exact, published cells above
    /// the threshold and not dominated, no lone suppression in a line.
    func countAudit(document: ReleaseDocument, counter: ReleaseCounter) throws -> [AuditFinding] {
        var findings: [AuditFinding] = []
        let names = Set(document.tables.map(\.name))
        for entry in Catalogue.tables where !names.contains(entry.spec.name) {
            findings.append(AuditFinding(code: .missingCell, table: entry.spec.name, key: nil, dimension: nil, message: "table \(entry.spec.name) is missing"))
        }
        for table in document.tables {
            let (base, months) = Self.scope(ofTable: table.name, period: document.period)
            guard let entry = Catalogue.table(named: base), entry.spec.dimensions == table.dimensions,
                  months.allSatisfy({ $0 <= document.period }), months.last == document.period else {
                findings.append(AuditFinding(code: .unknownCell, table: table.name, key: nil, dimension: nil, message: "table \(table.name) is not in the catalogue"))
                continue
            }
            let published = table.cells.map { cell in
                (key: table.dimensions.map { cell.key[$0] ?? "" }, count: cell.status == .published ? cell.count : nil)
            }
            let spec = TableSpec(name: table.name, dimensions: entry.spec.dimensions, multiValued: entry.spec.multiValued)
            let counted = try counter.cells(entry, months: months)
            let cells = try Self.applyRollUp(counted, spec: entry.spec,
                                             rolled: Self.rolledUp(in: table, counted: counted, spec: entry.spec))
            findings += try Disclosure.audit(spec: spec, cells: cells, policy: policy, published: published)
        }
        return findings
    }

    /// Audits every stored release: its signature, its per-table rules, and one LP audit of all
    /// stored releases together (every table of every release, months and quarters-to-date linked).
    /// Returns the findings per period (empty when all is well); an LP finding is filed under the
    /// last month of the cell's scope.
    public func auditAll() throws -> [(period: String, findings: [AuditFinding])] {
        let counter = ReleaseCounter(store: store)
        let periods = try store.releasePeriods().sorted()
        try counter.prepare(months: periods)
        var result: [(period: String, findings: [AuditFinding])] = []
        for period in periods {
            guard let text = try store.release(period: period),
                  let document = try? ReleaseDocument.decode(json: Data(text.utf8)) else {
                result.append((period, [AuditFinding(code: .malformedKey, table: "*", key: nil, dimension: nil, message: "the stored release cannot be read")]))
                continue
            }
            var findings: [AuditFinding] = []
            if !([signing.publicKey] + retiredSigningKeys).contains(where: { document.verifySignature(trusting: $0) }) {
                findings.append(AuditFinding(code: .badSignature, table: "*", key: nil, dimension: nil, message: "the signature does not verify with this server's signing key"))
            }
            findings += try countAudit(document: document, counter: counter)
            result.append((period, findings))
        }
        let all = try storedTables(periods, counter: counter)
        let joint = try Disclosure.auditIntervals(all.tables, aggregations: all.aggregations, policy: policy)
        for finding in joint {
            // Messages start with the cell's scope: a month, or months joined by "+".
            let scope = finding.message.split(separator: " ").first.map(String.init) ?? ""
            let owner = scope.split(separator: "+").last.map(String.init) ?? ""
            if let i = result.firstIndex(where: { $0.period == owner }) {
                result[i].findings.append(finding)
            } else {
                result.append((owner, [finding]))
            }
        }
        return result
    }
}

extension AuditFinding.Code {
    /// A stored release whose signature does not verify.
    public static let badSignature = AuditFinding.Code(rawValue: "bad_signature")
}
