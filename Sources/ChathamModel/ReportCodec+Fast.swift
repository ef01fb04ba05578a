/// The ingest path's reading of a well-formed report from a parsed JSON value, without `Codable`.
///
/// `Report.init(from:)` stays the one definition of the format and of every error message: this
/// reader only handles documents that definition accepts, in the plainest form (strings as
/// strings, lists as lists), and answers nil for anything else (an unknown member, a wrong type,
/// a missing field, a number where YAML might write one), so the caller falls back to `Codable`,
/// which then decodes it or names the problem. A test checks both agree on valid and broken
/// documents. Generic `Codable` through nested containers cost about half the server's CPU time
/// per submission (metadata look-ups, existential containers, a set of keys per object).
enum FastReportReader {
    private struct Fallback: Error {}

    static func read(_ value: JSONValue) -> Report? {
        try? report(value)
    }

    private static func object(_ value: JSONValue?) throws -> [String: JSONValue] {
        guard case .object(let members)? = value else { throw Fallback() }
        return members
    }

    /// A required string.
    private static func string(_ value: JSONValue?) throws -> String {
        guard case .string(let s)? = value else { throw Fallback() }
        return s
    }

    /// An optional string: absent or null is nil.
    private static func optionalString(_ value: JSONValue?) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw Fallback()
        }
    }

    /// An optional list of strings: absent or null is empty.
    private static func strings(_ value: JSONValue?) throws -> [String] {
        switch value {
        case nil, .null?: return []
        case .array(let elements)?: return try elements.map { try string($0) }
        default: throw Fallback()
        }
    }

    /// Throws unless every member of `members` is one of `known`.
    private static func only(_ members: [String: JSONValue], _ known: (String) -> Bool) throws {
        for key in members.keys where !known(key) { throw Fallback() }
    }

    private static func report(_ value: JSONValue) throws -> Report {
        let m = try object(value)
        try only(m) { key in
            switch key {
            case "schema", "id", "period", "victim", "actor", "actions", "techniques", "assets", "attributes",
                 "discovery", "timeline", "impact", "mitigations", "narrative", "share_narrative": return true
            default: return false
            }
        }
        let v = try object(m["victim"])
        try only(v) { $0 == "sector" || $0 == "size" || $0 == "region" }
        let a = try object(m["actor"])
        try only(a) { $0 == "kind" || $0 == "motive" }
        guard case .array(let actionValues)? = m["actions"] else { throw Fallback() }
        let actions = try actionValues.map { value -> Report.Action in
            let x = try object(value)
            try only(x) { $0 == "category" || $0 == "variety" || $0 == "vector" }
            return Report.Action(category: try string(x["category"]), variety: try optionalString(x["variety"]),
                                 vector: try optionalString(x["vector"]))
        }
        var timeline: Report.Timeline?
        if let t = m["timeline"], t != .null {
            let x = try object(t)
            try only(x) { $0 == "dwell" || $0 == "containment" }
            timeline = Report.Timeline(dwell: try optionalString(x["dwell"]), containment: try optionalString(x["containment"]))
        }
        var impact: Report.Impact?
        if let i = m["impact"], i != .null {
            let x = try object(i)
            try only(x) { $0 == "loss" || $0 == "downtime" }
            impact = Report.Impact(loss: try optionalString(x["loss"]), downtime: try optionalString(x["downtime"]))
        }
        var mitigations: [Report.Mitigation] = []
        switch m["mitigations"] {
        case nil, .null?: break
        case .array(let elements)?:
            mitigations = try elements.map { value in
                let x = try object(value)
                try only(x) { $0 == "id" || $0 == "stage" || $0 == "effective" }
                return Report.Mitigation(id: try string(x["id"]), stage: try optionalString(x["stage"]),
                                         effective: try optionalString(x["effective"]))
            }
        default: throw Fallback()
        }
        var shareNarrative: Bool?
        switch m["share_narrative"] {
        case nil, .null?: break
        case .bool(let b)?: shareNarrative = b
        default: throw Fallback()
        }
        return Report(
            schema: try string(m["schema"]), id: try optionalString(m["id"]), period: try string(m["period"]),
            victim: Report.Victim(sector: try string(v["sector"]), size: try string(v["size"]), region: try string(v["region"])),
            actor: Report.Actor(kind: try string(a["kind"]), motive: try optionalString(a["motive"])),
            actions: actions, techniques: try strings(m["techniques"]), assets: try strings(m["assets"]),
            attributes: try strings(m["attributes"]), discovery: try optionalString(m["discovery"]),
            timeline: timeline, impact: impact, mitigations: mitigations, narrative: try optionalString(m["narrative"]),
            shareNarrative: shareNarrative)
    }
}
