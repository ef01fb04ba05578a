import Foundation
import Testing
@testable import ChathamModel

@Suite struct TaxonomyTests {
    let t = Taxonomy.shared

    @Test func enumerationsAreTheDocumentedOnes() {
        #expect(t.values("victim.size") == ["1-10", "11-100", "101-1000", "1001-10000", "10001-25000", "25001-50000",
                                              "50001-100000", "over-100000", "unknown"])
        #expect(t.values("victim.region") == ["africa", "americas-north", "americas-latin", "asia", "europe", "oceania", "unknown"])
        #expect(t.values("victim.sector").count == 25 && t.contains("victim.sector", "52") && t.contains("victim.sector", "unknown"))
        #expect(t.label("victim.sector", "52") == "Finance and Insurance")
        #expect(t.values("action.category") == ["hacking", "malware", "social", "error", "misuse", "physical", "environmental", "unknown"])
        #expect(t.values("actor.kind") == ["external", "internal", "partner", "unknown"])
        #expect(t.values("assets") == ["server", "network", "user-device", "media", "person", "kiosk-terminal", "embedded", "other", "unknown"])
        #expect(t.values("attributes") == ["confidentiality", "integrity", "availability"])
        #expect(t.values("discovery") == ["internal", "external", "partner", "unknown"])
        #expect(t.values("timeline.unit") == ["seconds", "minutes", "hours", "days", "weeks", "months", "years", "never", "na", "unknown"])
        #expect(t.values("impact.loss") == ["none", "under-10k", "10k-100k", "100k-1m", "1m-10m", "over-10m", "unknown"])
        #expect(t.values("mitigation.stage") == ["before", "during", "after"])
        #expect(t.values("mitigation.effective") == ["yes", "partial", "no", "unknown"])
        #expect(t.contains("actor.motive", "financial") && t.contains("actor.motive", "secondary"))
        #expect(t.contains("action.variety.hacking", "use-of-stolen-creds"))
        #expect(t.label("action.variety.hacking", "use-of-stolen-creds") == "Use of stolen creds")
        #expect(t.contains("action.vector.hacking", "3rd-party-desktop"))
        #expect(t.contains("action.vector.malware", "email-attachment"))
        #expect(t.contains("action.variety.malware", "spyware-keylogger"))
        #expect(!t.hasEnum("action.variety.unknown") && !t.hasEnum("action.vector.environmental"))
        #expect(t.values("no.such.enum") == [] && !t.contains("no.such.enum", "x"))
    }

    @Test func techniquesAndMitigations() {
        #expect(t.techniques.count == 589)
        #expect(t.techniqueName("T1486") == "Data Encrypted for Impact")
        #expect(t.techniqueName("T1566.001") == "Spearphishing Attachment")
        #expect(t.mitigations.count == 43)
        #expect(t.mitigations.first == .init(id: "M1013", name: "Application Developer Guidance"))
        #expect(t.mitigations.last == .init(id: "M1057", name: "Data Loss Prevention"))
        #expect(t.mitigationName("M1032") == "Multi-factor Authentication")
        #expect(t.mitigationName("M1014") == nil && t.mitigationName("M1023") == nil)
        #expect(t.techniques(category: "malware", variety: "ransomware").contains("T1486"))
        // Every technique the mapping relates to a variety is one the taxonomy accepts.
        for (_, ids) in t.varietyTechniques { for id in ids { #expect(t.techniqueName(id) != nil) } }
        #expect(t.licence.contains("VERIS Community, vz-risk/veris, CC BY-SA 4.0"))
    }

    @Test func slugRule() {
        #expect(Taxonomy.slug("Use of stolen creds") == "use-of-stolen-creds")
        #expect(Taxonomy.slug("Over 100000") == "over-100000")
        #expect(Taxonomy.slug("3rd party desktop") == "3rd-party-desktop")
        #expect(Taxonomy.slug("Email attachment") == "email-attachment")
        #expect(Taxonomy.slug("  Web application - drive-by ") == "web-application-drive-by")
        #expect(Taxonomy.slug("Spyware/Keylogger") == "spyware-keylogger")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: repoRoot.appendingPathComponent("../shared/data/veris-1.4.1-enum.json").path)))
    func generatedFilesAreCurrent() throws {
        let (status, output) = try run("python3", ["tools/gen-taxonomy.py", "--check"])
        #expect(status == 0, "\(output)")
    }
}
