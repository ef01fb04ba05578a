/// Disclosure control for release tables: counting, primary suppression (threshold, dominance, p%),
/// secondary suppression proved by an LP audit (COIN-OR Clp) across linked tables, releases and
/// insiders, and an independent audit. Pure: values in, values out — no I/O, clock or
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
        // One table on its own is a release of one table: the same joint engine, LP proof included.
        try protect([TableInput(scope: "", spec: spec, cells: cells)], policy: policy)[0].table
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
