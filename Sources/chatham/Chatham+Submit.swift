import ArgumentParser
import ChathamClient
import Foundation

extension Chatham {
    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal and send reports; print a receipt for each.",
            discussion: """
                For each report: check it (as chatham check), take the credential for its quarter \
                (stored, or fetched once and kept), seal report and credential to the pinned server \
                key, keep the sealed envelope in the outbox, send it, and print its receipt. An \
                envelope that could not be delivered stays in the outbox for chatham outbox flush.

                A narrative that the scrubber changed is sent (scrubbed) only after you confirm: \
                on a terminal you are asked once per batch; otherwise pass --yes.

                Example:
                  chatham submit incident.yaml
                  chatham submit --dry-run reports/*.yaml
                """)

        @OptionGroup var profileOption: ProfileOption

        @Flag(name: .customLong("dry-run"), help: "Check and show what would happen; send nothing, write nothing.")
        var dryRun = false

        @Flag(help: "Send scrubbed narratives without asking.")
        var yes = false

        @Flag(help: "Print the results as JSON: [{\"file\",\"id\",\"status\",\"receipt\",\"error\"}].")
        var json = false

        @Argument(help: ArgumentHelp("Report files (YAML or JSON), - for standard input.", valueName: "report"))
        var reports: [String]

        func validate() throws {
            guard !reports.isEmpty else { throw ValidationError("name at least one report file") }
            guard reports.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("standard input (-) can be read only once") }
        }

        func run() async throws {
            let home = ChathamHome.fromEnvironment()
            var config = try ConfigStore(home: home).load()
            if !dryRun {
                // Follow a sealing-key rotation the pinned signing key vouches for.
                if let moved = try await KeyRotation.follow(config: config, client: ServerClient(baseURL: try config.serverURL())) {
                    try ConfigStore(home: home).save(moved)
                    FileHandle.standardError.write(Data("chatham: note: the server rotated its sealing key; now sealing to \(moved.keyID)\n".utf8))
                    config = moved
                }
            }
            let submitter = try Submitter(config: config, home: home)
            let many = reports.count > 1
            func prefix(_ file: String) -> String { many ? "\(file): " : "" }

            var results: [SubmitResult] = []
            var failed = false

            // 1. Check every report before anything is sent.
            var checked: [(file: String, report: CheckedReport)] = []
            var choice: ProfileChoice?
            for file in reports {
                do {
                    let text = try readInput(file)
                    if choice == nil { choice = try profileOption.resolve(home: home, warnIfMissing: text.contains("narrative")) }
                    checked.append((file, try ReportChecker.check(text: text, profile: choice?.profile)))
                } catch {
                    _ = Console.report(error, prefix: prefix(file))
                    results.append(SubmitResult(file: file, id: nil, status: "invalid", receipt: nil, error: "\(error)"))
                    failed = true
                }
            }

            // 2. Scrubbed narratives leave only with the member's consent.
            let needing = checked.filter { $0.report.needsConfirmation }
            var refused = Set<String>()
            if !needing.isEmpty && !yes && !dryRun {
                if Console.stdinIsTTY && !reports.contains("-") {
                    for item in needing {
                        Console.err("\(item.file): the narrative will be sent as scrubbed:")
                        Console.err("  " + (item.report.report.narrative ?? "").replacingOccurrences(of: "\n", with: "\n  "))
                    }
                    let answer = Console.ask("Send \(needing.count == 1 ? "this scrubbed narrative" : "these \(needing.count) scrubbed narratives")? [y/N] ")
                    if !["y", "yes"].contains((answer ?? "").lowercased()) {
                        refused = Set(needing.map(\.file))
                    }
                } else {
                    refused = Set(needing.map(\.file))
                }
            }

            for item in checked {
                let report = item.report
                let id = report.report.id!
                if refused.contains(item.file) {
                    Console.error("\(prefix(item.file))the scrubber changed the narrative; not sent without confirmation",
                                  hint: "review it with chatham check \(item.file), then submit with --yes (or set share_narrative: false)")
                    results.append(SubmitResult(file: item.file, id: id, status: "not_confirmed", receipt: nil, error: "not confirmed"))
                    failed = true
                    continue
                }
                if dryRun {
                    do {
                        let info = try submitter.dryRun(report)
                        Console.out("\(item.file): ok (dry run) \(id) for \(report.report.period): \(info.envelopeSize) bytes sealed to key \(config.keyID); credential for \(report.epoch) \(info.credentialStored ? "is stored" : "would be fetched")")
                        results.append(SubmitResult(file: item.file, id: id, status: "dry_run", receipt: nil, error: nil))
                    } catch {
                        _ = Console.report(error, prefix: prefix(item.file))
                        results.append(SubmitResult(file: item.file, id: id, status: "failed", receipt: nil, error: "\(error)"))
                        failed = true
                    }
                    continue
                }
                let delivery: Delivery
                do {
                    delivery = try await submitter.submit(report, source: item.file)
                } catch {
                    _ = Console.report(error, prefix: prefix(item.file))
                    results.append(SubmitResult(file: item.file, id: id, status: "failed", receipt: nil, error: "\(error)"))
                    failed = true
                    continue
                }
                results.append(SubmitResult(item.file, id, delivery))
                if !Self.print(delivery, label: item.file, quiet: json) { failed = true }
            }
            if json { Console.outBytes(SubmitResult.json(results) + [0x0A]) }
            if failed { throw ExitCode.failure }
        }

        /// Prints one delivery; returns whether it was delivered.
        static func print(_ delivery: Delivery, label: String, quiet: Bool) -> Bool {
            switch delivery {
            case .accepted(let receipt):
                if !quiet { Console.out("\(label): accepted \(receipt)") }
                return true
            case .duplicate(let receipt):
                if !quiet { Console.out("\(label): duplicate \(receipt)") }
                return true
            case .kept(let error):
                Console.error("\(label): \(error.message)", hint: "kept in the outbox; chatham outbox flush will resend it")
                return false
            case .refused(let error):
                Console.error("\(label): \(error.message)", hint: error.hint)
                return false
            }
        }
    }
}

/// One line of `submit --json` / `outbox flush --json`.
struct SubmitResult: Encodable {
    var file: String
    var id: String?
    var status: String
    var receipt: String?
    var error: String?

    init(file: String, id: String?, status: String, receipt: String?, error: String?) {
        self.file = file
        self.id = id
        self.status = status
        self.receipt = receipt
        self.error = error
    }

    init(_ file: String, _ id: String, _ delivery: Delivery) {
        switch delivery {
        case .accepted(let r): self.init(file: file, id: id, status: "accepted", receipt: r, error: nil)
        case .duplicate(let r): self.init(file: file, id: id, status: "duplicate", receipt: r, error: nil)
        case .kept(let e): self.init(file: file, id: id, status: "kept", receipt: nil, error: e.serverCode ?? e.message)
        case .refused(let e): self.init(file: file, id: id, status: "refused", receipt: nil, error: e.serverCode ?? e.message)
        }
    }

    static func json(_ results: [SubmitResult]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? [UInt8](encoder.encode(results))) ?? []
    }
}
