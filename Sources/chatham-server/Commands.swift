import ArgumentParser
import ChathamServer
import Foundation

extension ChathamServerCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a data directory: database, sealing, signing and credential keys.",
            discussion: "Prints the sealing key id that members pin with `chatham enrol --key-id`.\n\nExample:\n  chatham-server init --data /var/lib/chatham")
        @OptionGroup var options: DataOptions

        func run() throws {
            do {
                let keyID = try Operator.initialise(try options.directory())
                print(keyID)
            } catch { ChathamServerCommand.fail(error) }
        }
    }

    struct Member: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enrol, list and revoke members.",
            subcommands: [Add.self, List.self, Revoke.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Enrol a member and print its token once.",
                discussion: "The token is shown only now; the server keeps only its hash.\n\nExample:\n  chatham-server member add bank-a --data /var/lib/chatham --json")
            @Argument(help: "A label for the member, for the operator only (1–100 characters).") var label: String
            @Flag(help: "Print {\"member\":…,\"token\":…}.") var json = false
            @OptionGroup var options: DataOptions

            func validate() throws {
                guard (1...100).contains(label.count), !label.contains(where: \.isNewline) else {
                    throw ValidationError("the label must be 1–100 characters on one line")
                }
            }

            func run() throws {
                do {
                    let token = try Operator(try options.directory()).addMember(label: label)
                    if json { printJSON(["member": label, "token": token]) } else {
                        print("member: \(label)\ntoken:  \(token)\nGive the token to the member over a private channel; it is not shown again.")
                    }
                } catch { ChathamServerCommand.fail(error) }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List members with the last epoch a credential was issued (never activity times).",
                discussion: "Example:\n  chatham-server member list --data /var/lib/chatham")
            @Flag(help: "Print JSON.") var json = false
            @OptionGroup var options: DataOptions

            func run() throws {
                do {
                    let members = try Operator(try options.directory()).members()
                    if json {
                        printJSON(members.map { ["member": $0.label, "revoked": $0.revoked, "last_credential_epoch": $0.lastIssuedEpoch ?? NSNull()] as [String: Any] })
                    } else {
                        let width = max(6, members.map(\.label.count).max() ?? 0)
                        print("member".padding(toLength: width, withPad: " ", startingAt: 0) + "  status   last credential")
                        for m in members {
                            print(m.label.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                                  + (m.revoked ? "revoked" : "active ").padding(toLength: 7, withPad: " ", startingAt: 0) + "  "
                                  + (m.lastIssuedEpoch ?? "—"))
                        }
                    }
                } catch { ChathamServerCommand.fail(error) }
            }
        }

        struct Revoke: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Revoke a member: issuance and reading stop at once, submissions at the next epoch.",
                discussion: "Example:\n  chatham-server member revoke bank-a --data /var/lib/chatham")
            @Argument(help: "The member's label.") var label: String
            @OptionGroup var options: DataOptions

            func run() throws {
                do {
                    try Operator(try options.directory()).revokeMember(label: label)
                    print("revoked \(label)")
                } catch { ChathamServerCommand.fail(error) }
            }
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute, protect, audit, sign and store a period's release; the period then takes no more reports.",
            discussion: "Example:\n  chatham-server release --period 2026-10 --data /var/lib/chatham")
        @Option(help: "The month, YYYY-MM.") var period: String
        @Flag(help: "Print the release document.") var json = false
        @OptionGroup var options: DataOptions

        func run() throws {
            do {
                let document = try Operator(try options.directory()).release(period: period)
                if json {
                    print(String(decoding: try document.prettyJSON(), as: UTF8.self))
                } else {
                    let cells = document.tables.flatMap(\.cells)
                    let published = cells.filter { $0.status == .published }.count
                    print("released \(period): \(document.tables.count) tables, \(published) cells published, \(cells.count - published) suppressed")
                }
            } catch { ChathamServerCommand.fail(error) }
        }
    }

    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-check every stored release; exit 1 on any finding.",
            discussion: "Example:\n  chatham-server audit --data /var/lib/chatham")
        @Flag(help: "Print findings as JSON.") var json = false
        @OptionGroup var options: DataOptions

        func run() throws {
            let results: [(period: String, findings: [String])]
            do {
                results = try Operator(try options.directory()).audit()
            } catch { ChathamServerCommand.fail(error) }
            if json {
                printJSON(results.map { ["period": $0.period, "findings": $0.findings] as [String: Any] })
            } else {
                for r in results {
                    print(r.findings.isEmpty ? "\(r.period): ok" : "\(r.period): \(r.findings.count) finding(s)")
                    for f in r.findings { print("  - \(f)") }
                }
                if results.isEmpty { print("no releases to audit") }
            }
            if results.contains(where: { !$0.findings.isEmpty }) { throw ExitCode(1) }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a signed digest of a release.",
            discussion: """
                Formats: json (the signed release document), csv (RFC 4180, one row per cell), md \
                (Markdown), html (one self-contained file with SVG charts), stix (a STIX 2.1 bundle). \
                With --output FILE the detached signature goes to FILE.sig: Ed25519 over the file's \
                exact bytes, base64. Markdown, HTML and STIX carry a TLP 2.0 marking (default green).

                Example:
                  chatham-server export --period 2026-10 --format html --output digest-2026-10.html --data /var/lib/chatham
                  chatham-server export --period 2026-10 --format stix --tlp amber --output digest.stix.json --data /var/lib/chatham
                """)
        @Option(help: "The month, YYYY-MM.") var period: String
        @Option(help: "json | csv | md | html | stix") var format: String
        @Option(help: "Write here instead of standard output; the signature goes to FILE.sig.") var output: String?
        @Option(help: "TLP 2.0 marking: clear | green | amber | amber+strict | red.") var tlp: String = "green"
        @Option(help: "Write the detached signature here (default: the output file with .sig added).") var signature: String?
        @OptionGroup var options: DataOptions

        func validate() throws {
            guard ["json", "csv", "md", "html", "stix"].contains(format) else {
                throw ValidationError("--format must be one of json, csv, md, html, stix")
            }
            guard ["clear", "green", "amber", "amber+strict", "red", "white"].contains(tlp.lowercased().replacingOccurrences(of: "tlp:", with: "")) else {
                throw ValidationError("--tlp must be one of clear, green, amber, amber+strict, red")
            }
        }

        func run() throws {
            do {
                let signed = try Operator(try options.directory()).export(period: period, format: format, tlp: tlp)
                if let output {
                    try Data(signed.bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
                    try Data(signed.signature).write(to: URL(fileURLWithPath: signature ?? output + ".sig"), options: .atomic)
                } else {
                    FileHandle.standardOutput.write(Data(signed.bytes))
                    if let signature {
                        try Data(signed.signature).write(to: URL(fileURLWithPath: signature), options: .atomic)
                    }
                }
            } catch { ChathamServerCommand.fail(error) }
        }
    }
}
