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
        subcommands: [Init.self, Member.self, Keys.self, Serve.self, Release.self, Mark.self, Audit.self, Export.self])

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

/// The `--data DIR` option every command takes, and the passphrase of encrypted key files.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The server's data directory (database and keys).")
    var data: String

    @Option(name: .long, help: ArgumentHelp("A file whose first line is the passphrase that encrypts the key files (or set CHATHAM_PASSPHRASE).", valueName: "FILE"))
    var passphraseFile: String?

    /// The data directory with its passphrase, from --passphrase-file or CHATHAM_PASSPHRASE.
    func directory() throws -> DataDirectory {
        var passphrase = ProcessInfo.processInfo.environment["CHATHAM_PASSPHRASE"]
        if let passphraseFile {
            guard let text = try? String(contentsOfFile: passphraseFile, encoding: .utf8),
                  let line = text.split(separator: "\n", omittingEmptySubsequences: false).first, !line.isEmpty else {
                throw ServerError("cannot read a passphrase from \(passphraseFile)", hint: "the file's first line is the passphrase")
            }
            passphrase = String(line)
        }
        if let p = passphrase, p.count < 12 {
            throw ServerError("the passphrase is too short", hint: "use at least 12 characters")
        }
        return DataDirectory(path: data, passphrase: passphrase)
    }
}

func printJSON(_ object: Any) {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
    print(String(decoding: data, as: UTF8.self))
}
