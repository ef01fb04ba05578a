import ChathamCrypto
import ChathamDigest
import ChathamModel
import ChathamStore
import Foundation

/// Makes the signed digests of stored releases, for `chatham-server export`, the digest route
/// and the web page.
///
/// Narratives: a period's reports cannot change once its release is stored (the store refuses
/// submissions for a closed period), so the narratives chosen here from the stored reports are
/// exactly those that could be chosen at publication. Selection (`NarrativeSelection`) files
/// each under a published cell's label; the order is keyed by a value derived from the
/// server's signing key, so it is stable for a release and unrelated to storage order.
public struct DigestService: Sendable {
    let store: any ChathamRepository
    let signing: SigningSecretKey
    /// The name STIX bundles and pages give the aggregator.
    public var aggregatorName: String

    public init(store: any ChathamRepository, signing: SigningSecretKey, aggregatorName: String = "chatham aggregator") {
        self.store = store
        self.signing = signing
        self.aggregatorName = aggregatorName
    }

    /// The stored, signed release of `period`; nil if there is none.
    public func release(period: String) throws -> ReleaseDocument? {
        guard let text = try store.release(period: period) else { return nil }
        return try ReleaseDocument.decode(json: Data(text.utf8))
    }

    /// The narratives a digest of `release` shows.
    public func narratives(for release: ReleaseDocument) throws -> [DigestNarrative] {
        let candidates = try store.reports(period: release.period).compactMap { r -> NarrativeCandidate? in
            guard r.shareNarrative, let text = r.narrative, !text.isEmpty else { return nil }
            return NarrativeCandidate(actions: r.actions.map { (category: $0.category, variety: $0.variety) }, text: text)
        }
        guard !candidates.isEmpty else { return [] }
        let orderKey = BLAKE2b.hash(label: "chatham/v1/narrative-order", signing.secret.copyBytes() + Array(release.period.utf8))
        return NarrativeSelection.select(candidates, release: release, orderKey: orderKey)
    }

    /// The options a digest of `release` is rendered with.
    public func options(for release: ReleaseDocument, tlp: TLPLevel) throws -> DigestOptions {
        DigestOptions(tlp: tlp, aggregatorName: aggregatorName, narratives: try narratives(for: release))
    }

    /// The digest of a stored release in `format`, and its detached signature.
    public func digest(period: String, format: DigestFormat, tlp: TLPLevel = .green) throws -> DigestWriter.Signed? {
        guard let release = try release(period: period) else { return nil }
        return try DigestWriter.signed(release, format: format, options: try options(for: release, tlp: tlp), key: signing)
    }
}
