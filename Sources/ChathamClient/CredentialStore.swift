import ChathamCrypto
import ChathamModel
import Foundation

/// The member's credentials, one per epoch, in `credentials/<epoch>.json` (0600), and the
/// credential key first seen for each epoch.
///
/// A credential is a bearer secret for its epoch and cannot be issued twice, so it is written
/// before it is used and never overwritten by a different one.
public struct CredentialStore: Sendable {
    public let home: ChathamHome

    public init(home: ChathamHome) { self.home = home }

    func file(_ epoch: Epoch) -> URL {
        home.credentialsDirectory.appendingPathComponent("\(epoch).json")
    }

    /// The stored credential for `epoch`, if any.
    public func credential(for epoch: Epoch) throws -> Credential? {
        let url = file(epoch)
        guard let bytes = try SecureFile.read(url) else { return nil }
        try SecureFile.requirePrivate(url)
        guard let credential = try? JSONDecoder().decode(Credential.self, from: Data(bytes)),
              credential.epoch == epoch.description,
              credential.message.count == Credential.preparedMessageLength else {
            throw ClientError(.badFile, "\(url.path) is not a credential for \(epoch)",
                              hint: "restore it from a backup; a credential cannot be issued twice")
        }
        return credential
    }

    /// Stores a credential (0600). Refuses to replace a different stored one: losing it would
    /// lose the epoch.
    public func save(_ credential: Credential) throws {
        guard let epoch = Epoch(credential.epoch) else {
            throw ClientError(.badFile, "credential has a malformed epoch \"\(credential.epoch)\"")
        }
        if let existing = try self.credential(for: epoch), existing != credential {
            throw ClientError(.io, "a different credential for \(epoch) is already stored at \(file(epoch).path)")
        }
        try home.ensureExists()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = [UInt8](try encoder.encode(credential))
        bytes.append(0x0A)
        try SecureFile.write(bytes, to: file(epoch))
    }

    /// The epochs with a stored credential, oldest first.
    public func epochs() -> [Epoch] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: home.credentialsDirectory.path)) ?? []
        return names.compactMap { name in
            name.hasSuffix(".json") ? Epoch(String(name.dropLast(5))) : nil
        }.sorted()
    }

    // MARK: - Credential key pinning

    /// Checks `der`, the credential key the server serves for `epoch`, against the first one
    /// seen for that epoch, and pins it if it is the first. A server that hands each member
    /// its own key could tell members' reports apart; pinning makes it unable to switch keys
    /// on a member mid-epoch. Returns the key's SHA-256 fingerprint (hex), which members can
    /// compare with each other.
    @discardableResult
    public func pinCredentialKey(_ der: [UInt8], for epoch: Epoch) throws -> String {
        let fingerprint = Encoding.hex(SHA256Digest.of(der))
        var pins = try loadPins()
        if let pinned = pins[epoch.description] {
            guard pinned == fingerprint else {
                throw ClientError(.untrustedServer,
                                  "the server's credential key for \(epoch) differs from the one it served before",
                                  hint: "do not submit; tell your operator and compare key fingerprints with other members")
            }
            return fingerprint
        }
        pins[epoch.description] = fingerprint
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try home.ensureExists()
        try SecureFile.write([UInt8](try encoder.encode(pins)) + [0x0A], to: home.credentialKeysFile)
        return fingerprint
    }

    private func loadPins() throws -> [String: String] {
        guard let bytes = try SecureFile.read(home.credentialKeysFile) else { return [:] }
        guard let pins = try? JSONDecoder().decode([String: String].self, from: Data(bytes)) else {
            throw ClientError(.badFile, "\(home.credentialKeysFile.path) is not a map of epoch to key fingerprint")
        }
        return pins
    }
}
