import Testing
@testable import ChathamModel

@Suite struct ReportValidatorTests {
    /// Validates a modified copy of the DESIGN example and returns its errors.
    func errors(_ change: (inout Report) -> Void) -> [ValidationError] {
        var r = designExample
        change(&r)
        return ReportValidator.validate(r)
    }

    func expectOne(_ path: String, containing text: String? = nil, _ change: (inout Report) -> Void,
                   sourceLocation: SourceLocation = #_sourceLocation) {
        let errs = errors(change)
        #expect(errs.count == 1, "\(errs)", sourceLocation: sourceLocation)
        #expect(errs.first?.path == path, "\(errs)", sourceLocation: sourceLocation)
        #expect(errs.first?.message.hasPrefix(path + ": ") == true, sourceLocation: sourceLocation)
        if let text {
            #expect(errs.first?.message.contains(text) == true, "\(errs.first?.message ?? "")", sourceLocation: sourceLocation)
        }
    }

    @Test func designExampleIsValid() {
        #expect(ReportValidator.validate(designExample) == [])
    }

    @Test func schemaIDAndPeriod() {
        expectOne("schema", containing: "chatham.report/1") { $0.schema = "chatham.report/2" }
        expectOne("id", containing: "32 lowercase hex") { $0.id = "3F9C2A7E5B1D4C8E9A0B1C2D3E4F5A6B" }
        expectOne("id") { $0.id = "3f9c2a7e" }
        expectOne("id") { $0.id = "3f9c2a7e5b1d4c8e9a0b1c2d3e4f5a6g" }
        #expect(errors { $0.id = nil } == [])
        for bad in ["2026-13", "2026-00", "1999-12", "2101-01", "2026-1", "26-10", "2026/10", "2026-10-01", ""] {
            expectOne("period", containing: "YYYY-MM") { $0.period = bad }
        }
        #expect(errors { $0.period = "2000-01" } == [])
        #expect(errors { $0.period = "2100-12" } == [])
    }

    @Test func shortEnumerationsListTheirValuesInTheMessage() {
        expectOne("victim.region", containing: "allowed: africa, americas-north, americas-latin, asia, europe, oceania, unknown") {
            $0.victim.region = "mars"
        }
        let e = errors { $0.victim.region = "mars" }.first!
        #expect(e.allowed == Taxonomy.shared.values("victim.region"))
        #expect(e.description == e.message)
        expectOne("victim.sector", containing: "NAICS") { $0.victim.sector = "99" }
        expectOne("victim.size", containing: "1-10, 11-100") { $0.victim.size = "5000" }
        expectOne("actor.kind", containing: "external, internal, partner, unknown") { $0.actor.kind = "insider" }
        expectOne("actor.motive", containing: "did you mean \"financial\"") { $0.actor.motive = "Financial" }
        expectOne("discovery") { $0.discovery = "police" }
        expectOne("timeline.dwell", containing: "seconds, minutes") { $0.timeline?.dwell = "fortnights" }
        expectOne("timeline.containment") { $0.timeline?.containment = "3 days" }
        expectOne("impact.loss", containing: "under-10k") { $0.impact?.loss = "1000000" }
        expectOne("impact.downtime") { $0.impact?.downtime = "forever" }
        expectOne("assets[1]", containing: "did you mean \"user-device\"") { $0.assets[1] = "user device" }
        expectOne("attributes[0]", containing: "confidentiality, integrity, availability") { $0.attributes[0] = "privacy" }
        expectOne("mitigations[0].stage", containing: "before, during, after") { $0.mitigations[0].stage = "later" }
        expectOne("mitigations[0].effective", containing: "yes, partial, no, unknown") { $0.mitigations[0].effective = "true" }
    }

    @Test func actions() {
        expectOne("actions", containing: "at least one") { $0.actions = [] }
        expectOne("actions[0].category", containing: "hacking, malware") { $0.actions[0].category = "cyber" }
        let e = errors { $0.actions[0].variety = "ransomwar" }
        #expect(e.count == 1)
        #expect(e.first?.path == "actions[0].variety")
        #expect(e.first?.message.contains("not a malware variety") == true)
        #expect(e.first?.message.contains("did you mean \"ransomware\"") == true)
        #expect(e.first?.allowed?.contains("ransomware") == true)
        // A variety of another category is not allowed.
        expectOne("actions[1].variety", containing: "social variety") {
            $0.actions.append(.init(category: "social", variety: "ransomware"))
        }
        expectOne("actions[1].vector", containing: "hacking vector") {
            $0.actions.append(.init(category: "hacking", variety: "use-of-stolen-creds", vector: "email-attachment"))
        }
        #expect(errors { $0.actions.append(.init(category: "hacking", variety: "use-of-stolen-creds", vector: "3rd-party-desktop")) } == [])
        // Categories without varieties or vectors take none.
        expectOne("actions[1].variety", containing: "takes no variety") {
            $0.actions.append(.init(category: "unknown", variety: "other"))
        }
        expectOne("actions[1].vector", containing: "takes no vector") {
            $0.actions.append(.init(category: "environmental", variety: "flood", vector: "other"))
        }
        expectOne("actions[1]", containing: "listed twice") { $0.actions.append($0.actions[0]) }
    }

    @Test func techniquesAndMitigations() {
        expectOne("techniques[1]", containing: "T1234 or T1234.001") { $0.techniques[1] = "t1486" }
        expectOne("techniques[0]", containing: "T1234 or T1234.001") { $0.techniques[0] = "T1566.1" }
        expectOne("techniques[1]", containing: "not one of the ATT&CK techniques") { $0.techniques[1] = "T9999" }
        expectOne("techniques[2]", containing: "listed twice") { $0.techniques.append("T1486") }
        expectOne("mitigations[0].id", containing: "M1013") { $0.mitigations[0].id = "M1014" }
        expectOne("mitigations[1]", containing: "listed twice") { $0.mitigations.append(.init(id: "M1032", stage: "before")) }
        expectOne("assets[2]", containing: "listed twice") { $0.assets.append("server") }
        expectOne("attributes[2]", containing: "listed twice") { $0.attributes.append("availability") }
        #expect(ReportValidator.isTechniqueID("T1566.001") && ReportValidator.isTechniqueID("T1486"))
        #expect(!ReportValidator.isTechniqueID("T14860") && !ReportValidator.isTechniqueID("X1486"))
    }

    @Test func narrative() {
        expectOne("narrative", containing: "at most 8000") { $0.narrative = String(repeating: "a", count: 8001) }
        #expect(errors { $0.narrative = String(repeating: "é", count: 8000) } == [])
        expectOne("narrative", containing: "U+0007") { $0.narrative = "bell \u{7} here" }
        expectOne("narrative", containing: "U+001B") { $0.narrative = "\u{1B}[31mred" }
        expectOne("narrative", containing: "U+000D") { $0.narrative = "windows\r\nline" }
        expectOne("narrative", containing: "U+0085") { $0.narrative = "next\u{85}line" }
        expectOne("narrative", containing: "U+007F") { $0.narrative = "del\u{7F}" }
        #expect(errors { $0.narrative = "tabs\tand\nnewlines are fine" } == [])
    }

    @Test func errorsComeInDocumentOrder() {
        let errs = errors {
            $0.schema = "x"
            $0.victim.size = "big"
            $0.actions[0].vector = "carrier-pigeon"
            $0.narrative = "\u{0}"
        }
        #expect(errs.map(\.path) == ["schema", "victim.size", "actions[0].vector", "narrative"])
    }

    @Test func longListsPointToTheDocsInsteadOfListing() {
        let e = errors { $0.actions[0].vector = "pigeon" }.first!
        #expect(e.message.contains("see docs/taxonomy.md"))
        #expect(e.allowed?.count == Taxonomy.shared.values("action.vector.malware").count)
    }
}
