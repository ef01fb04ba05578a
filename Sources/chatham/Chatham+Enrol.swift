import ArgumentParser
import ChathamClient
import Foundation

extension Chatham {
    struct Enrol: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pin the server's keys and store your member token.",
            discussion: """
                Fetches /v1/keys and refuses unless the server lists a sealing key with the id your \
                operator gave you (and that key really hashes to it). Stores server, token and keys \
                in $CHATHAM_HOME/config.json, mode 0600.

                Example:
                  chatham enrol --server https://isac.example --token chm_member_… --key-id 9003cc31e995a1bd
                  printf '%s' "$TOKEN" | chatham enrol --server https://isac.example --token - --key-id 9003cc31e995a1bd
                """)

        @Option(help: ArgumentHelp("The server's base URL.", valueName: "url"))
        var server: String

        @Option(help: ArgumentHelp("Your member token, or - to read it from standard input (keeps it out of shell history).", valueName: "token"))
        var token: String

        @Option(name: .customLong("key-id"), help: ArgumentHelp("The sealing key id your operator gave you (16 hex digits).", valueName: "id"))
        var keyID: String

        func run() async throws {
            var token = self.token
            if token == "-" {
                token = (readLine(strippingNewline: true) ?? "").trimmingCharacters(in: .whitespaces)
            }
            let home = ChathamHome.fromEnvironment()
            let existed = ConfigStore(home: home).exists
            let config = try await Enrolment.enrol(server: server, token: token, keyID: keyID, home: home)
            if existed { Console.note("replaced the earlier config") }
            if config.server.hasPrefix("http://"), let host = URL(string: config.server)?.host,
               !["localhost", "127.0.0.1", "::1"].contains(host) {
                Console.warning("\(config.server) is not TLS: reports are sealed regardless, but your token and the statistics cross the network in the clear")
            }
            Console.out("enrolled with \(config.server), sealing key \(config.keyID)")
            Console.out("config: \(home.configFile.path)")
        }
    }
}
