import ArgumentParser
import ChathamClient
import Foundation

extension Chatham {
    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new report, by questions or from flags.",
            discussion: """
                On a terminal, asks for each field and offers the taxonomy's choices. When standard \
                input is not a terminal, takes the answers from flags (fields not given are \
                "unknown"), or from a partial report with --from (a YAML file with any of the \
                report's fields; the rest are filled in the same way). Exact values (a date, a head \
                count, a town, a sum) are generalised to their bands. The result passes chatham \
                check; it gets a random id, so submitting the same file again is recognised as the \
                same report.

                Examples:
                  chatham new --output incident.yaml
                  chatham new --period 2026-10 --sector 52 --size 1001-10000 --region europe \\
                    --actor external --motive financial --action malware:ransomware:email-attachment < /dev/null
                  printf 'victim: {sector: "52", size: 4200}\\nactions: [{category: malware, variety: ransomware}]\\n' \\
                    | chatham new --from - --output incident.yaml
                """)

        @Option(help: ArgumentHelp("File to write (created, never overwritten; default: standard output).", valueName: "file"))
        var output: String?

        @Option(help: ArgumentHelp("A partial report (YAML; - for standard input) to complete instead of asking.", valueName: "file"))
        var from: String?

        @Option(help: ArgumentHelp("Month the incident was discovered, YYYY-MM (default: this month).", valueName: "period"))
        var period: String?
        @Option(help: ArgumentHelp("NAICS two-digit sector, e.g. 52.", valueName: "code"))
        var sector: String?
        @Option(help: ArgumentHelp("Employee band, e.g. 1001-10000.", valueName: "band"))
        var size: String?
        @Option(help: ArgumentHelp("Region: africa, americas-north, americas-latin, asia, europe, oceania, unknown.", valueName: "region"))
        var region: String?
        @Option(help: ArgumentHelp("Actor kind: external, internal, partner, unknown.", valueName: "kind"))
        var actor: String?
        @Option(help: ArgumentHelp("Actor motive (VERIS), e.g. financial.", valueName: "motive"))
        var motive: String?
        @Option(help: ArgumentHelp("An action, category:variety:vector (repeatable), e.g. malware:ransomware:email-attachment.", valueName: "action"))
        var action: [String] = []
        @Option(help: ArgumentHelp("An ATT&CK technique id (repeatable), e.g. T1486.", valueName: "id"))
        var technique: [String] = []
        @Option(help: ArgumentHelp("An asset class (repeatable), e.g. server.", valueName: "asset"))
        var asset: [String] = []
        @Option(help: ArgumentHelp("An attribute (repeatable): confidentiality, integrity, availability.", valueName: "attribute"))
        var attribute: [String] = []
        @Option(help: ArgumentHelp("Who discovered it: internal, external, partner, unknown.", valueName: "who"))
        var discovery: String?
        @Option(help: ArgumentHelp("Dwell time unit, e.g. days.", valueName: "unit"))
        var dwell: String?
        @Option(help: ArgumentHelp("Containment time unit, e.g. hours.", valueName: "unit"))
        var containment: String?
        @Option(help: ArgumentHelp("Loss band: none, under-10k, 10k-100k, 100k-1m, 1m-10m, over-10m, unknown.", valueName: "band"))
        var loss: String?
        @Option(help: ArgumentHelp("Downtime unit, e.g. days.", valueName: "unit"))
        var downtime: String?
        @Option(help: ArgumentHelp("A mitigation, id:stage:effective (repeatable), e.g. M1032:after:yes.", valueName: "mitigation"))
        var mitigation: [String] = []
        @Option(help: ArgumentHelp("Free text; scrubbed before anything leaves.", valueName: "text"))
        var narrative: String?
        @Flag(name: .customLong("share-narrative"), help: "Send the scrubbed narrative with the report.")
        var shareNarrative = false

        @OptionGroup var profileOption: ProfileOption

        var anyFieldFlag: Bool {
            period != nil || sector != nil || size != nil || region != nil || actor != nil || motive != nil || !action.isEmpty
                || !technique.isEmpty || !asset.isEmpty || !attribute.isEmpty || discovery != nil || dwell != nil
                || containment != nil || loss != nil || downtime != nil || !mitigation.isEmpty || narrative != nil || shareNarrative
        }

        func run() async throws {
            let yaml: String
            if let from {
                guard !anyFieldFlag else {
                    throw ValidationError("--from takes the fields from the file; give either --from or field flags, not both")
                }
                let data = from == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: from)
                guard let data else { throw ClientError(.io, "cannot read \(from)") }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw ClientError(.badFile, "\(from == "-" ? "standard input" : from) is not UTF-8 text")
                }
                yaml = try ReportWizard.finish(try ReportWizard.report(partialYAML: text))
            } else if Console.stdinIsTTY && !anyFieldFlag {
                let wizard = ReportWizard(ask: { Console.ask($0) }, say: { Console.err($0) })
                yaml = try ReportWizard.finish(try wizard.run())
            } else {
                var o = NewReportOptions()
                o.period = period
                if let sector { o.sector = sector }
                if let size { o.size = size }
                if let region { o.region = region }
                if let actor { o.actor = actor }
                o.motive = motive
                o.actions = action
                o.techniques = technique
                o.assets = asset
                o.attributes = attribute
                o.discovery = discovery
                o.dwell = dwell
                o.containment = containment
                o.loss = loss
                o.downtime = downtime
                o.mitigations = mitigation
                o.narrative = narrative
                o.shareNarrative = shareNarrative
                yaml = try ReportWizard.finish(try ReportWizard.report(from: o))
            }
            // End with the scrub preview: what the narrative would look like when sent.
            if yaml.contains("narrative:"),
               let choice = try? profileOption.resolve(home: ChathamHome.fromEnvironment(), warnIfMissing: true),
               let checked = try? ReportChecker.check(text: yaml, profile: choice.profile),
               let preview = checked.preview(ansi: isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil) {
                Console.err("narrative preview (redactions marked; sent only with share_narrative: true):")
                for line in preview.split(separator: "\n", omittingEmptySubsequences: false) { Console.err("  " + line) }
            }
            if let output {
                try SecureFile.create(Array(yaml.utf8), at: URL(fileURLWithPath: output))
                Console.note("wrote \(output); check it with: chatham check \(output)")
            } else {
                Console.outBytes(Array(yaml.utf8))
            }
        }
    }
}
