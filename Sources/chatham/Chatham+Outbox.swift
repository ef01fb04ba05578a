import ArgumentParser
import ChathamClient
import Foundation

extension Chatham {
    struct OutboxCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "outbox",
            abstract: "Sealed reports waiting to be delivered.",
            discussion: """
                Example:
                  chatham outbox list
                  chatham outbox flush
                """,
            subcommands: [List.self, Flush.self])
    }
}

extension Chatham.OutboxCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the sealed reports not yet accepted (id, period, size).",
            discussion: """
                Example:
                  chatham outbox list --json
                """)

        @Flag(help: "Print [{\"id\",\"period\",\"size\",\"source\"}].")
        var json = false

        func run() async throws {
            let entries = try Outbox(home: ChathamHome.fromEnvironment()).list()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                Console.outBytes([UInt8](try encoder.encode(entries)) + [0x0A])
                return
            }
            if entries.isEmpty {
                Console.note("the outbox is empty")
                return
            }
            let rows = [["id", "period", "size", "from"]] + entries.map { [$0.id, $0.period, String($0.size), $0.source] }
            var widths = [0, 0, 0, 0]
            for row in rows { for (i, v) in row.enumerated() { widths[i] = max(widths[i], v.count) } }
            for row in rows {
                let size = String(repeating: " ", count: widths[2] - row[2].count) + row[2]
                Console.out([row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0),
                             row[1].padding(toLength: widths[1], withPad: " ", startingAt: 0), size, row[3]].joined(separator: "  "))
            }
        }
    }

    struct Flush: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resend every sealed report in the outbox.",
            discussion: """
                Sends the exact envelope bytes again; the server counts a report once, so resending \
                is always safe. Accepted and refused envelopes leave the outbox; ones that meet a \
                network failure, a 5xx or rate limiting stay.

                Example:
                  chatham outbox flush
                """)

        @Flag(help: "Print the results as JSON: [{\"file\",\"id\",\"status\",\"receipt\",\"error\"}].")
        var json = false

        func run() async throws {
            let home = ChathamHome.fromEnvironment()
            let submitter = try Submitter(config: try ConfigStore(home: home).load(), home: home)
            let results = try await submitter.flush()
            if results.isEmpty && !json { Console.note("the outbox is empty") }
            var failed = false
            for (entry, delivery) in results where !Chatham.Submit.print(delivery, label: entry.id, quiet: json) {
                failed = true
            }
            if json { Console.outBytes(SubmitResult.json(results.map { SubmitResult($0.entry.source, $0.entry.id, $0.delivery) }) + [0x0A]) }
            if failed { throw ExitCode.failure }
        }
    }
}
