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
}
