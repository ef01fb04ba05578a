import ChathamCrypto
import Foundation
import Synchronization

/// The keys a running server holds: sealing keys by key id, the signing key, and the per-epoch
/// credential keys, made on first use and cached.
public final class ServerKeys: Sendable {
    /// Sealing keys that open submissions now: the newest, and older ones within their grace window.
    public let sealing: [String: BoxKeyPair]
    /// Those keys, newest first, with the day each was made.
    public let sealingList: [(pair: BoxKeyPair, created: String)]
    public let signing: SigningSecretKey
    /// Days an older sealing key keeps opening submissions after a newer one was made.
    public static let defaultGraceDays = 30
    private let directory: DataDirectory
    private let credentialKeys = Mutex<[String: CredentialIssuerKey]>([:])
    private let credentialVerifiers = Mutex<[String: CredentialPublicKey]>([:])
    // Serialises key creation so two requests for a new epoch make one key.
    private let creation = Mutex<Void>(())

    public init(directory: DataDirectory, now: Date = Date(), graceDays: Int = ServerKeys.defaultGraceDays) throws {
        guard directory.isInitialised else {
            throw ServerError("\(directory.url.path) is not a chatham data directory",
                              hint: "run: chatham-server init --data \(directory.url.path)")
        }
        self.directory = directory
        let all = try directory.loadSealingKeys()
        guard !all.isEmpty else { throw ServerError("no sealing key in \(directory.url.path)/keys") }
        // Newest first; a key stays active until `graceDays` after the next newer key was made.
        let today = ServerKeys.day(now)
        var active: [(pair: BoxKeyPair, created: String)] = []
        var newerCreated: String?
        for entry in all.reversed() {
            if let newer = newerCreated, let retire = ServerKeys.day(newer, plusDays: graceDays), retire <= today {
                newerCreated = entry.created
                continue
            }
            active.append(entry)
            newerCreated = entry.created
        }
        sealingList = active
        sealing = Dictionary(uniqueKeysWithValues: active.map { ($0.pair.publicKey.keyID, $0.pair) })
        self.signing = try directory.loadSigningKey()
    }

    /// The credential key of an epoch if it exists (submissions never create one).
    public func credentialKey(epoch: String) throws -> CredentialIssuerKey? {
        if let key = credentialKeys.withLock({ $0[epoch] }) { return key }
        guard let key = try directory.loadCredentialKey(epoch: epoch) else { return nil }
        credentialKeys.withLock { $0[epoch] = key }
        return key
    }

    /// The public half of an epoch's credential key, parsed once, for checking submissions.
    public func credentialVerifier(epoch: String) throws -> CredentialPublicKey? {
        if let verifier = credentialVerifiers.withLock({ $0[epoch] }) { return verifier }
        guard let issuer = try credentialKey(epoch: epoch) else { return nil }
        let verifier = try CredentialPublicKey(derRepresentation: issuer.publicKeyDER)
        credentialVerifiers.withLock { $0[epoch] = verifier }
        return verifier
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

    /// The signing key's statement that a sealing key is the server's: Ed25519 over
    /// "chatham/v1/sealing-key" 0 key_id 0 public key (base64) 0 created. Clients follow a rotation only
    /// when this verifies with the signing key they pinned at enrolment.
    public func vouch(_ pair: BoxKeyPair, created: String) -> String {
        Encoding.base64(signing.sign(sealingKeyStatement(keyID: pair.publicKey.keyID,
                                                         publicKey: Encoding.base64(pair.publicKey.bytes), created: created)))
    }

    /// `YYYY-MM-DD` of a date, in UTC.
    public static func day(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    static func day(_ text: String, plusDays days: Int) -> String? {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.date(from: text).map { day($0.addingTimeInterval(Double(days) * 86400)) }
    }

    /// Epochs that have a credential key, sorted.
    public func credentialEpochs() throws -> [String] {
        try directory.credentialKeyEpochs()
    }
}
