import ChathamModel

/// Turns a verified release into what `chatham stats` prints: one aligned table per release
/// table, suppressed cells as `–`, and a legend.
public enum StatsRenderer {
    /// Shown for a suppressed cell.
    public static let suppressedMark = "–"

    /// Text for people. `tables` limits the output to those names (all when nil).
    public static func render(_ release: ReleaseDocument, tables names: Set<String>? = nil) -> String {
        var out = "Release \(release.period)\n"
        let policy = release.policy
        out += "A figure is published only if at least \(policy.minContributors) members contributed to it"
        out += " and its \(policy.dominance.n) largest contributors hold at most \(percent(policy.dominance.k)) of it.\n"
        var anySuppressed = false
        var anyMargin = false
        for table in release.tables where names?.contains(table.name) ?? true {
            out += "\n" + table.name + "  (" + table.dimensions.joined(separator: " × ") + ")\n"
            if !table.multiValued.isEmpty {
                out += "  one report may count under several values of " + table.multiValued.joined(separator: ", ")
                    + ", so totals over it are not sums\n"
            }
            let header = table.dimensions + ["count"]
            var rows: [[String]] = []
            for cell in table.cells {
                let values = table.dimensions.map { cell.key[$0] ?? "" }
                if values.contains("*") { anyMargin = true }
                let count: String
                if cell.status == .suppressed || cell.count == nil {
                    count = suppressedMark
                    anySuppressed = true
                } else {
                    count = String(cell.count!)
                }
                rows.append(values + [count])
            }
            var widths = header.map(\.count)
            for row in rows { for (i, v) in row.enumerated() { widths[i] = max(widths[i], v.count) } }
            func line(_ row: [String]) -> String {
                var parts: [String] = []
                for (i, v) in row.enumerated() {
                    let padding = String(repeating: " ", count: widths[i] - v.count)
                    parts.append(i == row.count - 1 ? padding + v : v + padding)  // counts right-aligned
                }
                return "  " + parts.joined(separator: "  ")
            }
            out += line(header) + "\n"
            for row in rows { out += line(row) + "\n" }
        }
        if anySuppressed || anyMargin { out += "\n" }
        if anySuppressed {
            out += "\(suppressedMark)  suppressed: too few contributors, dominated by one or two, or hidden to protect another figure\n"
        }
        if anyMargin {
            out += "*  total over every value of that dimension\n"
        }
        return out
    }

    /// The tables as JSON: `{"period","policy","tables"}` (suppressed counts are `null`).
    public static func json(_ release: ReleaseDocument, tables names: Set<String>? = nil) throws -> [UInt8] {
        struct Output: Encodable {
            var period: String
            var policy: ReleaseDocument.Policy
            var tables: [ReleaseDocument.Table]
        }
        return try CanonicalJSON.encode(Output(period: release.period, policy: release.policy,
                                               tables: release.tables.filter { names?.contains($0.name) ?? true }))
    }

    static func percent(_ k: Double) -> String {
        let p = (k * 1000).rounded() / 10
        return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }
}
