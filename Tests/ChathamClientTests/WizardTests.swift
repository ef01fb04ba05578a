import ChathamModel
import Foundation
import Testing
@testable import ChathamClient

@Suite struct WizardTests {
    @Test func questionsProduceAValidReport() throws {
        // period, sector, size (by number), region, actor, motive, category (number),
        // variety, vector, another?, discovery, loss, narrative, share?
        var answers = ["", "52", "4", "europe", "external", "financial", "2", "ransomware", "email-attachment", "n",
                       "", "100k-1m", "Phish led to ransomware", "y"]
        let wizard = ReportWizard(ask: { _ in answers.isEmpty ? nil : answers.removeFirst() }, say: { _ in })
        let report = try wizard.run(today: Period("2026-10")!)
        #expect(report.period == "2026-10")
        #expect(report.victim == .init(sector: "52", size: "1001-10000", region: "europe"))
        #expect(report.actions == [.init(category: "malware", variety: "ransomware", vector: "email-attachment")])
        #expect(report.discovery == "unknown")
        #expect(report.shareNarrative == true)
        let yaml = try ReportWizard.finish(report)
        let checked = try ReportChecker.check(text: yaml, profile: nil)
        #expect(!checked.idGenerated)
    }

    @Test func wrongAnswersAreAskedAgain() throws {
        var answers = ["2026-13", "2026-11", "99", "unknown", "", "", "", "", "", "", "", "n", "", "", ""]
        var said: [String] = []
        let wizard = ReportWizard(ask: { _ in answers.isEmpty ? nil : answers.removeFirst() }, say: { said.append($0) })
        let report = try wizard.run(today: Period("2026-10")!)
        #expect(report.period == "2026-11")
        #expect(report.victim.sector == "unknown")
        #expect(said.contains { $0.contains("\"99\" is not one of the choices") })
    }

    @Test func endOfInputStops() {
        let wizard = ReportWizard(ask: { _ in nil }, say: { _ in })
        #expect(throws: ClientError.self) { try wizard.run(today: Period("2026-10")!) }
    }

    @Test func flagsProduceAValidReport() throws {
        var o = NewReportOptions()
        o.period = "2026-10"
        o.sector = "52"
        o.actions = ["malware:ransomware:email-attachment", "hacking::web-application"]
        o.mitigations = ["M1032:after:yes"]
        let report = try ReportWizard.report(from: o)
        #expect(report.actions[1] == .init(category: "hacking", variety: nil, vector: "web-application"))
        _ = try ReportChecker.check(text: try ReportWizard.finish(report), profile: nil)
        o.actions = [":x"]
        #expect(throws: ClientError.self) { try ReportWizard.report(from: o) }
    }

    @Test func aPartialReportIsCompletedGeneralisedAndChecked() throws {
        let partial = """
            period: 2026-10-14
            victim:
              sector: 52
              size: 4,200
            actions:
              - category: malware
                variety: ransomware
            narrative: Our CISO Maria Fernandez saw it first.
            """
        let today = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!
        let report = try ReportWizard.report(partialYAML: partial, today: today)
        #expect(report.period == "2026-10-14")  // generalised by finish, below
        #expect(report.victim.sector == "52")
        #expect(report.victim.region == "unknown")  // filled in
        #expect(report.actor.kind == "unknown")
        #expect(report.actions == [.init(category: "malware", variety: "ransomware", vector: nil)])
        let yaml = try ReportWizard.finish(report)
        #expect(!yaml.contains("4,200") && !yaml.contains("2026-10-14"))
        let checked = try ReportChecker.check(text: yaml, profile: nil)
        #expect(checked.report.victim.size == "1001-10000")
        #expect(checked.report.period == "2026-10")
        // An empty file gives the same report flags would with none given.
        let empty = try ReportWizard.report(partialYAML: "", today: today)
        #expect(empty.period == "2026-11")
        #expect(empty.actions == [.init(category: "unknown", variety: nil, vector: nil)])
    }

    @Test func aPartialReportWithAnUnknownFieldIsRefusedWithItsPath() {
        do {
            _ = try ReportWizard.report(partialYAML: "victim:\n  sector: \"52\"\n  employees: 4200\n")
            Issue.record("expected a failure")
        } catch let error as ClientError {
            #expect(error.message.contains("victim.employees"))
            #expect(error.message.contains("victim.size"))  // the hint
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: ClientError.self) { try ReportWizard.report(partialYAML: "- just\n- a list\n") }
    }
}
