import ChathamCrypto
import ChathamDigest
import ChathamDisclosure
import ChathamModel
import ChathamStore
import Foundation

/// The operator's actions on a data directory, for `chatham-server`. No network involved.
public struct Operator {
    let directory: DataDirectory
    let store: AppDatabase

    /// Creates the data directory, its database and its keys; returns the sealing key id.
    public static func initialise(_ directory: DataDirectory, now: Date = Date()) throws -> String {
        let keyID = try directory.initialise(today: ServerKeys.day(now))
        _ = try AppDatabase(path: directory.databasePath)
        chmod(directory.databasePath, 0o600)
        return keyID
    }

    public init(_ directory: DataDirectory) throws {
        guard directory.isInitialised else {
            throw ServerError("\(directory.url.path) is not a chatham data directory",
                              hint: "run: chatham-server init --data \(directory.url.path)")
        }
        self.directory = directory
        store = try AppDatabase(path: directory.databasePath)
    }

    /// Enrols a member; returns its token, which is not stored.
    public func addMember(label: String) throws -> String {
        let token = MemberToken.generate()
        do {
            _ = try store.addMember(label: label, tokenHash: MemberToken.hash(token))
        } catch let error as StoreError {
            throw ServerError(error.message, hint: error.code == .duplicateMember ? "choose another label" : nil)
        }
        return token
    }

    public func members() throws -> [MemberRecord] { try store.members() }

    public func revokeMember(label: String) throws {
        do { try store.revokeMember(label: label) } catch let error as StoreError {
            throw ServerError(error.message, hint: "see: chatham-server member list --data \(directory.url.path)")
        }
    }

    /// Adds a new sealing key; older ones keep opening submissions for the grace window.
    public func rotateSealingKey(now: Date = Date()) throws -> String {
        try directory.addSealingKey(today: ServerKeys.day(now))
    }

    /// Replaces the signing key; returns the new public key.
    public func rotateSigningKey(now: Date = Date()) throws -> SigningPublicKey {
        try directory.rotateSigningKey(today: ServerKeys.day(now))
    }

    /// Every sealing key with its day, and whether it still opens submissions.
    public func sealingKeys(now: Date = Date(), graceDays: Int = ServerKeys.defaultGraceDays) throws -> [(keyID: String, created: String, active: Bool)] {
        let active = try ServerKeys(directory: directory, now: now, graceDays: graceDays).sealing
        return try directory.loadSealingKeys().reversed().map {
            ($0.pair.publicKey.keyID, $0.created, active[$0.pair.publicKey.keyID] != nil)
        }
    }

    /// Marks a stored release with a TLP level; TLP:CLEAR makes `GET /` show it without sign-in.
    public func mark(period: String, tlp: TLPLevel) throws {
        do { try store.setReleaseMarking(period: period, tlp: tlp.rawValue) } catch let error as StoreError {
            throw ServerError(error.message, hint: "see: chatham-server release --period \(period)")
        }
    }

    func releaseService() throws -> ReleaseService {
        var service = ReleaseService(store: store, signing: try directory.loadSigningKey(), policy: try directory.releasePolicy())
        service.retiredSigningKeys = try directory.retiredSigningKeys()
        return service
    }

    public func release(period: String) throws -> ReleaseDocument {
        try releaseService().publish(period: period)
    }

    /// Findings per stored release, as text.
    public func audit() throws -> [(period: String, findings: [String])] {
        try releaseService().auditAll().map { ($0.period, $0.findings.map(\.description)) }
    }

    /// A digest of a stored release in `format` with its detached signature (Ed25519 over the
    /// file's exact bytes; the `.sig` file's contents). `tlp` marks Markdown, HTML and STIX.
    public func export(period: String, format: String, tlp: String = "green") throws -> DigestWriter.Signed {
        guard Period(period) != nil else { throw ServerError("\(period) is not a period", hint: "periods are YYYY-MM") }
        guard let digestFormat = DigestFormat(rawValue: format) else {
            throw ServerError("\(format) is not a digest format", hint: "use one of " + DigestFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let level = TLPLevel(parsing: tlp) else {
            throw ServerError("\(tlp) is not a TLP 2.0 level", hint: "use clear, green, amber, amber+strict or red")
        }
        let service = DigestService(store: store, signing: try directory.loadSigningKey())
        guard let signed = try service.digest(period: period, format: digestFormat, tlp: level) else {
            throw ServerError("period \(period) has no release", hint: "run: chatham-server release --period \(period) --data \(directory.url.path)")
        }
        return signed
    }
}

extension ReleaseDocument {
    /// Indented JSON with sorted keys, for people. The signature covers the canonical form, so
    /// re-indenting does not break verification.
    public func prettyJSON() throws -> [UInt8] {
        let object = try JSONSerialization.jsonObject(with: Data(try canonicalJSON()))
        return [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
    }
}
