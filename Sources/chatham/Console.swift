import ArgumentParser
import ChathamClient
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the CLI talks: data on stdout, `chatham: error|warning|hint: …` on stderr.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func outBytes(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func error(_ message: String, hint: String? = nil) {
        err("chatham: error: \(message)")
        if let hint { err("chatham: hint: \(hint)") }
    }

    static func warning(_ message: String) { err("chatham: warning: \(message)") }

    static func note(_ message: String) { err("chatham: \(message)") }

    /// Whether stdin is a terminal (questions can be asked).
    static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }

    /// Asks on stderr, reads one line from stdin; nil at end of input.
    static func ask(_ prompt: String) -> String? {
        FileHandle.standardError.write(Data(prompt.utf8))
        return readLine(strippingNewline: true)
    }

    /// Prints an error and returns the exit status.
    static func report(_ error: Error, prefix: String = "") -> Int32 {
        switch error {
        case let e as ClientError:
            Self.error(prefix + e.message, hint: e.hint)
            return e.exitCode
        case let e as ReportCheckFailure:
            for p in e.problems { Self.error(prefix + p.message, hint: p.hint) }
            return 1
        case let e as ExitCode:
            return e.rawValue
        default:
            let code = Chatham.exitCode(for: error)
            if code == .success {
                Chatham.exit(withError: error)  // --help, --version: printed to stdout, exit 0
            }
            let message = Chatham.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            let cleaned = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
            Self.error(cleaned, hint: "see chatham help, or chatham <command> --help")
            return code.rawValue == 0 ? 1 : code.rawValue
        }
    }
}

/// `--profile FILE`: the member profile the scrubber uses.
struct ProfileOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Member profile to scrub with (default: $CHATHAM_HOME/profile.yaml).", valueName: "file"))
    var profile: String?

    /// The profile, with a warning when there is none.
    func resolve(home: ChathamHome, warnIfMissing: Bool) throws -> ProfileChoice {
        let choice = try ProfileChoice.resolve(explicit: profile.map { URL(fileURLWithPath: $0) }, home: home)
        if choice.profile == nil && warnIfMissing {
            Console.warning("no profile at \(home.profileFile.path): only the generic detectors (e-mail, IP, URL, domain, …) scrub the narrative")
            Console.err("chatham: hint: list your organisation's names, domains, networks and people there; see docs/member.md")
        }
        return choice
    }
}

/// Reads a report or text argument: a file, or stdin for `-`.
func readInput(_ path: String) throws -> String {
    let data: Data
    if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ClientError(.io, "\(path) does not exist")
        }
        guard let d = FileManager.default.contents(atPath: path) else {
            throw ClientError(.io, "could not read \(path)")
        }
        data = d
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw ClientError(.io, "\(path == "-" ? "standard input" : path) is not UTF-8 text")
    }
    return text
}
