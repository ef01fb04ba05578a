import ChathamModel

/// Generalises exact values to the bands the report format has, on the member's machine,
/// before anything is sealed (DESIGN: "Exact values the CLI can derive from (a date, a head
/// count, a town, a sum of money) are generalised to these bands before sealing").
///
/// Exact values can single a member out even when its name is gone ("4,212 staff", "lost
/// £1,234,567 on 14 October"). Each one the CLI can read is replaced by its band and the change
/// is shown in `chatham check`; a value it cannot place (a town it does not know) is refused
/// with the band to write instead, never sent as written.
public enum Generaliser {
    /// A field holding an exact value the CLI could not generalise, and what to write instead.
    public struct Problem: Sendable, Equatable {
        /// Field path in the report's spelling (`victim.size`).
        public var path: String
        /// One line, starting with the path.
        public var message: String
        /// What to write instead.
        public var hint: String
    }

    /// One exact value replaced by its band.
    public struct Change: Sendable, Equatable {
        /// Field path in the report's spelling (`victim.size`).
        public var path: String
        /// The value as written (stays on the machine).
        public var from: String
        /// The band that is sent.
        public var to: String
    }

    /// `report` with every exact value the CLI can read replaced by its band, what changed, and
    /// the exact values it could not place.
    public static func generalise(_ report: Report) -> (report: Report, changes: [Change], problems: [Problem]) {
        var r = report
        var changes: [Change] = []
        var problems: [Problem] = []
        func change(_ path: String, _ from: String, _ to: String) { changes.append(Change(path: path, from: from, to: to)) }

        if let month = monthOfDate(r.period) {
            change("period", r.period, month)
            r.period = month
        }
        if let n = plainNumber(r.victim.size) {
            change("victim.size", r.victim.size, sizeBand(n))
            r.victim.size = sizeBand(n)
        }
        if looksLikePlace(r.victim.region) {
            if let region = Places.region(of: r.victim.region) {
                change("victim.region", r.victim.region, region)
                r.victim.region = region
            } else {
                problems.append(Problem(path: "victim.region",
                                        message: "victim.region: \"\(r.victim.region)\" names a place the CLI cannot place on a continent",
                                        hint: "write region: one of africa, americas-north, americas-latin, asia, europe, oceania, unknown"))
            }
        }
        if let loss = r.impact?.loss, let amount = money(loss) {
            change("impact.loss", loss, lossBand(amount))
            r.impact?.loss = lossBand(amount)
        }
        func unit(_ path: String, _ value: inout String?) {
            guard let written = value, let seconds = duration(written) else { return }
            change(path, written, durationUnit(seconds))
            value = durationUnit(seconds)
        }
        if var timeline = r.timeline {
            unit("timeline.dwell", &timeline.dwell)
            unit("timeline.containment", &timeline.containment)
            r.timeline = timeline
        }
        if var impact = r.impact {
            unit("impact.downtime", &impact.downtime)
            r.impact = impact
        }
        return (r, changes, problems)
    }

    /// A hint for a member the format does not have but that people often write, such as
    /// `date:` or `employees:`.
    public static func hint(forUnknownField path: String) -> String? {
        let name = path.split(separator: ".").last.map { String($0).lowercased() } ?? ""
        switch name {
        case "date", "discovered", "detected", "occurred", "when", "time", "timestamp", "day":
            return "reports keep only the month: write period: YYYY-MM"
        case "employees", "headcount", "staff", "employee_count", "employees_count":
            return "write victim.size as a band: 1-10, 11-100, 101-1000, 1001-10000, 10001-25000, 25001-50000, 50001-100000, over-100000"
        case "city", "town", "country", "location", "site", "address":
            return "write victim.region as a continent: africa, americas-north, americas-latin, asia, europe, oceania, unknown"
        case "amount", "cost", "loss_amount", "ransom", "currency":
            return "write impact.loss as a band: none, under-10k, 10k-100k, 100k-1m, 1m-10m, over-10m, unknown"
        case "name", "organisation", "organization", "company", "org", "victim_name":
            return "reports never name the member; leave it out"
        default:
            return nil
        }
    }

    // MARK: - Bands

    static func sizeBand(_ n: Double) -> String {
        switch n {
        case ..<11: "1-10"
        case ..<101: "11-100"
        case ..<1001: "101-1000"
        case ..<10001: "1001-10000"
        case ..<25001: "10001-25000"
        case ..<50001: "25001-50000"
        case ..<100001: "50001-100000"
        default: "over-100000"
        }
    }

    static func lossBand(_ amount: Double) -> String {
        switch amount {
        case ...0: "none"
        case ..<10_000: "under-10k"
        case ..<100_000: "10k-100k"
        case ..<1_000_000: "100k-1m"
        case ..<10_000_000: "1m-10m"
        default: "over-10m"
        }
    }

    static func durationUnit(_ seconds: Double) -> String {
        switch seconds {
        case ..<60: "seconds"
        case ..<3600: "minutes"
        case ..<86_400: "hours"
        case ..<(7 * 86_400): "days"
        case ..<(30 * 86_400): "weeks"
        case ..<(365 * 86_400): "months"
        default: "years"
        }
    }

    // MARK: - Recognisers

    /// `2026-10-14` or `2026-10-14T…` → `2026-10`.
    static func monthOfDate(_ text: String) -> String? {
        let u = Array(text.utf8)
        guard u.count >= 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ (0x30...0x39).contains(u[$0]) }) else { return nil }
        return String(decoding: u[0..<7], as: UTF8.self)
    }

    /// `4200`, `4,200`, `4 200` → 4200.
    static func plainNumber(_ text: String) -> Double? {
        let digits = text.filter { $0 != "," && $0 != " " && $0 != "_" && $0 != "\u{2009}" }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return Double(digits)
    }

    /// `250000`, `£250,000`, `$1.2m`, `250k`, `EUR 40000` → the amount.
    static func money(_ text: String) -> Double? {
        var t = text.lowercased().trimmingSpaces()
        for prefix in ["eur", "usd", "gbp", "chf", "£", "$", "€", "¥"] where t.hasPrefix(prefix) {
            t = String(t.dropFirst(prefix.count)).trimmingSpaces()
        }
        for suffix in ["eur", "usd", "gbp", "chf", "€"] where t.hasSuffix(suffix) {
            t = String(t.dropLast(suffix.count)).trimmingSpaces()
        }
        var multiplier = 1.0
        if t.hasSuffix("k") { multiplier = 1e3; t.removeLast() }
        else if t.hasSuffix("m") { multiplier = 1e6; t.removeLast() }
        else if t.hasSuffix("bn") { multiplier = 1e9; t.removeLast(2) }
        t = t.filter { $0 != "," && $0 != " " && $0 != "_" }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCIIDigit || $0 == "." }), t.first!.isASCIIDigit,
              let value = Double(t) else { return nil }
        return value * multiplier
    }

    /// `3 days`, `72h`, `36 hours`, `2w` → seconds.
    static func duration(_ text: String) -> Double? {
        let t = text.lowercased().trimmingSpaces()
        let number = t.prefix { $0.isASCIIDigit || $0 == "." }
        guard !number.isEmpty, let n = Double(number) else { return nil }
        let unit = String(t.dropFirst(number.count)).trimmingSpaces()
        let seconds: Double
        switch unit {
        case "s", "sec", "secs", "second", "seconds": seconds = 1
        case "m", "min", "mins", "minute", "minutes": seconds = 60
        case "h", "hr", "hrs", "hour", "hours": seconds = 3600
        case "d", "day", "days": seconds = 86_400
        case "w", "wk", "wks", "week", "weeks": seconds = 7 * 86_400
        case "mo", "month", "months": seconds = 30 * 86_400
        case "y", "yr", "yrs", "year", "years": seconds = 365 * 86_400
        default: return nil
        }
        return n * seconds
    }

    /// A capitalised word or words that are not a region slug: a town or a country.
    static func looksLikePlace(_ text: String) -> Bool {
        guard !Taxonomy.shared.contains("victim.region", text) else { return false }
        guard let first = text.unicodeScalars.first, first.properties.isUppercase else { return false }
        return Taxonomy.slug(text) != text && !Taxonomy.shared.contains("victim.region", Taxonomy.slug(text))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
