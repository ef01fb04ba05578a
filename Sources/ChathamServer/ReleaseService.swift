import ChathamCrypto
import ChathamDisclosure
import ChathamModel
import ChathamStore
import Foundation

/// Computes, protects, audits, signs and stores releases, and re-audits stored ones.
public struct ReleaseService: Sendable {
    let store: any ChathamRepository
    let signing: SigningSecretKey
    let policy: DisclosurePolicy

    public init(store: any ChathamRepository, signing: SigningSecretKey, policy: DisclosurePolicy = .standard) {
        self.store = store
        self.signing = signing
        self.policy = policy
    }

    /// The protected, unsigned release of a period, from the reports stored now.
    public func compute(period: String) throws -> ReleaseDocument {
        let reports = try store.reports(period: period)
        var index: [String: Int32] = [:]
        let contributors = reports.map { r -> Int32 in
            if let i = index[r.pseudonym] { return i }
            let i = Int32(index.count)
            index[r.pseudonym] = i
            return i
        }
        let tables = try Catalogue.tables.map { entry -> ReleaseDocument.Table in
            let observations = zip(reports, contributors).map { r, c in Observation(contributor: c, tuples: entry.project(r)) }
            let protected = try Disclosure.protect(spec: entry.spec, observations: observations, policy: policy)
            return ReleaseDocument.Table(
                name: entry.spec.name,
                dimensions: entry.spec.dimensions,
                multiValued: entry.spec.dimensions.filter { entry.spec.multiValued.contains($0) },
                cells: protected.cells.map { cell in
                    ReleaseDocument.Cell(
                        key: Dictionary(uniqueKeysWithValues: zip(entry.spec.dimensions, cell.key)),
                        count: cell.published ? cell.count : nil,
                        status: cell.published ? .published : .suppressed)
                })
        }
        return ReleaseDocument(
            period: period,
            policy: .init(minContributors: policy.minContributors,
                          dominance: .init(n: policy.dominanceN, k: policy.dominanceK)),
            tables: tables)
    }

    /// Computes the period's release, audits it, signs it and stores it, which closes the period.
    public func publish(period: String) throws -> ReleaseDocument {
        guard Period(period) != nil else { throw ServerError("\(period) is not a period", hint: "periods are YYYY-MM, e.g. 2026-10") }
        if try store.isClosed(period: period) {
            throw ServerError("period \(period) has been released already", hint: "releases are final; see: chatham-server export --period \(period)")
        }
        var document = try compute(period: period)
        let findings = try audit(document: document)
        guard findings.isEmpty else {
            throw ServerError("the release of \(period) failed its audit: " + findings.map(\.description).joined(separator: "; "))
        }
        document.sign(with: signing)
        let text = String(decoding: try document.canonicalJSON(), as: UTF8.self)
        do {
            try store.storeRelease(period: period, document: text)
        } catch let error as StoreError where error.code == .periodClosed {
            throw ServerError(error.message)
        }
        return document
    }

    /// Re-checks one release document against the stored reports: exact counts, threshold and
    /// dominance of every published cell, and the secondary-suppression rule.
    public func audit(document: ReleaseDocument) throws -> [AuditFinding] {
        let reports = try store.reports(period: document.period)
        var index: [String: Int32] = [:]
        let contributors = reports.map { r -> Int32 in
            if let i = index[r.pseudonym] { return i }
            let i = Int32(index.count)
            index[r.pseudonym] = i
            return i
        }
        var findings: [AuditFinding] = []
        let names = Set(document.tables.map(\.name))
        for entry in Catalogue.tables where !names.contains(entry.spec.name) {
            findings.append(AuditFinding(code: .missingCell, table: entry.spec.name, key: nil, dimension: nil, message: "table \(entry.spec.name) is missing"))
        }
        for table in document.tables {
            guard let entry = Catalogue.table(named: table.name), entry.spec.dimensions == table.dimensions else {
                findings.append(AuditFinding(code: .unknownCell, table: table.name, key: nil, dimension: nil, message: "table \(table.name) is not in the catalogue"))
                continue
            }
            let observations = zip(reports, contributors).map { r, c in Observation(contributor: c, tuples: entry.project(r)) }
            let published = table.cells.map { cell in
                (key: table.dimensions.map { cell.key[$0] ?? "" }, count: cell.status == .published ? cell.count : nil)
            }
            findings += try Disclosure.audit(spec: entry.spec, observations: observations, policy: policy, published: published)
        }
        return findings
    }

    /// Audits every stored release: its signature and its disclosure rules. Returns the findings
    /// per period (empty when all is well).
    public func auditAll() throws -> [(period: String, findings: [AuditFinding])] {
        try store.releasePeriods().map { period in
            guard let text = try store.release(period: period),
                  let document = try? ReleaseDocument.decode(json: Data(text.utf8)) else {
                return (period, [AuditFinding(code: .malformedKey, table: "*", key: nil, dimension: nil, message: "the stored release cannot be read")])
            }
            var findings: [AuditFinding] = []
            if !document.verifySignature(trusting: signing.publicKey) {
                findings.append(AuditFinding(code: .badSignature, table: "*", key: nil, dimension: nil, message: "the signature does not verify with this server's signing key"))
            }
            findings += try audit(document: document)
            return (period, findings)
        }
    }
}

extension AuditFinding.Code {
    /// A stored release whose signature does not verify.
    public static let badSignature = AuditFinding.Code(rawValue: "bad_signature")
}
