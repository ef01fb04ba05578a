extension Disclosure {
    /// Re-counts `observations` and checks what a table publishes against them.
    ///
    /// `published` is the reader's view: every cell the table shows, with `count` `nil` when suppressed.
    public static func audit(spec: TableSpec, observations: [Observation], policy: DisclosurePolicy,
                             published: [(key: [String], count: Int?)]) throws(DisclosureError) -> [AuditFinding] {
        try audit(spec: spec, cells: try cellStats(spec: spec, observations: observations), policy: policy, published: published)
    }

    /// Checks what a table publishes against already counted cells. Reports, in this order:
    /// malformed and duplicate keys and cells not in the data (in `published` order); wrong counts,
    /// published cells below the threshold or dominated; cells in the data that are missing; lines with
    /// exactly one suppressed cell. Missing cells count as suppressed in the line check; cells not in the
    /// data are left out of it, since hiding a cell that does not exist protects nothing.
    ///
    /// - Throws: `invalidSpec` or `invalidObservation` when `spec` or `cells` are malformed (problems
    ///   in `published` are findings, not errors).
    ///
    /// Independent of how protection chose its suppressions: it only asks whether the result is safe
    /// under the per-table rules. `auditIntervals` (the LP audit) extends it to intervals across
    /// tables, releases and insiders.
    public static func audit(spec: TableSpec, cells: [CellStats], policy: DisclosurePolicy,
                             published: [(key: [String], count: Int?)]) throws(DisclosureError) -> [AuditFinding] {
        let cells = try canonical(cells, spec: spec)
        let dimensions = spec.dimensions
        var findings: [AuditFinding] = []
        func finding(_ code: AuditFinding.Code, _ key: [String]?, dimension: String? = nil, _ what: String) {
            let place = key.map { " cell " + describe($0, dimensions) } ?? ""
            findings.append(AuditFinding(code: code, table: spec.name, key: key, dimension: dimension,
                                         message: "table \(spec.name)\(place): \(what)"))
        }

        var indexOfKey: [[String]: Int] = [:]
        for (i, cell) in cells.enumerated() { indexOfKey[cell.key] = i }

        // What the reader sees for each real cell: nil = not shown at all.
        var shown = Array<Int??>(repeating: nil, count: cells.count)
        var seen = Set<[String]>()
        for entry in published {
            guard entry.key.count == dimensions.count, !entry.key.contains(where: \.isEmpty) else {
                findings.append(AuditFinding(code: .malformedKey, table: spec.name, key: nil, dimension: nil,
                    message: "table \(spec.name): a cell key has \(entry.key.count) components for \(dimensions.count) dimensions or an empty component"))
                continue
            }
            guard seen.insert(entry.key).inserted else {
                finding(.duplicateCell, entry.key, "appears more than once")
                continue
            }
            guard let i = indexOfKey[entry.key] else {
                finding(.unknownCell, entry.key, "is \(entry.count == nil ? "suppressed" : "published") but has no reports in the data")
                continue
            }
            shown[i] = .some(entry.count)
        }

        for (i, cell) in cells.enumerated() {
            guard let view = shown[i], let count = view else { continue }
            if count != cell.count {
                finding(.wrongCount, cell.key, "published count differs from the data")
            }
            switch policy.primaryReason(for: cell) {
            case .tooFewContributors?:
                finding(.belowThreshold, cell.key, "published with fewer than \(policy.minContributors) contributors")
            case .dominated?:
                finding(.dominated, cell.key, "published although its \(policy.dominanceN) largest contributors hold more than \(policy.dominanceK) of it")
            case .pPercent?:
                finding(.dominated, cell.key, "published although it fails the p% rule")
            case nil:
                break
            }
        }

        for (i, cell) in cells.enumerated() where shown[i] == nil {
            finding(.missingCell, cell.key, "has reports in the data but is not in the table")
        }

        // The grand total is always part of a table, so it counts as in the data even at zero.
        let keys = cells.map(\.key)
        let hidden = cells.indices.map { i in shown[i].map { $0 == nil } ?? true }
        let index = LineIndex(keys: keys, dimensionCount: dimensions.count)
        for line in index.lines where line.members.filter({ hidden[$0] }).count == 1 {
            finding(.singleSuppression, line.marginKey, dimension: dimensions[line.dimension],
                    "the line along \(dimensions[line.dimension]) has exactly one suppressed cell")
        }
        return findings
    }

    /// `(action.category=malware, victim.sector=52)`
    static func describe(_ key: [String], _ dimensions: [String]) -> String {
        "(" + zip(dimensions, key).map { "\($0)=\($1)" }.joined(separator: ", ") + ")"
    }
}
