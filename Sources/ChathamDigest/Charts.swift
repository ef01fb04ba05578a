import ChathamModel

/// The charts a digest and the web page draw: top action varieties, top techniques,
/// mitigation effectiveness, and the sector and size mix. Pure data; `SVGChart` draws it.
public struct Chart: Sendable, Equatable {
    /// One bar. `parts` split a stacked bar (mitigation effectiveness); `value` nil means the
    /// cell is suppressed and no bar is drawn.
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Int?
        /// x/n where the chart has an n.
        public var frequency: Double?
        public var parts: [Part]
    }

    /// A segment of a stacked bar.
    public struct Part: Sendable, Equatable {
        public var name: String
        public var value: Int
        /// CSS class (`yes`, `partial`, `no`, `rest`).
        public var style: String
    }

    /// `top-actions`, `techniques`, `mitigations`, `sectors`, `sizes`.
    public var id: String
    public var title: String
    /// What the bars count and what n is.
    public var caption: String
    public var bars: [Bar]

    /// How many bars the ranked charts show.
    public static let topCount = 10

    public static func all(for release: ReleaseDocument) -> [Chart] {
        [topActions(release), techniques(release), mitigations(release), mix(release, table: "victim-sector", dimension: "victim.sector", id: "sectors", title: "Sector mix"),
         mix(release, table: "victim-size", dimension: "victim.size", id: "sizes", title: "Organisation size mix")].compactMap { $0 }
    }

    static func grandTotal(_ table: ReleaseDocument.Table) -> Int? {
        table.cells.first { $0.key.values.allSatisfy { $0 == Labels.margin } && $0.status == .published }?.count
    }

    static func ranked(_ bars: [Bar]) -> [Bar] {
        Array(bars.sorted { ($0.value ?? 0, $1.label) > ($1.value ?? 0, $0.label) }.prefix(topCount))
    }

    static func topActions(_ release: ReleaseDocument) -> Chart? {
        guard let table = release.tables.first(where: { $0.name == "action-variety" }) else { return nil }
        let n = grandTotal(table)
        let bars = table.cells.compactMap { cell -> Bar? in
            guard cell.status == .published, let x = cell.count, let c = cell.key["action.category"], let v = cell.key["action.variety"],
                  c != Labels.margin, v != Labels.margin, v != Labels.unknown else { return nil }
            let label = Labels.value("action.category", c) + ": " + Labels.value("action.variety", v, key: cell.key)
            return Bar(label: label, value: x, frequency: n.map { Double(x) / Double(max($0, 1)) }, parts: [])
        }
        return Chart(id: "top-actions", title: "Top action varieties",
                     caption: "Incidents per action variety" + (n.map { "; n = \($0) incidents" } ?? "") + ". Suppressed varieties are not ranked.",
                     bars: ranked(bars))
    }

    static func techniques(_ release: ReleaseDocument) -> Chart? {
        guard let table = release.tables.first(where: { $0.name == "techniques" }) else { return nil }
        let n = grandTotal(table)
        let bars = table.cells.compactMap { cell -> Bar? in
            guard cell.status == .published, let x = cell.count, let t = cell.key["technique"], t != Labels.margin, t != Labels.unknown else { return nil }
            return Bar(label: Labels.value("technique", t), value: x, frequency: n.map { Double(x) / Double(max($0, 1)) }, parts: [])
        }
        return Chart(id: "techniques", title: "Top ATT&CK techniques",
                     caption: "Incidents naming each technique" + (n.map { "; n = \($0) incidents that named any" } ?? "") + ".",
                     bars: ranked(bars))
    }

    static func mitigations(_ release: ReleaseDocument) -> Chart? {
        guard let table = release.tables.first(where: { $0.name == "mitigation-effectiveness" }) else { return nil }
        var bars: [Bar] = []
        let ids = Set(table.cells.compactMap { $0.key["mitigation.id"] }.filter { $0 != Labels.margin })
        for id in ids {
            guard let totalCell = table.cells.first(where: { $0.key["mitigation.id"] == id && $0.key["mitigation.effective"] == Labels.margin }),
                  totalCell.status == .published, let total = totalCell.count else { continue }
            var parts: [Part] = []
            for (value, style) in [("yes", "yes"), ("partial", "partial"), ("no", "no")] {
                if let c = table.cells.first(where: { $0.key["mitigation.id"] == id && $0.key["mitigation.effective"] == value }),
                   c.status == .published, let x = c.count, x > 0 {
                    parts.append(Part(name: Labels.value("mitigation.effective", value), value: x, style: style))
                }
            }
            let shown = parts.reduce(0) { $0 + $1.value }
            if total > shown { parts.append(Part(name: "Unknown or suppressed", value: total - shown, style: "rest")) }
            let yes = parts.first { $0.style == "yes" }?.value ?? 0
            bars.append(Bar(label: Labels.value("mitigation.id", id), value: total, frequency: Double(yes) / Double(max(total, 1)), parts: parts))
        }
        bars = Array(bars.sorted { ($0.value ?? 0, $1.label) > ($1.value ?? 0, $0.label) }.prefix(topCount))
        return Chart(id: "mitigations", title: "Mitigation effectiveness",
                     caption: "Incidents reporting each mitigation, split by whether it worked; the percentage is the share that said yes.",
                     bars: bars)
    }

    static func mix(_ release: ReleaseDocument, table name: String, dimension: String, id: String, title: String) -> Chart? {
        guard let table = release.tables.first(where: { $0.name == name }),
              let series = Frequencies.series(table, dimension: dimension, condition: [:]) else { return nil }
        let bars = series.rows.map { Bar(label: $0.label, value: $0.x, frequency: $0.frequency, parts: []) }
        let n = series.n.map { "n = \($0) incidents with a known value" + (series.nIncludesUnknown ? " (Unknown is suppressed and counted in n)" : "") } ?? "n is suppressed"
        return Chart(id: id, title: title, caption: "Incidents per value; \(n).", bars: bars)
    }
}
