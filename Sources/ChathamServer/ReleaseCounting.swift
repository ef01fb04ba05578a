import ChathamDisclosure
import ChathamModel
import ChathamStore
import Foundation

/// Where a release's time went, in seconds (for `chatham-bench-release` and the operator's
/// curiosity; nothing here depends on it).
public struct ReleaseTimings: Sendable, CustomStringConvertible {
    /// Reading the reports out of SQLite and counting them into every table's cells (one pass;
    /// the bench measures the read alone separately).
    public var scanAndCount = 0.0
    /// Building the scopes' cells from the months' (sums within an epoch, the largest-per-epoch
    /// rule across epochs) and loading earlier releases.
    public var assemble = 0.0
    /// Primary suppression (threshold, dominance, p%) and building the linked cell system.
    public var primary = 0.0
    /// The line rule in every table.
    public var lineRule = 0.0
    /// The LP rounds of protection (prove and complete).
    public var protectLP = 0.0
    public var lpRounds = 0
    /// The per-table re-check of the computed document (counts, threshold, dominance, lines).
    public var auditTables = 0.0
    /// The LP audit of the document jointly with earlier releases.
    public var auditLP = 0.0
    /// Canonical JSON and Ed25519.
    public var sign = 0.0

    public init() {}

    public var total: Double { scanAndCount + assemble + primary + lineRule + protectLP + auditTables + auditLP + sign }

    public var description: String {
        String(format: "scan+count %.3f, assemble %.3f, primary %.3f, line rule %.3f, protect LP %.3f (%d rounds), audit tables %.3f, audit LP %.3f, sign %.3f",
               scanAndCount, assemble, primary, lineRule, protectLP, lpRounds, auditTables, auditLP, sign)
    }
}

/// A monotonic stopwatch in seconds.
@inline(__always)
func elapsed(since start: UInt64) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Counts the catalogue's tables for a set of months in one scan of the database, then serves
/// any scope (a month, a quarter-to-date, a year-to-date) from the months' counts.
///
/// Every report is read once, as integer codes (`AppDatabase.scanReportsForRelease`), and counted
/// into one `TableBuilder` per table and month through the builders' integer path; a pseudonym is
/// one contributor index for the whole scan, so within an epoch (one member, one pseudonym) the
/// months' contributions add up per member. Scopes spanning several epochs are combined with the
/// largest-per-epoch rule (`Disclosure.combineEpochs`).
final class ReleaseCounter {
    let store: any ChathamRepository
    private(set) var scanned: Set<String> = []
    private var monthCells: [String: [[CellStats]]] = [:]  // month → catalogue table index → cells
    private var scopeCells: [String: [[CellStats]]] = [:]
    var timings = ReleaseTimings()

    init(store: any ChathamRepository) { self.store = store }

    /// Makes sure `months` are counted; counting again (all months together, so contributor indices
    /// stay consistent) only when one is new.
    func prepare(months: some Sequence<String>) throws {
        let wanted = scanned.union(months)
        guard wanted != scanned else { return }
        let start = DispatchTime.now().uptimeNanoseconds
        let list = wanted.sorted()
        // Reading (SQLite, one read transaction: one consistent snapshot) and counting run on two
        // threads: the scan fills batches of coded reports, a worker counts them.
        let worker = try CountingWorker(months: list.count)
        let queue = DispatchQueue(label: "chatham.release.count")
        let slots = DispatchSemaphore(value: 3)
        var batch = ReportBatch()
        var sentValues = 0
        func send() {
            let full = batch
            batch = ReportBatch()
            slots.wait()
            queue.async {
                worker.count(full)
                slots.signal()
            }
        }
        try store.scanReportsForRelease(periods: list) { r in
            while sentValues < r.valueCount {
                batch.newValues.append(r.text(of: Int32(sentValues)) ?? "")
                sentValues += 1
            }
            batch.append(r)
            if batch.count == ReportBatch.capacity { send() }
        }
        if batch.count > 0 || !batch.newValues.isEmpty { send() }
        queue.sync {}
        if let error = worker.error { throw error }
        let builders = worker.builders
        monthCells = [:]
        scopeCells = [:]
        for (i, month) in list.enumerated() {
            let first = builders[i].first?.cellStats()
            let total = first?.last
            monthCells[month] = builders[i].enumerated().map { t, builder in
                t == 0 ? first! : builder.cellStats(grandTotal: total)
            }
        }
        scanned = wanted
        timings.scanAndCount += elapsed(since: start)
    }

    /// The cells of catalogue table `entry` over `months` (all of them counted by `prepare`).
    func cells(_ entry: CatalogueTable, months: [String]) throws -> [CellStats] {
        try prepare(months: months)
        guard let t = Catalogue.tables.firstIndex(where: { $0.spec.name == entry.spec.name }) else { return [] }
        let key = months.joined(separator: "+")
        if let cached = scopeCells[key] { return cached[t] }
        var byEpoch: [String: [String]] = [:]
        for month in months { byEpoch[Period(month).map { $0.epoch.description } ?? month, default: []].append(month) }
        let all = Catalogue.tables.indices.map { t in
            let epochs = byEpoch.keys.sorted().map { epoch in
                Disclosure.sum(byEpoch[epoch]!.map { monthCells[$0]![t] })
            }
            return epochs.count == 1 ? epochs[0] : Disclosure.combineEpochs(epochs)
        }
        scopeCells[key] = all
        return all[t]
    }
}

/// Coded reports handed from the scan to the counting thread: fixed fields in a flat array, lists
/// as offsets into flat arrays, and the text of value codes first seen in this batch.
final class ReportBatch: @unchecked Sendable {
    static let capacity = 8192
    static let stride = 9
    @exclusivity(unchecked) var count = 0
    /// Per report: period, pseudonym, sector, size, region, actor kind, actor motive, discovery, loss.
    @exclusivity(unchecked) var fixed: [Int32] = []
    @exclusivity(unchecked) var actionStart: [Int32] = [0], actionCategories: [Int32] = [], actionVarieties: [Int32] = []
    @exclusivity(unchecked) var techniqueStart: [Int32] = [0], techniques: [Int32] = []
    @exclusivity(unchecked) var mitigationStart: [Int32] = [0], mitigationIDs: [Int32] = [], mitigationEffective: [Int32] = []
    /// Assets and attributes: no catalogue table counts them today; carried for the generic path.
    @exclusivity(unchecked) var assetStart: [Int32] = [0], assets: [Int32] = [], attributeStart: [Int32] = [0], attributes: [Int32] = []
    /// Text of the codes from the previous batch's end on, in code order.
    @exclusivity(unchecked) var newValues: [String] = []

    init() {
        fixed.reserveCapacity(Self.capacity * Self.stride)
        actionStart.reserveCapacity(Self.capacity + 1)
        techniqueStart.reserveCapacity(Self.capacity + 1)
        mitigationStart.reserveCapacity(Self.capacity + 1)
    }

    func append(_ r: ReleaseScanReport) {
        fixed.append(Int32(r.period))
        fixed.append(r.pseudonym)
        fixed.append(r.sector)
        fixed.append(r.size)
        fixed.append(r.region)
        fixed.append(r.actorKind)
        fixed.append(r.actorMotive)
        fixed.append(r.discovery)
        fixed.append(r.loss)
        actionCategories.append(contentsOf: r.actionCategories)
        actionVarieties.append(contentsOf: r.actionVarieties)
        actionStart.append(Int32(actionCategories.count))
        techniques.append(contentsOf: r.techniques)
        techniqueStart.append(Int32(techniques.count))
        mitigationIDs.append(contentsOf: r.mitigationIDs)
        mitigationEffective.append(contentsOf: r.mitigationEffective)
        mitigationStart.append(Int32(mitigationIDs.count))
        assets.append(contentsOf: r.assets)
        assetStart.append(Int32(assets.count))
        attributes.append(contentsOf: r.attributes)
        attributeStart.append(Int32(attributes.count))
        count += 1
    }
}

/// The counting side: one `TableBuilder` per month and catalogue table, fed batch by batch.
final class CountingWorker: @unchecked Sendable {
    // One thread at a time (the counting queue), so no dynamic exclusivity checks.
    @exclusivity(unchecked) var builders: [[TableBuilder]]
    @exclusivity(unchecked) var projector: CodedProjector
    @exclusivity(unchecked) var values: [String] = []
    var error: (any Error)?

    init(months: Int) throws {
        // The grand total is the same cell in every table: tallied in the first table only.
        builders = try (0..<months).map { _ in
            try Catalogue.tables.enumerated().map { t, entry in
                var builder = try TableBuilder(spec: entry.spec)
                builder.tracksGrandTotal = t == 0
                return builder
            }
        }
        projector = CodedProjector(months: months)
    }

    func count(_ batch: ReportBatch) {
        values.append(contentsOf: batch.newValues)
        guard error == nil else { return }
        do {
            for i in 0..<batch.count {
                let m = Int(batch.fixed[i * ReportBatch.stride])
                try projector.count(batch, i, values: values, into: &builders[m], month: m)
            }
        } catch {
            self.error = error
        }
    }
}

/// Projects a coded report onto every catalogue table and counts it, without making a string: a
/// value's builder code is looked up in a small array by its scan code and resolved
/// (`TableBuilder.code(of:dimension:)`) only the first time it is seen.
///
/// The projections are the catalogue's (`Catalogue.tables[].project`), written over codes; a
/// catalogue table this does not know is projected through its own closure on a rebuilt row, so a
/// new table is counted correctly, only more slowly. `ReleaseCountingTests` checks both agree.
struct CodedProjector {
    enum Kind {
        case actionBySector, actionVariety, techniques, mitigationEffectiveness
        /// One field, or two, by their index in `ReportBatch.fixed`'s stride.
        case single(Int)
        case pair(Int, Int)
        case generic
    }

    let kinds: [Kind]
    /// [month][table][dimension][scan code + 1] → builder code, `UInt32.max` when not resolved yet.
    private var maps: [[[[UInt32]]]]
    private var buffer: [UInt32] = []
    static let unresolved = UInt32.max

    init(months: Int) {
        kinds = Catalogue.tables.map { entry in
            switch (entry.spec.name, entry.spec.dimensions) {
            case ("action-by-sector", ["action.category", "victim.sector"]): return .actionBySector
            case ("action-variety", ["action.category", "action.variety"]): return .actionVariety
            case ("techniques", ["technique"]): return .techniques
            case ("mitigation-effectiveness", ["mitigation.id", "mitigation.effective"]): return .mitigationEffectiveness
            case ("victim-sector", ["victim.sector"]): return .single(2)
            case ("victim-size", ["victim.size"]): return .single(3)
            case ("victim-region", ["victim.region"]): return .single(4)
            case ("actor", ["actor.kind", "actor.motive"]): return .pair(5, 6)
            case ("discovery", ["discovery"]): return .single(7)
            case ("impact-loss", ["impact.loss"]): return .single(8)
            default: return .generic
            }
        }
        maps = Array(repeating: Catalogue.tables.map { Array(repeating: [], count: $0.spec.dimensions.count) }, count: months)
    }

    /// The builder code of scan code `v` on dimension `d` of table `t` (NULL is `unknown`, as the
    /// catalogue writes it).
    @inline(__always)
    private mutating func code(_ v: Int32, _ t: Int, _ d: Int, month m: Int, _ values: [String],
                               _ builder: inout TableBuilder) throws -> UInt32 {
        let i = Int(v) + 1
        if i < maps[m][t][d].count {
            let c = maps[m][t][d][i]
            if c != Self.unresolved { return c }
        } else {
            maps[m][t][d].append(contentsOf: repeatElement(Self.unresolved, count: i + 1 - maps[m][t][d].count))
        }
        let c = try builder.code(of: v < 0 ? Catalogue.unknown : values[Int(v)], dimension: d)
        maps[m][t][d][i] = c
        return c
    }

    mutating func count(_ b: ReportBatch, _ r: Int, values: [String], into builders: inout [TableBuilder], month m: Int) throws {
        let base = r * ReportBatch.stride
        let contributor = b.fixed[base + 1]
        let actions = Int(b.actionStart[r])..<Int(b.actionStart[r + 1])
        for t in builders.indices {
            buffer.removeAll(keepingCapacity: true)
            var tuples = 0
            switch kinds[t] {
            case .actionBySector:
                let sector = try code(b.fixed[base + 2], t, 1, month: m, values, &builders[t])
                for a in actions {
                    buffer.append(try code(b.actionCategories[a], t, 0, month: m, values, &builders[t]))
                    buffer.append(sector)
                    tuples += 1
                }
            case .actionVariety:
                for a in actions {
                    buffer.append(try code(b.actionCategories[a], t, 0, month: m, values, &builders[t]))
                    buffer.append(try code(b.actionVarieties[a], t, 1, month: m, values, &builders[t]))
                    tuples += 1
                }
            case .techniques:
                for j in Int(b.techniqueStart[r])..<Int(b.techniqueStart[r + 1]) {
                    buffer.append(try code(b.techniques[j], t, 0, month: m, values, &builders[t]))
                    tuples += 1
                }
            case .mitigationEffectiveness:
                for j in Int(b.mitigationStart[r])..<Int(b.mitigationStart[r + 1]) {
                    buffer.append(try code(b.mitigationIDs[j], t, 0, month: m, values, &builders[t]))
                    buffer.append(try code(b.mitigationEffective[j], t, 1, month: m, values, &builders[t]))
                    tuples += 1
                }
            case .single(let f):
                buffer.append(try code(b.fixed[base + f], t, 0, month: m, values, &builders[t]))
                tuples = 1
            case .pair(let f, let g):
                buffer.append(try code(b.fixed[base + f], t, 0, month: m, values, &builders[t]))
                buffer.append(try code(b.fixed[base + g], t, 1, month: m, values, &builders[t]))
                tuples = 1
            case .generic:
                let tuplesOfRow = Catalogue.tables[t].project(Self.row(b, r, values: values))
                try builders[t].add(Observation(contributor: contributor, tuples: tuplesOfRow))
                continue
            }
            // A report counts once per cell, so repeated tuples (two actions of one category) are
            // harmless: the builder marks cells per report.
            buffer.withUnsafeBufferPointer { builders[t].add(contributor: contributor, codes: $0, tupleCount: tuples) }
        }
    }

    /// Report `r` of a batch as a `ReportRow`, for catalogue tables without a coded projection.
    static func row(_ b: ReportBatch, _ r: Int, values: [String]) -> ReportRow {
        func text(_ v: Int32) -> String? { v < 0 ? nil : values[Int(v)] }
        let base = r * ReportBatch.stride
        let actions = Int(b.actionStart[r])..<Int(b.actionStart[r + 1])
        let techniques = Int(b.techniqueStart[r])..<Int(b.techniqueStart[r + 1])
        let mitigations = Int(b.mitigationStart[r])..<Int(b.mitigationStart[r + 1])
        return ReportRow(
            id: "", receipt: "", pseudonym: "", epoch: "", period: "", sector: text(b.fixed[base + 2]) ?? "",
            size: text(b.fixed[base + 3]) ?? "", region: text(b.fixed[base + 4]) ?? "", actorKind: text(b.fixed[base + 5]) ?? "",
            actorMotive: text(b.fixed[base + 6]), discovery: text(b.fixed[base + 7]), dwell: nil, containment: nil,
            loss: text(b.fixed[base + 8]), downtime: nil,
            actions: actions.map { ActionRow(category: text(b.actionCategories[$0]) ?? "", variety: text(b.actionVarieties[$0]), vector: nil) },
            techniques: techniques.compactMap { text(b.techniques[$0]) },
            assets: (Int(b.assetStart[r])..<Int(b.assetStart[r + 1])).compactMap { text(b.assets[$0]) },
            attributes: (Int(b.attributeStart[r])..<Int(b.attributeStart[r + 1])).compactMap { text(b.attributes[$0]) },
            mitigations: mitigations.map { MitigationRow(id: text(b.mitigationIDs[$0]) ?? "", stage: nil, effective: text(b.mitigationEffective[$0])) },
            narrative: nil, shareNarrative: false)
    }
}
