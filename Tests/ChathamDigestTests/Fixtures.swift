import ChathamCrypto
import ChathamDigest
import ChathamModel
import Foundation

/// A release shaped like the catalogue's, with margins, suppressed cells (primary and
/// secondary), unknowns and a hostile value, so every renderer meets every case.
enum Fixtures {
    static func cell(_ key: [String: String], _ count: Int?) -> ReleaseDocument.Cell {
        count.map { .published(key, count: $0) } ?? .suppressed(key)
    }

    static func one(_ name: String, _ dim: String, _ values: [(String, Int?)], total: Int?) -> ReleaseDocument.Table {
        .init(name: name, dimensions: [dim], cells: values.map { cell([dim: $0.0], $0.1) } + [cell([dim: "*"], total)])
    }

    static let release: ReleaseDocument = {
        let ac = "action.category", av = "action.variety", vs = "victim.sector"
        let actionBySector = ReleaseDocument.Table(name: "action-by-sector", dimensions: [ac, vs], multiValued: [ac], cells: [
            cell([ac: "malware", vs: "52"], 12), cell([ac: "social", vs: "52"], nil), cell([ac: "hacking", vs: "52"], 9),
            cell([ac: "malware", vs: "62"], 7), cell([ac: "social", vs: "62"], nil), cell([ac: "hacking", vs: "62"], nil),
            cell([ac: "malware", vs: "*"], 19), cell([ac: "social", vs: "*"], 11), cell([ac: "hacking", vs: "*"], 13),
            cell([ac: "*", vs: "52"], 20), cell([ac: "*", vs: "62"], 12), cell([ac: "*", vs: "*"], 32),
        ])
        let actionVariety = ReleaseDocument.Table(name: "action-variety", dimensions: [ac, av], multiValued: [ac, av], cells: [
            cell([ac: "malware", av: "ransomware"], 14), cell([ac: "malware", av: "unknown"], nil), cell([ac: "malware", av: "*"], 19),
            cell([ac: "social", av: "phishing"], 10), cell([ac: "social", av: "pretexting"], nil), cell([ac: "social", av: "*"], 11),
            cell([ac: "hacking", av: "use-of-stolen-creds"], 8), cell([ac: "hacking", av: "exploit-vuln"], 5), cell([ac: "hacking", av: "*"], 13),
            cell([ac: "*", av: "*"], 32),
        ])
        let techniques = one("techniques", "technique", [("T1566.001", 9), ("T1486", 13), ("T1078", 6), ("T1190", nil)], total: 27)
        let mid = "mitigation.id", me = "mitigation.effective"
        let mitigations = ReleaseDocument.Table(name: "mitigation-effectiveness", dimensions: [mid, me], multiValued: [mid, me], cells: [
            cell([mid: "M1032", me: "yes"], 8), cell([mid: "M1032", me: "partial"], nil), cell([mid: "M1032", me: "no"], nil), cell([mid: "M1032", me: "*"], 12),
            cell([mid: "M1017", me: "yes"], 5), cell([mid: "M1017", me: "no"], 6), cell([mid: "M1017", me: "*"], 11),
            cell([mid: "*", me: "*"], 20),
        ])
        let sector = one("victim-sector", vs, [("52", 20), ("62", 12)], total: 32)
        let size = one("victim-size", "victim.size", [("1001-10000", 14), ("101-1000", 11), ("over-100000", nil), ("unknown", nil)], total: 32)
        let region = one("victim-region", "victim.region", [("europe", 25), ("americas-north", nil), ("unknown", nil)], total: 32)
        let actor = ReleaseDocument.Table(name: "actor", dimensions: ["actor.kind", "actor.motive"], cells: [
            cell(["actor.kind": "external", "actor.motive": "financial"], 22), cell(["actor.kind": "external", "actor.motive": "unknown"], 6),
            cell(["actor.kind": "external", "actor.motive": "*"], 28), cell(["actor.kind": "internal", "actor.motive": "*"], nil),
            cell(["actor.kind": "*", "actor.motive": "*"], 32),
        ])
        let discovery = one("discovery", "discovery", [("internal", 18), ("external", 9), ("unknown", 5)], total: 32)
        let loss = one("impact-loss", "impact.loss", [("under-10k", 6), ("100k-1m", 10), ("10k-100k", 9), ("unknown", 7)], total: 32)
        return ReleaseDocument(period: "2026-10", policy: .init(minContributors: 5, dominance: .init(n: 2, k: 0.85)),
                               tables: [actionBySector, actionVariety, techniques, mitigations, sector, size, region, actor, discovery, loss])
    }()

    /// A fixed signing key (seed 1…32), so signed fixtures are reproducible.
    static let key: SigningSecretKey = {
        // libsodium's secret key form is seed || public key; derive it from a fixed seed.
        let seed = (1...32).map { UInt8($0) }
        return try! SigningSecretKey(bytes: seed)
    }()

    static let signedRelease: ReleaseDocument = {
        var r = release
        r.sign(with: key)
        return r
    }()

    static let narratives = [
        DigestNarrative(label: "Malware: Ransomware", text: "Encrypted file servers after a phishing e-mail; restored from offline backups in [ID] days."),
        DigestNarrative(label: "Social: Phishing", text: "Credential phishing <script>alert(1)</script> & a fake login page; MFA stopped it."),
    ]

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
}
