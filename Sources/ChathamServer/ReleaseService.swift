import ChathamCrypto
import ChathamDisclosure
import ChathamModel
import ChathamStore
import Foundation

/// Computes, protects, audits, signs and stores releases, and re-audits stored ones.
///
/// A release of month M publishes the catalogue's tables for M and, from the second released month
/// of a quarter on, the same tables quarter-to-date: over M and the months of its quarter released
/// before it, named `<table>@<month>+<month>…`. Everything is protected as one system with what was
/// published before in the quarter (`Disclosure.protect`): the quarter-to-date table minus earlier
/// months is this month, so the engine never publishes a quarter-to-date cell that would give away
/// a cell hidden in a month. Quarters share no reports and no table spans two quarters, so earlier
/// quarters are independent systems; `auditAll` still audits every stored release as one system.
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

    /// Counts, with a contributor index per pseudonym shared by every scope of one computation, so
    /// a member is the same index in a month and in its quarter-to-date (one epoch, one pseudonym).
    /// One streamed pass over a scope's reports fills every catalogue table at once.
    final class Counter {
        let store: any ChathamRepository
        var index: [String: Int32] = [:]
        var cellsOf: [String: [String: [CellStats]]] = [:]  // scope → table → cells

        init(store: any ChathamRepository) { self.store = store }

        func cells(_ entry: CatalogueTable, months: [String]) throws -> [CellStats] {
            let scope = ScopeKey.make(months)
            if cellsOf[scope] == nil {
                var builders = try Catalogue.tables.map { try TableBuilder(spec: $0.spec) }
                for month in months {
                    try store.forEachReportForRelease(period: month) { r in
                        let c: Int32
                        if let i = index[r.pseudonym] { c = i } else {
                            c = Int32(index.count)
                            index[r.pseudonym] = c
                        }
                        for (t, table) in Catalogue.tables.enumerated() {
                            try builders[t].add(Observation(contributor: c, tuples: table.project(r)))
                        }
                    }
                }
                var all: [String: [CellStats]] = [:]
                for (t, table) in Catalogue.tables.enumerated() { all[table.spec.name] = builders[t].cellStats() }
                cellsOf[scope] = all
            }
            return cellsOf[scope]![entry.spec.name]!
        }
    }

    enum ScopeKey { static func make(_ months: [String]) -> String { months.joined(separator: "+") } }

    /// The months of `period`'s quarter released before it, oldest first.
    func releasedEarlierInQuarter(_ period: Period) throws -> [String] {
        let released = Set(try store.releasePeriods())
        var months: [String] = []
        var p = period.previous
        while let q = p, q.epoch == period.epoch {
            if released.contains(q.description) { months.insert(q.description, at: 0) }
            p = q.previous
        }
        return months
    }

    /// Stored releases as the audit sees them: each table with true counts and the published status
    /// of each cell; cells with reports that a table leaves out count as hidden.
    func storedTables(_ periods: [String], counter: Counter) throws -> (tables: [ScopedTable], aggregations: [Aggregation]) {
        var tables: [ScopedTable] = []
        var aggregations = Set<Aggregation>()
        for period in periods {
            guard let text = try store.release(period: period),
                  let document = try? ReleaseDocument.decode(json: Data(text.utf8)) else { continue }
            for table in document.tables {
                let (base, months) = Self.scope(ofTable: table.name, period: period)
                guard let entry = Catalogue.table(named: base), entry.spec.dimensions == table.dimensions else { continue }
                if months.count > 1 { aggregations.insert(Aggregation(total: ScopeKey.make(months), parts: months)) }
                let cells = try counter.cells(entry, months: months)
                var shown: [[String]: Bool] = [:]
                for cell in table.cells {
                    shown[table.dimensions.map { cell.key[$0] ?? "" }] = cell.status == .published
                }
                let spec = TableSpec(name: table.name, dimensions: entry.spec.dimensions, multiValued: entry.spec.multiValued)
                tables.append(ScopedTable(scope: ScopeKey.make(months), table: ProtectedTable(spec: spec, cells: cells.map { c in
                    ProtectedCell(key: c.key, count: c.count, published: shown[c.key] ?? false, primary: false,
                                  contributions: c.contributions)
                })))
            }
        }
        return (tables, Array(aggregations).sorted { $0.total < $1.total })
    }

    /// The protected, unsigned release of a period, from the reports stored now.
    public func compute(period: String) throws -> ReleaseDocument {
        try compute(period: period, counter: Counter(store: store))
    }

    func compute(period: String, counter: Counter) throws -> ReleaseDocument {
        guard let month = Period(period) else { throw ServerError("\(period) is not a period", hint: "periods are YYYY-MM, e.g. 2026-10") }
        let earlier = try releasedEarlierInQuarter(month)
        let history = try storedTables(earlier, counter: counter)

        var inputs: [Disclosure.TableInput] = []
        for entry in Catalogue.tables {
            inputs.append(.init(scope: period, spec: entry.spec, cells: try counter.cells(entry, months: [period])))
        }
        var aggregations = history.aggregations
        if !earlier.isEmpty {
            let months = earlier + [period]
            aggregations.append(Aggregation(total: ScopeKey.make(months), parts: months))
            for entry in Catalogue.tables {
                let spec = TableSpec(name: entry.spec.name + "@" + ScopeKey.make(months), dimensions: entry.spec.dimensions,
                                     multiValued: entry.spec.multiValued)
                inputs.append(.init(scope: ScopeKey.make(months), spec: spec, cells: try counter.cells(entry, months: months)))
            }
        }
        let protected: [ScopedTable]
        do {
            protected = try Disclosure.protect(inputs, policy: policy, history: history.tables, aggregations: aggregations)
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
        return ReleaseDocument(
            period: period,
            policy: .init(minContributors: policy.minContributors,
                          dominance: .init(n: policy.dominanceN, k: policy.dominanceK)),
            tables: tables)
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
        let counter = Counter(store: store)
        var document = try compute(period: period, counter: counter)
        let findings = try audit(document: document, counter: counter)
        if findings.isEmpty { document.sign(with: signing) }
        return (document, findings)
    }

    /// Re-checks one release document against the stored reports: exact counts, threshold,
    /// dominance and the line rule of every table, then the LP audit of its hidden cells jointly with
    /// the releases of its quarter published before it, against an outsider and every member.
    public func audit(document: ReleaseDocument) throws -> [AuditFinding] {
        try audit(document: document, counter: Counter(store: store))
    }

    func audit(document: ReleaseDocument, counter: Counter) throws -> [AuditFinding] {
        var findings = try countAudit(document: document, counter: counter)
        guard let month = Period(document.period) else { return findings }
        let earlier = try releasedEarlierInQuarter(month).filter { $0 < document.period }
        let history = try storedTables(earlier, counter: counter)
        let own = try scopedTables(document: document, counter: counter)
        findings += try Disclosure.auditIntervals(history.tables + own.tables,
                                                  aggregations: Array(Set(history.aggregations + own.aggregations)),
                                                  policy: policy)
        return findings
    }

    /// A document's tables with true counts, as `storedTables` makes them for stored ones.
    func scopedTables(document: ReleaseDocument, counter: Counter) throws -> (tables: [ScopedTable], aggregations: [Aggregation]) {
        var tables: [ScopedTable] = []
        var aggregations: [Aggregation] = []
        for table in document.tables {
            let (base, months) = Self.scope(ofTable: table.name, period: document.period)
            guard let entry = Catalogue.table(named: base), entry.spec.dimensions == table.dimensions else { continue }
            if months.count > 1 { aggregations.append(Aggregation(total: ScopeKey.make(months), parts: months)) }
            let cells = try counter.cells(entry, months: months)
            var shown: [[String]: Bool] = [:]
            for cell in table.cells { shown[table.dimensions.map { cell.key[$0] ?? "" }] = cell.status == .published }
            let spec = TableSpec(name: table.name, dimensions: entry.spec.dimensions, multiValued: entry.spec.multiValued)
            tables.append(ScopedTable(scope: ScopeKey.make(months), table: ProtectedTable(spec: spec, cells: cells.map { c in
                ProtectedCell(key: c.key, count: c.count, published: shown[c.key] ?? false, primary: false, contributions: c.contributions)
            })))
        }
        return (tables, aggregations)
    }

    /// The per-table checks: every catalogue table present, counts exact, published cells above
    /// the threshold and not dominated, no lone suppression in a line.
    func countAudit(document: ReleaseDocument, counter: Counter) throws -> [AuditFinding] {
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
            findings += try Disclosure.audit(spec: spec, cells: try counter.cells(entry, months: months), policy: policy, published: published)
        }
        return findings
    }

    /// Audits every stored release: its signature, its per-table rules, and one LP audit of all
    /// stored releases together (every table of every release, months and quarters-to-date linked).
    /// Returns the findings per period (empty when all is well); an LP finding is filed under the
    /// last month of the cell's scope.
    public func auditAll() throws -> [(period: String, findings: [AuditFinding])] {
        let counter = Counter(store: store)
        let periods = try store.releasePeriods().sorted()
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
