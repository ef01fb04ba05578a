/// Checks a decoded report against the format's rules and the taxonomy.
///
/// Errors come in document order, so the first one is the first thing a member reading the
/// file top to bottom would have to fix; the server answers `invalid_report` with it.
public enum ReportValidator {
    /// Longest narrative, in Unicode scalars (what JSON Schema's `maxLength` counts).
    public static let maxNarrativeLength = 8000

    /// Every problem with `report`; empty when it is valid.
    public static func validate(_ report: Report, taxonomy: Taxonomy = .shared) -> [ValidationError] {
        var v = Validation(taxonomy: taxonomy)
        v.check(report)
        return v.errors
    }

    /// True if `id` is 32 lowercase hex digits.
    public static func isValidID(_ id: String) -> Bool {
        let u = Array(id.utf8)
        return u.count == 32 && u.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// True for `T1234` and `T1234.001` (the form; not whether ATT&CK has it).
    public static func isTechniqueID(_ id: String) -> Bool {
        let u = Array(id.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { (0x30...0x39).contains(u[$0]) } }
        if u.count == 5 { return u[0] == UInt8(ascii: "T") && digits(1..<5) }
        if u.count == 9 { return u[0] == UInt8(ascii: "T") && digits(1..<5) && u[5] == UInt8(ascii: ".") && digits(6..<9) }
        return false
    }
}

private struct Validation {
    let taxonomy: Taxonomy
    var errors: [ValidationError] = []

    mutating func fail(_ path: String, _ problem: String, allowed: [String]? = nil) {
        errors.append(ValidationError(at: path, problem, allowed: allowed))
    }

    /// Checks `value` against enumeration `enumName`; `what` names the kind of value in the message.
    mutating func enumeration(_ path: String, _ value: String?, _ enumName: String, what: String? = nil) {
        guard let value, !taxonomy.contains(enumName, value) else { return }
        let allowed = taxonomy.values(enumName)
        var problem = "\"\(value)\" is not " + (what ?? "an allowed value")
        if let guess = closest(value, in: allowed) { problem += " (did you mean \"\(guess)\"?)" }
        fail(path, problem, allowed: allowed)
    }

    mutating func noDuplicates<T: Hashable>(_ path: String, _ items: [T], show: (T) -> String) {
        var seen = Set<T>()
        for (i, item) in items.enumerated() where !seen.insert(item).inserted {
            fail("\(path)[\(i)]", "\(show(item)) is listed twice")
        }
    }

    mutating func check(_ r: Report) {
        if r.schema != Report.schemaName {
            fail("schema", "must be \(Report.schemaName), not \"\(r.schema)\"")
        }
        if let id = r.id, !ReportValidator.isValidID(id) {
            fail("id", "must be 32 lowercase hex digits (or left out for the CLI to make one)")
        }
        if Period(r.period) == nil {
            fail("period", "\"\(r.period)\" is not a month in the form YYYY-MM (year \(Period.yearRange.lowerBound)–\(Period.yearRange.upperBound), month 01–12)")
        }

        enumeration("victim.sector", r.victim.sector, "victim.sector", what: "a NAICS two-digit sector")
        enumeration("victim.size", r.victim.size, "victim.size", what: "an employee band")
        enumeration("victim.region", r.victim.region, "victim.region")
        enumeration("actor.kind", r.actor.kind, "actor.kind")
        enumeration("actor.motive", r.actor.motive, "actor.motive", what: "a VERIS motive")

        if r.actions.isEmpty {
            fail("actions", "at least one action is required", allowed: taxonomy.values("action.category"))
        }
        for (i, action) in r.actions.enumerated() {
            let path = "actions[\(i)]"
            guard taxonomy.contains("action.category", action.category) else {
                enumeration("\(path).category", action.category, "action.category")
                continue  // the variety and vector cannot be judged without a category
            }
            for (part, value) in [("variety", action.variety), ("vector", action.vector)] {
                guard let value else { continue }
                let enumName = "action.\(part).\(action.category)"
                if taxonomy.hasEnum(enumName) {
                    enumeration("\(path).\(part)", value, enumName, what: "a \(action.category) \(part)")
                } else {
                    fail("\(path).\(part)", "category \(action.category) takes no \(part)")
                }
            }
        }
        noDuplicates("actions", r.actions) { a in
            "{category: \(a.category)" + (a.variety.map { ", variety: \($0)" } ?? "") + (a.vector.map { ", vector: \($0)" } ?? "") + "}"
        }

        for (i, t) in r.techniques.enumerated() {
            if !ReportValidator.isTechniqueID(t) {
                fail("techniques[\(i)]", "\"\(t)\" is not an ATT&CK technique id (T1234 or T1234.001)")
            } else if taxonomy.techniqueName(t) == nil {
                fail("techniques[\(i)]", "\(t) is not one of the ATT&CK techniques chatham accepts (see docs/taxonomy.md)")
            }
        }
        noDuplicates("techniques", r.techniques) { $0 }

        for (i, a) in r.assets.enumerated() { enumeration("assets[\(i)]", a, "assets", what: "an asset class") }
        noDuplicates("assets", r.assets) { $0 }
        for (i, a) in r.attributes.enumerated() { enumeration("attributes[\(i)]", a, "attributes") }
        noDuplicates("attributes", r.attributes) { $0 }

        enumeration("discovery", r.discovery, "discovery")
        enumeration("timeline.dwell", r.timeline?.dwell, "timeline.unit", what: "a timeline unit")
        enumeration("timeline.containment", r.timeline?.containment, "timeline.unit", what: "a timeline unit")
        enumeration("impact.loss", r.impact?.loss, "impact.loss", what: "a loss band")
        enumeration("impact.downtime", r.impact?.downtime, "timeline.unit", what: "a timeline unit")

        for (i, m) in r.mitigations.enumerated() {
            let path = "mitigations[\(i)]"
            if taxonomy.mitigationName(m.id) == nil {
                fail("\(path).id", "\"\(m.id)\" is not one of the ATT&CK mitigations chatham accepts (M1013–M1057)",
                     allowed: taxonomy.mitigations.map(\.id))
            }
            enumeration("\(path).stage", m.stage, "mitigation.stage")
            enumeration("\(path).effective", m.effective, "mitigation.effective")
        }
        noDuplicates("mitigations", r.mitigations.map(\.id)) { $0 }

        if let text = r.narrative {
            let count = text.unicodeScalars.count
            if count > ReportValidator.maxNarrativeLength {
                fail("narrative", "is \(count) characters long; at most \(ReportValidator.maxNarrativeLength) are allowed")
            }
            // Control characters hide text from the member's preview and confuse terminals;
            // only line breaks and tabs have a place in prose.
            for (offset, scalar) in text.unicodeScalars.enumerated()
            where scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t" {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                fail("narrative", "contains control character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex) at character \(offset + 1); only line breaks and tabs are allowed")
                break
            }
        }
    }
}

/// The allowed value nearest to a typo, if it is near enough to be a useful hint.
private func closest(_ value: String, in allowed: [String]) -> String? {
    let lowered = Taxonomy.slug(value)  // "Use of stolen creds" is one step from its slug
    var best: (String, Int)?
    for candidate in allowed {
        let d = editDistance(Array(lowered.utf8), Array(candidate.utf8))
        if d <= 2, d < (best?.1 ?? .max) { best = (candidate, d) }
    }
    return best?.0
}

private func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    if abs(a.count - b.count) > 2 { return 3 }  // only small distances matter here
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
