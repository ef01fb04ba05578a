import ChathamCrypto
import ChathamDisclosure
import ChathamModel
import ChathamStore
import Foundation

/// The operator's actions on a data directory, for `chatham-server`. No network involved.
public struct Operator {
    let directory: DataDirectory
    let store: AppDatabase

    /// Creates the data directory, its database and its keys; returns the sealing key id.
    public static func initialise(_ directory: DataDirectory) throws -> String {
        let keyID = try directory.initialise()
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

    func releaseService() throws -> ReleaseService {
        ReleaseService(store: store, signing: try directory.loadSigningKey())
    }

    public func release(period: String) throws -> ReleaseDocument {
        try releaseService().publish(period: period)
    }

    /// Findings per stored release, as text.
    public func audit() throws -> [(period: String, findings: [String])] {
        try releaseService().auditAll().map { ($0.period, $0.findings.map(\.description)) }
    }

    /// A digest of a stored release in `format`.
    public func export(period: String, format: String) throws -> [UInt8] {
        guard Period(period) != nil else { throw ServerError("\(period) is not a period", hint: "periods are YYYY-MM") }
        guard let text = try store.release(period: period) else {
            throw ServerError("period \(period) has no release", hint: "run: chatham-server release --period \(period) --data \(directory.url.path)")
        }
        switch format {
        case "json":
            return Array(text.utf8) + [0x0a]
        default:
            throw ServerError("format \(format) is not available yet", hint: "use --format json; csv, md, html and stix come with the digest work")
        }
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
