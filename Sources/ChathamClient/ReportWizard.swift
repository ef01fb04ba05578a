import ChathamCrypto
import ChathamModel
import Foundation

/// `chatham new`: asks the member for each field, offering the taxonomy's choices with a
/// default, and produces a report that passes `chatham check`.
///
/// I/O is injected (`ask` reads one answer, nil at end of input; `say` writes a line), so the
/// questions can be tested without a terminal.
public struct ReportWizard {
    let ask: (String) -> String?
    let say: (String) -> Void
    let taxonomy: Taxonomy

    public init(taxonomy: Taxonomy = .shared, ask: @escaping (String) -> String?, say: @escaping (String) -> Void) {
        self.taxonomy = taxonomy
        self.ask = ask
        self.say = say
    }

    /// Runs the questions. `today` gives the default period.
    public func run(today: Period) throws -> Report {
        say("New chatham report. Press Enter to take the default in [brackets]; a number picks from a list.")
        let period = try askPeriod(default: today.description)
        let sector = try choose("Sector of the victim organisation (NAICS)", "victim.sector", default: "unknown", showLabels: true)!
        let size = try choose("Number of employees", "victim.size", default: "unknown")!
        let region = try choose("Region", "victim.region", default: "unknown")!
        let kind = try choose("Actor", "actor.kind", default: "unknown")!
        let motive = try choose("Actor's motive", "actor.motive", default: "unknown")
        var actions: [Report.Action] = []
        repeat {
            let category = try choose("Action category", "action.category", default: "unknown")!
            let variety = taxonomy.hasEnum("action.variety.\(category)")
                ? try choose("\(category) variety", "action.variety.\(category)", default: nil, optional: true) : nil
            let vector = taxonomy.hasEnum("action.vector.\(category)")
                ? try choose("\(category) vector", "action.vector.\(category)", default: nil, optional: true) : nil
            let action = Report.Action(category: category, variety: variety, vector: vector)
            if !actions.contains(action) { actions.append(action) }
        } while try yesNo("Another action?", default: false)
        let discovery = try choose("Who discovered it", "discovery", default: "unknown")
        let loss = try choose("Financial loss", "impact.loss", default: "unknown")
        let narrative = try line("Narrative (one paragraph; scrubbed before anything leaves; Enter for none)")
        let share = narrative == nil ? nil : try yesNo("Share the scrubbed narrative with the server?", default: false)
        return Report(period: period, victim: .init(sector: sector, size: size, region: region),
                      actor: .init(kind: kind, motive: motive), actions: actions, discovery: discovery,
                      impact: loss.map { .init(loss: $0) }, narrative: narrative, shareNarrative: share)
    }

    /// Adds an id if missing, generalises exact values to their bands (the narrative stays as
    /// written: it is scrubbed when sent), checks the report as `chatham check` would, and
    /// returns its YAML.
    public static func finish(_ report: Report) throws -> String {
        var report = Generaliser.generalise(report).report
        if report.id == nil { report.id = Encoding.hex(randomBytes(count: 16)) }
        let yaml = ReportCodec.encodeYAML(report)
        // Check the text as it will be read back, so what `new` writes always passes `check`.
        _ = try ReportChecker.check(text: yaml, profile: nil)
        return yaml
    }

    // MARK: - Questions

    struct EndOfInput: Error {}

    private func answer(_ prompt: String) throws -> String {
        guard let text = ask(prompt) else {
            throw ClientError(.notConfirmed, "input ended before the report was complete")
        }
        return text.trimmingSpaces()
    }

    private func askPeriod(default value: String) throws -> String {
        while true {
            let text = try answer("Month the incident was discovered (YYYY-MM) [\(value)]: ")
            if text.isEmpty { return value }
            if let month = Generaliser.monthOfDate(text) { return month }
            if Period(text) != nil { return text }
            say("  \"\(text)\" is not a month; write it as YYYY-MM, e.g. \(value)")
        }
    }

    private func line(_ prompt: String) throws -> String? {
        let text = try answer(prompt + ": ")
        return text.isEmpty ? nil : text
    }

    private func yesNo(_ prompt: String, default value: Bool) throws -> Bool {
        while true {
            let text = try answer("\(prompt) [\(value ? "Y/n" : "y/N")]: ").lowercased()
            if text.isEmpty { return value }
            if ["y", "yes"].contains(text) { return true }
            if ["n", "no"].contains(text) { return false }
            say("  answer y or n")
        }
    }

    private func choose(_ prompt: String, _ enumName: String, default value: String?, optional: Bool = false,
                        showLabels: Bool = false) throws -> String? {
        let entries = taxonomy.enums[enumName] ?? []
        say("\(prompt):")
        for (i, e) in entries.enumerated() {
            let label = showLabels || Taxonomy.slug(e.label) != e.value ? "  \(e.label)" : ""
            say("  \(String(i + 1).leftPadded(3)). \(e.value)\(label)")
        }
        let shown = value ?? (optional ? "none" : "")
        while true {
            let text = try answer("\(prompt) [\(shown)]: ")
            if text.isEmpty {
                if let value { return value }
                if optional { return nil }
                continue
            }
            if let n = Int(text), n >= 1, n <= entries.count { return entries[n - 1].value }
            let slug = Taxonomy.slug(text)
            if taxonomy.contains(enumName, text) { return text }
            if taxonomy.contains(enumName, slug) { return slug }
            if optional && ["none", "-"].contains(text.lowercased()) { return nil }
            say("  \"\(text)\" is not one of the choices above; type its number or its name")
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

/// The answers `chatham new` takes as flags when it cannot ask (stdin is not a terminal).
/// Strings as the member typed them; `ReportWizard.report(from:today:)` turns them into a
/// report and `finish` checks it.
public struct NewReportOptions: Sendable {
    public var period: String?
    public var sector = "unknown"
    public var size = "unknown"
    public var region = "unknown"
    public var actor = "unknown"
    public var motive: String?
    /// `category[:variety[:vector]]`, e.g. `malware:ransomware:email-attachment`.
    public var actions: [String] = []
    public var techniques: [String] = []
    public var assets: [String] = []
    public var attributes: [String] = []
    public var discovery: String?
    public var dwell: String?
    public var containment: String?
    public var loss: String?
    public var downtime: String?
    /// `id[:stage[:effective]]`, e.g. `M1032:after:yes`.
    public var mitigations: [String] = []
    public var narrative: String?
    public var shareNarrative = false

    public init() {}
}

extension ReportWizard {
    /// A report from flags; every action defaults to `unknown` when none is given.
    public static func report(from o: NewReportOptions, today: Date = Date()) throws -> Report {
        func parts(_ text: String, _ what: String, max: Int) throws -> [String?] {
            let p = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.isEmpty ? nil : String($0) }
            guard p.count <= max, p.first != nil, p.first! != nil else {
                throw ClientError(.usage, "\"\(text)\" is not a valid \(what)")
            }
            return p + Array(repeating: nil, count: max - p.count)
        }
        var actions: [Report.Action] = []
        for text in o.actions.isEmpty ? ["unknown"] : o.actions {
            let p = try parts(text, "action; use category:variety:vector, e.g. malware:ransomware:email-attachment", max: 3)
            actions.append(Report.Action(category: p[0]!, variety: p[1], vector: p[2]))
        }
        var mitigations: [Report.Mitigation] = []
        for text in o.mitigations {
            let p = try parts(text, "mitigation; use id:stage:effective, e.g. M1032:after:yes", max: 3)
            mitigations.append(Report.Mitigation(id: p[0]!, stage: p[1], effective: p[2]))
        }
        let period = o.period ?? Period(containing: today)?.description ?? "2000-01"
        let timeline = (o.dwell == nil && o.containment == nil) ? nil : Report.Timeline(dwell: o.dwell, containment: o.containment)
        let impact = (o.loss == nil && o.downtime == nil) ? nil : Report.Impact(loss: o.loss, downtime: o.downtime)
        return Report(period: period, victim: .init(sector: o.sector, size: o.size, region: o.region),
                      actor: .init(kind: o.actor, motive: o.motive), actions: actions, techniques: o.techniques,
                      assets: o.assets, attributes: o.attributes, discovery: o.discovery, timeline: timeline,
                      impact: impact, mitigations: mitigations, narrative: o.narrative,
                      shareNarrative: o.narrative == nil ? nil : o.shareNarrative)
    }

    /// A report from a partial YAML document (`chatham new --from FILE`): the fields it lacks are
    /// those `chatham new` writes without answers (`unknown`, this month, one unknown action).
    public static func report(partialYAML text: String, today: Date = Date()) throws -> Report {
        do {
            return try ReportCodec.decode(partialYAML: text, defaults: try report(from: NewReportOptions(), today: today))
        } catch let error as ValidationError {
            let hint = error.message.contains("unknown field") ? Generaliser.hint(forUnknownField: error.path) : nil
            throw ClientError(.badFile, error.description + (hint.map { "\n" + $0 } ?? ""))
        }
    }

    /// Runs the questions with the current month as the default period.
    public func run(now: Date = Date()) throws -> Report {
        try run(today: Period(containing: now) ?? Period(year: 2000, month: 1)!)
    }
}
