extension Disclosure {
    /// The value rare values are rolled up into.
    public static let other = "other"

    /// The values of `dimension` whose own cell (that value, `"*"` on every other dimension) fails
    /// the policy — the candidates for roll-up. Empty unless there are at least two: rolling one
    /// value up alone would only rename its cell.
    public static func rareValues(_ cells: [CellStats], spec: TableSpec, dimension: String,
                                  policy: DisclosurePolicy) -> Set<String> {
        guard let d = spec.dimensions.firstIndex(of: dimension) else { return [] }
        var rare = Set<String>()
        for cell in cells where cell.key[d] != margin && cell.key[d] != other {
            guard cell.key.indices.allSatisfy({ $0 == d || cell.key[$0] == margin }) else { continue }
            if policy.primaryReason(for: cell) != nil { rare.insert(cell.key[d]) }
        }
        return rare.count >= 2 ? rare : []
    }

    /// Roll-up before suppression: the cells of `values` on `dimension` become one value,
    /// `Disclosure.other` (counts and each contributor's reports add up), so several rare values
    /// that would each be suppressed can be published together.
    ///
    /// Only for a single-valued dimension, where every report has exactly one value and the rolled
    /// cells are disjoint (on a multi-valued dimension one report could be in two of them and
    /// would be counted twice). An existing `other` cell is merged in too. Returns the cells
    /// sorted by key.
    public static func rollUp(_ cells: [CellStats], spec: TableSpec, dimension: String,
                              values: Set<String>) throws(DisclosureError) -> [CellStats] {
        guard !values.isEmpty, let d = spec.dimensions.firstIndex(of: dimension) else { return cells }
        guard !spec.multiValued.contains(dimension) else {
            throw DisclosureError(.invalidSpec, "table \(spec.name): \(dimension) is multi-valued and cannot be rolled up")
        }
        var merged: [[String]: CellStats] = [:]
        var order: [[String]] = []
        for cell in cells {
            var key = cell.key
            if values.contains(key[d]) { key[d] = other }
            if var existing = merged[key] {
                existing.count += cell.count
                existing.contributions.merge(cell.contributions, uniquingKeysWith: +)
                merged[key] = existing
            } else {
                merged[key] = CellStats(key: key, count: cell.count, contributions: cell.contributions)
                order.append(key)
            }
        }
        return order.map { merged[$0]! }.sorted { precedes($0.key, $1.key) }
    }
}
