import ArgumentParser
import ChathamClient
import Foundation

extension Chatham {
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show published statistics.",
            discussion: """
                Fetches a release (the latest by default), verifies its signature against the key \
                pinned at enrolment, and prints its tables. Suppressed figures show as –.

                Example:
                  chatham stats
                  chatham stats --period 2026-10 --table action-by-sector
                  chatham stats --json
                """)

        @Option(help: ArgumentHelp("Period to show, YYYY-MM (default: the latest release).", valueName: "period"))
        var period: String?

        @Option(help: ArgumentHelp("Show only this table (repeatable).", valueName: "name"))
        var table: [String] = []

        @Flag(help: "Print {\"period\",\"policy\",\"tables\"} as JSON (suppressed counts are null).")
        var json = false

        func run() async throws {
            let config = try ConfigStore(home: ChathamHome.fromEnvironment()).load()
            let fetched = try await ReleaseReader(config: config).fetch(period: period)
            var names: Set<String>?
            if !table.isEmpty {
                let known = fetched.document.tables.map(\.name)
                for name in table where !known.contains(name) {
                    throw ClientError(.usage, "the release of \(fetched.document.period) has no table \"\(name)\"",
                                      hint: "tables: " + known.joined(separator: ", "))
                }
                names = Set(table)
            }
            if json {
                Console.outBytes(try StatsRenderer.json(fetched.document, tables: names) + [0x0A])
            } else {
                Console.outBytes(Array(StatsRenderer.render(fetched.document, tables: names).utf8))
            }
        }
    }

    struct Digest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a digest of a release.",
            discussion: """
                Writes the release document, verified against the pinned signing key, as signed \
                JSON that anyone can check with chatham verify. CSV, Markdown, HTML and STIX digests \
                are not available yet.

                Example:
                  chatham digest --period 2026-10 --format json --output digest-2026-10.json
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json, csv, md, html, stix
        }

        @Option(help: ArgumentHelp("Period, YYYY-MM (default: the latest release).", valueName: "period"))
        var period: String?

        @Option(help: ArgumentHelp("json (csv, md, html and stix come later).", valueName: "format"))
        var format: Format = .json

        @Option(help: ArgumentHelp("File to write (default: standard output).", valueName: "file"))
        var output: String?

        func run() async throws {
            guard format == .json else {
                throw ClientError(.notAvailable, "format \(format.rawValue) is not available yet",
                                  hint: "use --format json; the other formats come in a later version")
            }
            let config = try ConfigStore(home: ChathamHome.fromEnvironment()).load()
            let fetched = try await ReleaseReader(config: config).fetch(period: period)
            var bytes = fetched.bytes
            if bytes.last != 0x0A { bytes.append(0x0A) }
            if let output {
                do {
                    try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw ClientError(.io, "could not write \(output)")
                }
                Console.note("wrote the signed release of \(fetched.document.period) to \(output)")
            } else {
                Console.outBytes(bytes)
            }
        }
    }
}
