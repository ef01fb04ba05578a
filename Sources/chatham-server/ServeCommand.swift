import ArgumentParser
import ChathamDigest
import ChathamServer
import Foundation

extension ChathamServerCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the HTTP server.",
            discussion: """
                Serves /v1 and the web page. Put TLS in front of it (a reverse proxy). Stops gracefully on
                SIGTERM or SIGINT: work in flight is committed and answered first.

                Example:
                  chatham-server serve --data /var/lib/chatham --host 127.0.0.1 --port 8080 --auto-release 7
                """)
        @Option(help: "Address to listen on.") var host = "127.0.0.1"
        @Option(help: "Port to listen on.") var port = 8080
        @Option(help: ArgumentHelp("Release each month automatically this many days after it ends.", valueName: "DAYS"))
        var autoRelease: Int?
        @Option(help: "Days an older sealing key keeps opening submissions after `keys rotate`.")
        var keyGraceDays = 30
        @Flag(help: "Serve Prometheus metrics at /metrics (counts only; no identifying labels).")
        var metrics = false
        @OptionGroup var options: DataOptions

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535") }
            if let autoRelease, !(0...365).contains(autoRelease) { throw ValidationError("--auto-release must be 0–365 days") }
            guard (0...3650).contains(keyGraceDays) else { throw ValidationError("--key-grace-days must be 0–3650") }
        }

        func run() async throws {
            do {
                let directory = try options.directory()
                var configuration = ServerConfiguration(host: host, port: port, data: directory,
                                                        policy: try directory.releasePolicy())
                configuration.autoReleaseDays = autoRelease
                configuration.keyGraceDays = keyGraceDays
                configuration.metricsEnabled = metrics
                let app = try buildApplication(configuration)
                try await app.runService()
            } catch { ChathamServerCommand.fail(error) }
        }
    }

    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List and rotate the server's keys.",
            subcommands: [List.self, Rotate.self, RotateSigning.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List sealing keys with the day each was made and whether it still opens submissions.",
                discussion: "Example:\n  chatham-server keys list --data /var/lib/chatham")
            @Flag(help: "Print JSON.") var json = false
            @OptionGroup var options: DataOptions

            func run() throws {
                do {
                    let keys = try Operator(try options.directory()).sealingKeys()
                    if json {
                        printJSON(keys.map { ["key_id": $0.keyID, "created": $0.created, "active": $0.active] as [String: Any] })
                    } else {
                        for k in keys { print("\(k.keyID)  \(k.created)  \(k.active ? "active" : "retired")") }
                    }
                } catch { ChathamServerCommand.fail(error) }
            }
        }

        struct Rotate: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a new sealing key; older keys keep opening submissions for the grace window.",
                discussion: """
                    Members' CLIs move to the new key on their next submission, because /v1/keys lists it
                    vouched for by the signing key they pinned. Restart the server to serve it.

                    Example:
                      chatham-server keys rotate --data /var/lib/chatham
                    """)
            @OptionGroup var options: DataOptions

            func run() throws {
                do { print(try Operator(try options.directory()).rotateSealingKey()) } catch { ChathamServerCommand.fail(error) }
            }
        }

        struct RotateSigning: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "rotate-signing",
                abstract: "Replace the signing key. Releases name the key that signed them; the old public key is kept for audits.",
                discussion: """
                    Members pinned the old signing key at enrolment: tell them to enrol again and to check the new
                    key (printed here) out of band. Restart the server to serve it.

                    Example:
                      chatham-server keys rotate-signing --data /var/lib/chatham
                    """)
            @OptionGroup var options: DataOptions

            func run() throws {
                do {
                    let key = try Operator(try options.directory()).rotateSigningKey()
                    print(key.bytes.base64)
                } catch { ChathamServerCommand.fail(error) }
            }
        }
    }
}

extension Array where Element == UInt8 {
    var base64: String { Data(self).base64EncodedString() }
}

extension ChathamServerCommand {
    struct Mark: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a release's TLP marking; TLP:CLEAR publishes the web page without sign-in.",
            discussion: """
                The default marking is TLP:GREEN: the web page and digests are for members. Mark a release
                CLEAR only when it may be shared with anyone.

                Example:
                  chatham-server mark --period 2026-10 --tlp clear --data /var/lib/chatham
                """)
        @Option(help: "The month, YYYY-MM.") var period: String
        @Option(help: "clear | green | amber | amber+strict | red") var tlp: String
        @OptionGroup var options: DataOptions

        func validate() throws {
            guard TLPLevel(parsing: tlp) != nil else { throw ValidationError("--tlp must be clear, green, amber, amber+strict or red") }
        }

        func run() throws {
            do {
                let level = TLPLevel(parsing: tlp)!
                try Operator(try options.directory()).mark(period: period, tlp: level)
                print("\(period): \(level.label)")
            } catch { ChathamServerCommand.fail(error) }
        }
    }
}
