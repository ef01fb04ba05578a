/// Writes a report as readable YAML that any YAML 1.1 or 1.2 reader reads back to the same
/// report.
///
/// Hand-written rather than Yams' encoder so that member order follows DESIGN's example, flow
/// style is used where DESIGN uses it, and every ambiguous scalar is quoted: YAML 1.1 readers
/// (PyYAML, libyaml-based tools) take `yes`, `no`, `on`, `52` or `1e3` for booleans and numbers.
enum YAMLWriter {
    static func write(_ r: Report) -> String {
        var lines: [String] = []
        lines.append("schema: \(scalar(r.schema))")
        if let id = r.id { lines.append("id: \(scalar(id))") }
        lines.append("period: \(scalar(r.period))")
        lines.append("victim:")
        lines.append("  sector: \(scalar(r.victim.sector))")
        lines.append("  size: \(scalar(r.victim.size))")
        lines.append("  region: \(scalar(r.victim.region))")
        lines.append("actor: " + flow([("kind", r.actor.kind), ("motive", r.actor.motive)]))
        lines.append("actions:")
        for a in r.actions {
            lines.append("  - " + flow([("category", a.category), ("variety", a.variety), ("vector", a.vector)]))
        }
        lines.append("techniques: " + list(r.techniques))
        lines.append("assets: " + list(r.assets))
        lines.append("attributes: " + list(r.attributes))
        if let d = r.discovery { lines.append("discovery: \(scalar(d))") }
        if let t = r.timeline { lines.append("timeline: " + flow([("dwell", t.dwell), ("containment", t.containment)])) }
        if let i = r.impact { lines.append("impact: " + flow([("loss", i.loss), ("downtime", i.downtime)])) }
        if r.mitigations.isEmpty {
            lines.append("mitigations: []")
        } else {
            lines.append("mitigations:")
            for m in r.mitigations {
                lines.append("  - " + flow([("id", m.id), ("stage", m.stage), ("effective", m.effective)]))
            }
        }
        if let n = r.narrative { lines.append("narrative: " + text(n)) }
        if let s = r.shareNarrative { lines.append("share_narrative: \(s)") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func flow(_ members: [(String, String?)]) -> String {
        "{" + members.compactMap { k, v in v.map { "\(k): \(scalar($0))" } }.joined(separator: ", ") + "}"
    }

    private static func list(_ items: [String]) -> String {
        "[" + items.map(scalar).joined(separator: ", ") + "]"
    }

    /// YAML 1.1 words that readers turn into booleans or null.
    private static let reserved: Set<String> = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
    ]

    /// Plain when it is a slug-like word that no reader can mistake; double-quoted otherwise.
    static func scalar(_ s: String) -> String {
        let u = Array(s.utf8)
        let safe = !u.isEmpty
            && u.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E || $0 == 0x2F || $0 == 0x5F }
            && ((u[0] >= 0x61 && u[0] <= 0x7A) || (u[0] >= 0x41 && u[0] <= 0x5A))  // a letter first: never a number or date
            && !reserved.contains(s.lowercased())
            && !s.hasSuffix(".")
        return safe ? s : quoted(s)
    }

    /// Free text: a literal block when it has line breaks and nothing a block cannot hold,
    /// a double-quoted scalar otherwise.
    private static func text(_ s: String) -> String {
        guard s.contains("\n"), s.unicodeScalars.allSatisfy({ isPrintable($0) && $0 != "\t" && $0 != "\r" }) else {
            return quoted(s)
        }
        let body = s.hasSuffix("\n") ? String(s.dropLast()) : s
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        // Leading spaces on the first line would be taken for indentation, trailing spaces are
        // invisible to the member, and several trailing newlines need `|+`: keep it simple.
        guard !s.hasSuffix("\n\n"), !body.isEmpty, lines.first?.first != " ",
              lines.allSatisfy({ $0.last != " " }) else {
            return quoted(s)
        }
        let chomp = s.hasSuffix("\n") ? "|" : "|-"
        return chomp + "\n" + lines.map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }

    /// YAML's printable set (YAML 1.2 §5.1) minus the byte order mark.
    private static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
            return c.value != 0xFEFF
        default:
            return false
        }
    }

    /// A double-quoted scalar; escapes are the subset JSON and YAML share, plus `\u` for every
    /// character YAML does not allow raw.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if isPrintable(c) && c.value != 0x85 && c.value != 0x2028 && c.value != 0x2029 {
                    out.unicodeScalars.append(c)
                } else if c.value <= 0xFFFF {
                    out += "\\u" + hex4(c.value)
                } else {
                    out += "\\U" + String(repeating: "0", count: 8 - String(c.value, radix: 16).count) + String(c.value, radix: 16)
                }
            }
        }
        return out + "\""
    }

    private static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: 4 - h.count) + h
    }
}
