import ArgumentParser
import ChathamClient
import ChathamDigest
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Chatham {
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show published statistics.",
            discussion: """
                Fetches a release (the latest by default), verifies its signature against the key \
                pinned at enrolment, and prints its tables with bars and, for one-dimensional \
                tables, the share x/n (Unknown left out of n). Suppressed figures show as –. \
                Filters only select published cells; they never compute new figures.

                Example:
                  chatham stats
                  chatham stats --period 2026-10 --table action-by-sector
                  chatham stats --where victim.sector=52
                  chatham stats --json
                """)

        @Option(help: ArgumentHelp("Period to show, YYYY-MM (default: the latest release).", valueName: "period"))
        var period: String?

        @Option(help: ArgumentHelp("Show only this table (repeatable).", valueName: "name"))
        var table: [String] = []

        @Option(name: .customLong("where"),
                help: ArgumentHelp("Show only cells whose dimension has this value, e.g. victim.sector=52 (repeatable).", valueName: "dimension=value"))
        var conditions: [String] = []

        @Flag(help: "Print {\"period\",\"policy\",\"tables\"} as JSON (suppressed counts are null).")
        var json = false

        @Flag(inversion: .prefixedNo, help: "Colour the output (default: only on a terminal, and never with NO_COLOR set).")
        var colour: Bool?

        func validate() throws {
            for c in conditions where StatsFilter.parseCondition(c) == nil {
                throw ValidationError("--where takes dimension=value, e.g. victim.sector=52; got \"\(c)\"")
            }
        }

        func run() async throws {
            let config = try ConfigStore(home: ChathamHome.fromEnvironment()).load()
            let fetched = try await ReleaseReader(config: config).fetch(period: period)
            let document = fetched.document
            var filter = StatsFilter()
            if !table.isEmpty {
                let known = document.tables.map(\.name)
                for name in table where !known.contains(name) {
                    throw ClientError(.usage, "the release of \(document.period) has no table \"\(name)\"",
                                      hint: "tables: " + known.joined(separator: ", "))
                }
                filter.tables = Set(table)
            }
            let dimensions = Set(document.tables.flatMap(\.dimensions))
            for c in conditions {
                let (d, v) = StatsFilter.parseCondition(c)!
                guard dimensions.contains(d) else {
                    throw ClientError(.usage, "no table of \(document.period) has the dimension \"\(d)\"",
                                      hint: "dimensions: " + dimensions.sorted().joined(separator: ", "))
                }
                filter.values[d] = v
            }
            if json {
                Console.outBytes(try StatsRenderer.json(document, filter: filter) + [0x0A])
            } else {
                let env = ProcessInfo.processInfo.environment
                let useColour = colour ?? (isatty(STDOUT_FILENO) == 1 && env["NO_COLOR"].map(\.isEmpty) ?? true && env["TERM"] != "dumb")
                Console.outBytes(Array(StatsRenderer.renderTerminal(document, filter: filter, style: .init(colour: useColour)).utf8))
            }
        }
    }

    struct Digest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a signed digest of a release.",
            discussion: """
                Fetches the digest the server renders (json, csv, md, html or stix), checks its \
                detached signature against the signing key pinned at enrolment (and for json the \
                embedded one), then writes it. With --output FILE the signature goes to FILE.sig, \
                so anyone can check the file later with chatham verify FILE.

                Example:
                  chatham digest --period 2026-10 --format html --output digest-2026-10.html
                  chatham digest --format stix --tlp amber --output digest.stix.json
                  chatham digest --format csv > digest.csv
                """)

        @Option(help: ArgumentHelp("Period, YYYY-MM (default: the latest release).", valueName: "period"))
        var period: String?

        @Option(help: ArgumentHelp("json | csv | md | html | stix.", valueName: "format"))
        var format: DigestFormat = .json

        @Option(help: ArgumentHelp("TLP 2.0 marking of md, html and stix: clear, green, amber, amber+strict, red (default green).", valueName: "level"))
        var tlp: String?

        @Option(help: ArgumentHelp("File to write (default: standard output); the signature goes to FILE.sig.", valueName: "file"))
        var output: String?

        func validate() throws {
            if let tlp, TLPLevel(parsing: tlp) == nil {
                throw ValidationError("--tlp must be one of clear, green, amber, amber+strict, red")
            }
        }

        func run() async throws {
            let config = try ConfigStore(home: ChathamHome.fromEnvironment()).load()
            let fetched = try await DigestFetcher(config: config).fetch(period: period, format: format, tlp: tlp.flatMap(TLPLevel.init(parsing:)))
            if let output {
                do {
                    try Data(fetched.bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
                    try Data(fetched.signature).write(to: URL(fileURLWithPath: output + ".sig"), options: .atomic)
                } catch {
                    throw ClientError(.io, "could not write \(output) and \(output).sig")
                }
                Console.note("wrote the signed \(format.rawValue) digest of \(fetched.period) to \(output) (signature: \(output).sig)")
            } else {
                Console.outBytes(fetched.bytes)
            }
        }
    }
}

extension DigestFormat: ExpressibleByArgument {}
