import ArgumentParser
import ChathamClient
import Foundation

extension Chatham {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show exactly what a report would send.",
            discussion: """
                Reads a report (YAML or JSON), adds a random id if it has none, refuses exact values \
                that must be banded, scrubs the narrative, validates every field, and prints the \
                report exactly as it would be sealed (canonical JSON; pretty for people, the exact \
                bytes with --json). What was redacted is summarised on standard error. The narrative \
                is sent only when share_narrative is true. Nothing is written or sent.

                Example:
                  chatham check incident.yaml
                  chatham check --json incident.yaml | sha256sum
                """)

        @OptionGroup var profileOption: ProfileOption

        @Flag(help: "Print the canonical JSON bytes that would be sealed, nothing else on standard output.")
        var json = false

        @Argument(help: ArgumentHelp("Report file (YAML or JSON), - for standard input.", valueName: "report"))
        var report: String

        func run() async throws {
            let home = ChathamHome.fromEnvironment()
            let text = try readInput(report)
            let choice = try profileOption.resolve(home: home, warnIfMissing: text.contains("narrative"))
            let checked = try ReportChecker.check(text: text, profile: choice.profile)
            if json {
                Console.outBytes(checked.canonicalJSON + [0x0A])
            } else {
                Console.out(checked.prettyJSON)
            }
            for line in checked.summary() { Console.err(line) }
            if let preview = checked.preview(ansi: isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil) {
                Console.err("preview (redactions marked):")
                for line in preview.split(separator: "\n", omittingEmptySubsequences: false) { Console.err("  " + line) }
            }
            if checked.needsConfirmation {
                Console.err("submit will ask you to confirm the scrubbed narrative (or take --yes)")
            }
        }
    }
}
