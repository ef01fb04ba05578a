import ArgumentParser
import ChathamServer
import Foundation

/// `chatham-server`: the operator's tool. Every action works on the data directory; there is no
/// admin API on the network.
@main
struct ChathamServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chatham-server",
        abstract: "Run a chatham aggregation server and manage its members and releases.",
        discussion: """
            Example:
              chatham-server init --data /var/lib/chatham
              chatham-server member add bank-a --data /var/lib/chatham
              chatham-server serve --data /var/lib/chatham --port 8080
            """,
        version: "0.1.0",
        subcommands: [Init.self, Member.self, Serve.self, Release.self, Audit.self, Export.self])

    /// Turns library errors into one clear line and the right exit code.
    static func fail(_ error: Error) -> Never {
        let stderr = FileHandle.standardError
        switch error {
        case let error as ServerError:
            stderr.write(Data("chatham-server: error: \(error.message)\n".utf8))
            if let hint = error.hint { stderr.write(Data("chatham-server: hint: \(hint)\n".utf8)) }
        default:
            stderr.write(Data("chatham-server: error: \(error)\n".utf8))
        }
        Foundation.exit(1)
    }
}

/// The `--data DIR` option every command takes.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The server's data directory (database and keys).")
    var data: String

    var directory: DataDirectory { DataDirectory(path: data) }
}

func printJSON(_ object: Any) {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
    print(String(decoding: data, as: UTF8.self))
}
