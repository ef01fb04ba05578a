import Foundation

/// The member's configuration home, `$CHATHAM_HOME` or `~/.config/chatham`, and the files in
/// it. Everything in it stays on the member's machine except what `submit` seals.
///
/// ```
/// config.json              0600  server, token, pinned key id and keys
/// profile.yaml                   what identifies the member (read, never written)
/// credentials/<epoch>.json 0600  one membership credential per epoch
/// credential-keys.json     0600  the first credential key seen per epoch (pinned)
/// outbox/<report-id>.json  0600  sealed envelopes not yet accepted
/// ```
public struct ChathamHome: Sendable, Equatable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// `$CHATHAM_HOME` if set and non-empty, else `~/.config/chatham`.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> ChathamHome {
        if let path = env["CHATHAM_HOME"], !path.isEmpty {
            return ChathamHome(url: URL(fileURLWithPath: path, isDirectory: true))
        }
        let home = env["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return ChathamHome(url: home.appendingPathComponent(".config/chatham", isDirectory: true))
    }

    public var configFile: URL { url.appendingPathComponent("config.json") }
    public var profileFile: URL { url.appendingPathComponent("profile.yaml") }
    public var credentialsDirectory: URL { url.appendingPathComponent("credentials", isDirectory: true) }
    public var credentialKeysFile: URL { url.appendingPathComponent("credential-keys.json") }
    public var outboxDirectory: URL { url.appendingPathComponent("outbox", isDirectory: true) }

    /// Creates the home (0700) if missing.
    public func ensureExists() throws {
        try SecureFile.ensureDirectory(url)
    }
}
