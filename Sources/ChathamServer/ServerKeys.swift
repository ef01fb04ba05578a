import ChathamCrypto
import Foundation
import Synchronization

/// The keys a running server holds: sealing keys by key id, the signing key, and the per-epoch
/// credential keys, made on first use and cached.
public final class ServerKeys: Sendable {
    public let sealing: [String: BoxKeyPair]
    public let signing: SigningSecretKey
    private let directory: DataDirectory
    private let credentialKeys = Mutex<[String: CredentialIssuerKey]>([:])
    // Serialises key creation so two requests for a new epoch make one key.
    private let creation = Mutex<Void>(())

    public init(directory: DataDirectory) throws {
        guard directory.isInitialised else {
            throw ServerError("\(directory.url.path) is not a chatham data directory",
                              hint: "run: chatham-server init --data \(directory.url.path)")
        }
        self.directory = directory
        var sealing: [String: BoxKeyPair] = [:]
        for pair in try directory.loadSealingKeys() { sealing[pair.publicKey.keyID] = pair }
        guard !sealing.isEmpty else { throw ServerError("no sealing key in \(directory.url.path)/keys") }
        self.sealing = sealing
        self.signing = try directory.loadSigningKey()
    }

    /// The credential key of an epoch if it exists (submissions never create one).
    public func credentialKey(epoch: String) throws -> CredentialIssuerKey? {
        if let key = credentialKeys.withLock({ $0[epoch] }) { return key }
        guard let key = try directory.loadCredentialKey(epoch: epoch) else { return nil }
        credentialKeys.withLock { $0[epoch] = key }
        return key
    }

    /// The credential key of an epoch, made now if it does not exist yet.
    public func credentialKeyCreatingIfNeeded(epoch: String) throws -> CredentialIssuerKey {
        if let key = try credentialKey(epoch: epoch) { return key }
        return try creation.withLock { _ in
            if let key = try credentialKey(epoch: epoch) { return key }
            let key = try directory.createCredentialKey(epoch: epoch)
            credentialKeys.withLock { $0[epoch] = key }
            return key
        }
    }

    /// The day a sealing key was made (its file's date), `YYYY-MM-DD`.
    public func created(keyID: String) -> String {
        let path = directory.sealingKeyPath(keyID: keyID)
        let date = (try? FileManager.default.attributesOfItem(atPath: path)[.creationDate] as? Date)
            ?? (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
        return String(ISO8601DateFormatter().string(from: date).prefix(10))
    }

    /// Epochs that have a credential key, sorted.
    public func credentialEpochs() throws -> [String] {
        try directory.credentialKeyEpochs()
    }
}
