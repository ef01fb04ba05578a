import ArgumentParser
import ChathamClient
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The member CLI. The root command is only configuration; each subcommand lives in its own
/// `Chatham+Name.swift` and calls ChathamClient.
struct Chatham: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chatham",
        abstract: "Share security incidents under the Chatham House Rule.",
        discussion: """
            Write an incident report, see exactly what will leave your machine, and submit it sealed \
            and unlinkable to your community's chatham server. Read the published statistics.

            Configuration lives in $CHATHAM_HOME (default ~/.config/chatham).

            Example:
              chatham enrol --server https://isac.example --token chm_member_… --key-id 9003cc31e995a1bd
              chatham check incident.yaml
              chatham submit incident.yaml
            """,
        version: "0.1.0",
        subcommands: [Enrol.self, New.self, Scrub.self, Check.self, Submit.self, OutboxCommand.self,
                      Stats.self, Digest.self, Verify.self]
    )
}

/// Entry point: parses, runs, and turns every failure into `chatham: error: …` with exit 64
/// for usage errors and 1 for the rest.
@main
enum Main {
    static func main() async {
        do {
            var command = try Chatham.parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            exit(Console.report(error))
        }
    }
}
