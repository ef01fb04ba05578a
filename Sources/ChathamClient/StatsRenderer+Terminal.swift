import ChathamDigest
import ChathamModel

/// Which cells `chatham stats` shows: whole tables by name, and cells whose key has given
/// values. Filtering only ever selects cells of the published tables; it never adds, subtracts
/// or recomputes a figure, so it cannot show anything the release does not.
public struct StatsFilter: Sendable, Equatable {
    /// Table names to show (all when nil).
    public var tables: Set<String>?
    /// Dimension → value a shown cell must have (`victim.sector` → `52`). A table without one
    /// of these dimensions is left out.
    public var values: [String: String]

    public init(tables: Set<String>? = nil, values: [String: String] = [:]) {
        self.tables = tables
        self.values = values
    }

    /// Parses `dimension=value`.
    public static func parseCondition(_ text: String) -> (String, String)? {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (parts[0], parts[1])
    }

    /// The release's tables and cells that pass the filter.
    public func apply(to release: ReleaseDocument) -> [ReleaseDocument.Table] {
        release.tables.compactMap { table in
            guard tables?.contains(table.name) ?? true else { return nil }
            guard values.keys.allSatisfy(table.dimensions.contains) else { return nil }
            var t = table
            t.cells = table.cells.filter { cell in values.allSatisfy { cell.key[$0.key] == $0.value } }
            return t.cells.isEmpty ? nil : t
        }
    }
}

extension StatsRenderer {
    /// Terminal styling: ANSI colour or none.
    public struct Style: Sendable, Equatable {
        public var colour: Bool
        /// Widest bar in characters.
        public var barWidth: Int
        public init(colour: Bool, barWidth: Int = 24) {
            self.colour = colour
            self.barWidth = barWidth
        }
    }

    /// Tables for a terminal: labels, counts, a bar per published cell, and for one-dimensional
    /// tables the DBIR share x/n (Unknown left out of n). Suppressed cells show `–` and no bar.
    public static func renderTerminal(_ release: ReleaseDocument, filter: StatsFilter = .init(), style: Style) -> String {
        func paint(_ s: String, _ code: String) -> String { style.colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = paint("Release \(release.period)", "1") + "\n"
        let policy = release.policy
        out += "A figure is published only if at least \(policy.minContributors) members contributed to it"
        out += " and its \(policy.dominance.n) largest contributors hold at most \(percent(policy.dominance.k)) of it.\n"
        let tables = filter.apply(to: release)
        if tables.isEmpty { out += "\nNo published table has cells that match.\n" }
        var anySuppressed = false
        for table in tables {
            out += "\n" + paint(table.name, "1") + "  (" + table.dimensions.map(Labels.dimension).joined(separator: " × ") + ")\n"
            if !table.multiValued.isEmpty {
                out += paint("  one report may count under several values of " + table.multiValued.joined(separator: ", ")
                             + ", so totals over it are not sums", "2") + "\n"
            }
            // x/n from the whole published table, so a filter never changes n.
            let whole = release.tables.first { $0.name == table.name } ?? table
            let series = table.dimensions.count == 1 ? Frequencies.series(whole, dimension: table.dimensions[0], condition: [:]) : nil
            let maxCount = max(1, table.cells.filter { !$0.key.values.contains(Labels.margin) }.compactMap { $0.status == .published ? $0.count : nil }.max() ?? 1)
            var rows: [(labels: [String], count: String, bar: String, share: String, margin: Bool, suppressed: Bool)] = []
            for cell in table.cells {
                let labels = table.dimensions.map { Labels.value($0, cell.key[$0] ?? "", key: cell.key) }
                let margin = cell.key.values.contains(Labels.margin)
                guard cell.status == .published, let count = cell.count else {
                    anySuppressed = true
                    rows.append((labels, suppressedMark, "", "", margin, true))
                    continue
                }
                let bar = margin ? "" : bars(count, of: maxCount, width: style.barWidth)
                var share = ""
                if let series, let row = series.rows.first(where: { $0.value == cell.key[table.dimensions[0]] }), let f = row.frequency, let n = series.n {
                    share = "\(Frequencies.percent(f)) of \(n)"
                }
                rows.append((labels, String(count), bar, share, margin, false))
            }
            var widths = table.dimensions.map { Labels.dimension($0).count }
            for r in rows { for (i, l) in r.labels.enumerated() { widths[i] = max(widths[i], l.count) } }
            let countWidth = max(5, rows.map(\.count.count).max() ?? 0)
            func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
            func lpad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
            out += "  " + paint(zip(table.dimensions.map(Labels.dimension), widths).map { pad($0, $1) }.joined(separator: "  ") + "  " + lpad("count", countWidth), "4") + "\n"
            for r in rows {
                var line = "  " + zip(r.labels, widths).map { pad($0, $1) }.joined(separator: "  ") + "  "
                if r.suppressed {
                    line += paint(lpad(r.count, countWidth), "2")
                } else {
                    line += r.margin ? paint(lpad(r.count, countWidth), "1") : lpad(r.count, countWidth)
                }
                if !r.bar.isEmpty { line += " " + paint(r.bar, "34") }
                if !r.share.isEmpty { line += " " + paint(r.share, "2") }
                out += line + "\n"
            }
        }
        out += "\n"
        if anySuppressed {
            out += "\(suppressedMark)  suppressed: too few contributors, dominated by one or two, or hidden to protect another figure\n"
        }
        out += "All  total over every value of that dimension\n"
        out += "%  x/n: incidents with the value out of n with a known value (Unknown is not in n)\n"
        return out
    }

    /// A bar of eighths of a block, at least one eighth for any non-zero count.
    static func bars(_ value: Int, of maxValue: Int, width: Int) -> String {
        let eighths = value == 0 ? 0 : max(1, Int((Double(value) / Double(max(maxValue, 1)) * Double(width * 8)).rounded()))
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
    }

    /// The filtered tables as JSON: `{"period","policy","tables"}` (suppressed counts are `null`).
    public static func json(_ release: ReleaseDocument, filter: StatsFilter) throws -> [UInt8] {
        var r = release
        r.tables = filter.apply(to: release)
        return try json(r, tables: nil)
    }
}
