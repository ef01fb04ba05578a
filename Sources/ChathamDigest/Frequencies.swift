import ChathamModel

/// One enumeration of a release presented the way the DBIR does: for each value its count x,
/// the number n of incidents whose value is known (Unknown left out of n), and x/n.
public struct FrequencySeries: Sendable, Equatable {
    /// One value of the enumeration.
    public struct Row: Sendable, Equatable {
        public var value: String
        public var label: String
        /// Nil when the cell is suppressed.
        public var x: Int?
        /// x/n, nil when either is not known.
        public var frequency: Double?
    }

    /// Stable id (`action-variety/action.variety/action.category=malware`), usable as an HTML id.
    public var id: String
    public var title: String
    public var table: String
    public var dimension: String
    /// The other dimensions' values the series is taken at (`"*"` for a marginal series).
    public var condition: [String: String]
    /// Known values, largest first (or in the enumeration's own order for bands).
    public var rows: [Row]
    /// The count of Unknown: nil if there is no such cell, `.some(nil)` if it is suppressed.
    public var unknown: Int??
    /// Incidents in the series' total cell; nil if that total is suppressed.
    public var total: Int?
    /// The denominator: total minus Unknown. When Unknown is suppressed, n is the total and
    /// `nIncludesUnknown` says so.
    public var n: Int?
    public var nIncludesUnknown: Bool
    /// Whether one incident may count under several values (so the x do not add up to n).
    public var multiValued: Bool
}

/// Builds the DBIR-style series of a release.
public enum Frequencies {
    /// Two-dimensional tables whose second dimension is also read within each value of the
    /// first (varieties within an action category, effectiveness within a mitigation).
    static let conditional: [String: String] = [
        "action-variety": "action.category",
        "mitigation-effectiveness": "mitigation.id",
        "actor": "actor.kind",
    ]

    /// Every marginal series (each dimension of each table, the others at `*`; a dimension
    /// already seen in an earlier table is not repeated), then the conditional ones.
    public static func series(of release: ReleaseDocument) -> [FrequencySeries] {
        var out: [FrequencySeries] = []
        var seen = Set<String>()
        for table in release.tables {
            for dimension in table.dimensions where seen.insert(dimension).inserted {
                let condition = Dictionary(uniqueKeysWithValues: table.dimensions.filter { $0 != dimension }.map { ($0, Labels.margin) })
                // A margin the table does not carry (varieties over all categories) gives no rows.
                if let s = series(table, dimension: dimension, condition: condition), !s.rows.isEmpty || s.unknown != nil { out.append(s) }
            }
        }
        for table in release.tables {
            guard let given = conditional[table.name], table.dimensions.count == 2, table.dimensions.contains(given),
                  let dimension = table.dimensions.first(where: { $0 != given }) else { continue }
            let values = table.cells.compactMap { cell -> String? in
                guard let v = cell.key[given], v != Labels.margin, cell.key[dimension] == Labels.margin,
                      cell.status == .published else { return nil }
                return v
            }
            for value in values.sorted() {
                if let s = series(table, dimension: dimension, condition: [given: value]) { out.append(s) }
            }
        }
        return out
    }

    /// The series of `dimension` in `table` at `condition`; nil if the table has no such cells.
    public static func series(_ table: ReleaseDocument.Table, dimension: String, condition: [String: String]) -> FrequencySeries? {
        let matching = table.cells.filter { cell in condition.allSatisfy { cell.key[$0.key] == $0.value } }
        guard !matching.isEmpty else { return nil }
        let totalCell = matching.first { $0.key[dimension] == Labels.margin }
        let total = totalCell?.status == .published ? totalCell?.count : nil
        var unknown: Int?? = nil
        var cells: [ReleaseDocument.Cell] = []
        for cell in matching {
            guard let v = cell.key[dimension], v != Labels.margin else { continue }
            if v == Labels.unknown {
                unknown = .some(cell.status == .published ? cell.count : nil)
            } else {
                cells.append(cell)
            }
        }
        var n: Int? = total
        var includesUnknown = false
        if let total, case .some(let u) = unknown {
            if let u { n = total - u } else { includesUnknown = true }
        }
        var rows = cells.map { cell -> FrequencySeries.Row in
            let v = cell.key[dimension]!
            let x = cell.status == .published ? cell.count : nil
            var f: Double?
            if let x, let n, n > 0 { f = Double(x) / Double(n) }
            return .init(value: v, label: Labels.value(dimension, v, key: cell.key), x: x, frequency: f)
        }
        rows.sort { a, b in
            if let oa = Labels.ordinal(dimension, a.value), let ob = Labels.ordinal(dimension, b.value) { return oa < ob }
            switch (a.x, b.x) {
            case let (x?, y?): return x != y ? x > y : a.value < b.value
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.value < b.value
            }
        }
        let conditionText = condition.filter { $0.value != Labels.margin }.sorted { $0.key < $1.key }
        var title = Labels.dimension(dimension)
        if !conditionText.isEmpty {
            title += " — " + conditionText.map { Labels.value($0.key, $0.value, key: condition) }.joined(separator: ", ")
        }
        let id = ([table.name, dimension] + conditionText.map { "\($0.key)=\($0.value)" }).joined(separator: "/")
        return FrequencySeries(id: id, title: title, table: table.name, dimension: dimension, condition: condition,
                               rows: rows, unknown: unknown, total: total, n: n, nIncludesUnknown: includesUnknown,
                               multiValued: table.multiValued.contains(dimension))
    }

    /// A frequency as a whole percentage the way the DBIR prints it; `<1%` for small ones.
    public static func percent(_ f: Double?) -> String {
        guard let f else { return "" }
        if f > 0 && f < 0.005 { return "<1%" }
        return "\(Int((f * 100).rounded()))%"
    }
}
