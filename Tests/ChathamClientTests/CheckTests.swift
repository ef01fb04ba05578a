import ChathamModel
import ChathamScrub
import Foundation
import Testing
@testable import ChathamClient

@Suite struct CheckTests {
    /// What `chatham check --json` prints for DESIGN's example: its narrative is not shared, so
    /// it is dropped, and the rest is canonical JSON.
    @Test func designExampleGivesTheCanonicalReport() throws {
        let checked = try ReportChecker.check(text: designExample, profile: nil)
        let expected = #"{"actions":[{"category":"malware","variety":"ransomware","vector":"email-attachment"}],"actor":{"kind":"external","motive":"financial"},"assets":["server","user-device"],"attributes":["availability","confidentiality"],"discovery":"internal","id":"3f9c2a7e5b1d4c8e9a0b1c2d3e4f5a6b","impact":{"downtime":"days","loss":"100k-1m"},"mitigations":[{"effective":"yes","id":"M1032","stage":"after"}],"period":"2026-10","schema":"chatham.report/1","share_narrative":false,"techniques":["T1566.001","T1486"],"timeline":{"containment":"hours","dwell":"days"},"victim":{"region":"europe","sector":"52","size":"1001-10000"}}"#
        #expect(String(decoding: checked.canonicalJSON, as: UTF8.self) == expected)
        #expect(checked.report.narrative == nil)
        #expect(!checked.narrativeSent)
        #expect(!checked.idGenerated)
        #expect(!checked.needsConfirmation)
        #expect(checked.epoch.description == "2026-Q4")
        // The pretty form is the same value.
        #expect(CanonicalJSON.encode(try JSONValue(bytes: Array(checked.prettyJSON.utf8))) == checked.canonicalJSON)
        #expect(checked.prettyJSON.hasPrefix("{\n  \"actions\": [\n    {\n      \"category\": \"malware\","))
        #expect(checked.summary().contains("narrative: not sent (share_narrative is not true)"))
    }

    @Test func missingIDIsMadeRandomly() throws {
        let text = designExample.replacingOccurrences(of: "id: 3f9c2a7e5b1d4c8e9a0b1c2d3e4f5a6b\n", with: "")
        let checked = try ReportChecker.check(text: text, profile: nil, makeID: { "00112233445566778899aabbccddeeff" })
        #expect(checked.report.id == "00112233445566778899aabbccddeeff")
        #expect(checked.idGenerated)
        let a = try ReportChecker.check(text: text, profile: nil)
        let b = try ReportChecker.check(text: text, profile: nil)
        #expect(a.report.id != b.report.id)
        #expect(ReportValidator.isValidID(a.report.id!))
    }

    @Test func sharedNarrativeIsScrubbedAndNeedsConfirmation() throws {
        let text = designExample
            .replacingOccurrences(of: "free text; scrubbed on the member's machine", with: "Jane Doe at Acme Bank got mail from evil@bad.example")
            .replacingOccurrences(of: "share_narrative: false", with: "share_narrative: true")
        let profile = try MemberProfile.parse(yaml: "organisation: {names: [Acme Bank]}\npeople: [Jane Doe]\n")
        let checked = try ReportChecker.check(text: text, profile: profile)
        #expect(checked.report.narrative == "[PERSON-1] at [ORG-1] got mail from [EMAIL-1]")
        #expect(checked.narrativeSent)
        #expect(checked.needsConfirmation)
        #expect(checked.scrub?.findings.map(\.kind) == ["person", "org", "email"])
        #expect(String(decoding: checked.canonicalJSON, as: UTF8.self).contains(#""narrative":"[PERSON-1] at [ORG-1] got mail from [EMAIL-1]""#))
        #expect(checked.summary().contains(#"  [ORG-1]     "Acme Bank" at 12–21"#))
    }

    @Test func cleanSharedNarrativeNeedsNoConfirmation() throws {
        let text = designExample.replacingOccurrences(of: "share_narrative: false", with: "share_narrative: true")
        let checked = try ReportChecker.check(text: text, profile: nil)
        #expect(checked.narrativeSent)
        #expect(!checked.needsConfirmation)
        #expect(checked.report.narrative == "free text; scrubbed on the member's machine")
    }

    @Test func exactValuesAreGeneralisedToTheirBandsBeforeSealing() throws {
        let text = designExample
            .replacingOccurrences(of: "period: 2026-10", with: "period: 2026-10-14")
            .replacingOccurrences(of: "size: 1001-10000", with: "size: 4,200")
            .replacingOccurrences(of: "region: europe", with: "region: Lisboa")
            .replacingOccurrences(of: "loss: 100k-1m", with: "loss: \"£250,000\"")
            .replacingOccurrences(of: "dwell: days", with: "dwell: 36 hours")
        #expect(text.contains("Lisboa") && text.contains("4,200") && text.contains("36 hours"))
        let checked = try ReportChecker.check(text: text, profile: nil)
        #expect(checked.report.period == "2026-10")
        #expect(checked.report.victim.size == "1001-10000")
        #expect(checked.report.victim.region == "europe")
        #expect(checked.report.impact?.loss == "100k-1m")
        #expect(checked.report.timeline?.dwell == "days")
        // Nothing exact is in what gets sealed; each change is shown to the member.
        let sent = String(decoding: checked.canonicalJSON, as: UTF8.self)
        for exact in ["2026-10-14", "4,200", "Lisboa", "250,000", "36 hours"] { #expect(!sent.contains(exact)) }
        #expect(Set(checked.generalised.map(\.path)) == ["period", "victim.size", "victim.region", "impact.loss", "timeline.dwell"])
        #expect(checked.summary().contains("victim.size: \"4,200\" is exact; sent as 1001-10000"))
    }

    @Test func aPlaceTheCLICannotPlaceIsRefusedWithAHint() throws {
        let text = designExample.replacingOccurrences(of: "region: europe", with: "region: Little Snoring")
        do {
            _ = try ReportChecker.check(text: text, profile: nil)
            Issue.record("expected a failure")
        } catch let failure as ReportCheckFailure {
            #expect(failure.problems.count == 1)  // the validator's own complaint is not repeated
            #expect(failure.problems[0].path == "victim.region")
            #expect(failure.problems[0].hint?.contains("europe") == true)
        }
    }

    @Test func placesFoldCaseAccentsAndScript() {
        #expect(Places.region(of: "SÃO PAULO") == "americas-latin")
        #expect(Places.region(of: "sao paulo") == "americas-latin")
        #expect(Places.region(of: "Zürich") == "europe")
        #expect(Places.region(of: "東京") == "asia")
        #expect(Places.region(of: "Côte d’Ivoire") == "africa")
        #expect(Places.region(of: "Atlantis") == nil)
    }

    @Test func invalidFieldsAreReportedWithPathAndAllowedValues() throws {
        let text = designExample.replacingOccurrences(of: "region: europe", with: "region: atlantis")
        do {
            _ = try ReportChecker.check(text: text, profile: nil)
            Issue.record("expected a failure")
        } catch let failure as ReportCheckFailure {
            #expect(failure.problems.count == 1)
            #expect(failure.problems[0].path == "victim.region")
            #expect(failure.problems[0].message.hasPrefix("victim.region: \"atlantis\""))
            #expect(failure.problems[0].message.contains("europe"))
        }
    }

    @Test func unknownFieldGetsAHint() throws {
        let text = designExample + "\nemployees: 4200\n"
        do {
            _ = try ReportChecker.check(text: text, profile: nil)
            Issue.record("expected a failure")
        } catch let failure as ReportCheckFailure {
            #expect(failure.problems.first?.path == "employees")
            #expect(failure.problems.first?.hint?.contains("victim.size") == true)
        }
    }

    @Test func bands() {
        #expect(Generaliser.sizeBand(10) == "1-10")
        #expect(Generaliser.sizeBand(11) == "11-100")
        #expect(Generaliser.sizeBand(100_001) == "over-100000")
        #expect(Generaliser.lossBand(0) == "none")
        #expect(Generaliser.lossBand(9_999) == "under-10k")
        #expect(Generaliser.lossBand(10_000) == "10k-100k")
        #expect(Generaliser.money("$1.2m") == 1_200_000)
        #expect(Generaliser.money("100k-1m") == nil)
        #expect(Generaliser.duration("days") == nil)
        #expect(Generaliser.durationUnit(Generaliser.duration("2w")!) == "weeks")
    }
}
