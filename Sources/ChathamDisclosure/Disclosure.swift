/// Disclosure control for release tables: counting, primary suppression (threshold and dominance),
/// secondary suppression, and an independent audit. Pure: values in, values out — no I/O, clock or
/// randomness — so the same inputs always give the same release.
public enum Disclosure {
    /// Counts `observations` into the table's cells (see `TableBuilder`), sorted by key.
    public static func cellStats(spec: TableSpec, observations: [Observation]) throws(DisclosureError) -> [CellStats] {
        var builder = try TableBuilder(spec: spec)
        try builder.add(contentsOf: observations)
        return builder.cellStats()
    }

    /// Counts and protects one table.
    public static func protect(spec: TableSpec, observations: [Observation], policy: DisclosurePolicy) throws(DisclosureError) -> ProtectedTable {
        try protect(spec: spec, cells: try cellStats(spec: spec, observations: observations), policy: policy)
    }

    /// Protects already counted cells (from `TableBuilder.cellStats()`, so a release can count once
    /// and both protect and audit). Cells are re-sorted; of repeated keys the first is kept.
    /// - Throws: `invalidSpec` for a bad spec, `invalidObservation` for a cell key that does not fit it.
    public static func protect(spec: TableSpec, cells: [CellStats], policy: DisclosurePolicy) throws(DisclosureError) -> ProtectedTable {
        let cells = try canonical(cells, spec: spec)
        let keys = cells.map(\.key)
        let primary = cells.map { policy.primaryReason(for: $0) != nil }
        var suppressed = primary
        SecondarySuppression.apply(keys: keys, counts: cells.map(\.count),
                                   dimensionCount: spec.dimensions.count, suppressed: &suppressed)
        let protected = cells.indices.map { i in
            ProtectedCell(key: keys[i], count: cells[i].count, published: !suppressed[i], primary: primary[i])
        }
        return ProtectedTable(spec: spec, cells: protected)
    }

    /// Checked against the spec, sorted by key, first of each key kept.
    static func canonical(_ cells: [CellStats], spec: TableSpec) throws(DisclosureError) -> [CellStats] {
        try spec.validate()
        for cell in cells where cell.key.count != spec.dimensions.count || cell.key.contains(where: \.isEmpty) {
            throw DisclosureError(.invalidObservation,
                "table \(spec.name): a cell key has \(cell.key.count) components for \(spec.dimensions.count) dimensions or an empty component")
        }
        let sorted = cells.enumerated().sorted { a, b in
            if Disclosure.precedes(a.element.key, b.element.key) { return true }
            if Disclosure.precedes(b.element.key, a.element.key) { return false }
            return a.offset < b.offset
        }.map(\.element)
        var result: [CellStats] = []
        result.reserveCapacity(sorted.count)
        for cell in sorted where result.last?.key != cell.key { result.append(cell) }
        return result
    }
}
