import Foundation
import ChathamCrypto
import ChathamModel

/// A STIX 2.1 bundle of a release.
///
/// What it holds: the aggregator as the only organisation identity and the only
/// `created_by_ref`; victim cohorts as `identity` objects of class `class` with their sectors
/// (one per published sector); an `attack-pattern` per published VERIS action variety, with
/// its VERIS path and related ATT&CK techniques as external references; a `course-of-action`
/// per published mitigation, with `mitigates` relationships; and a `report` whose counts (every
/// table, suppressed cells without a count) live in a property extension declared by an
/// `extension-definition`. Everything is marked with a TLP 2.0 marking (the OASIS ids) and an
/// IEP 2.0 marking whose provider attribution is `must-not`.
///
/// What it never holds: sightings, observed data, indicators, or any object per incident or
/// per member. Ids are deterministic (a hash of what the object is), so the same release
/// always gives the same bundle and importers update objects instead of duplicating them.
public enum STIXDigest {
    /// The `created` of objects that do not belong to one period (the aggregator, the
    /// extension definitions, the IEP marking): fixed, so their ids and contents never change.
    public static let fixedTimestamp = "2026-01-01T00:00:00.000Z"
    /// The OASIS TLP 2.0 extension id.
    public static let tlpExtensionID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
    /// The property extension carrying the release's counts on the report object.
    public static let countsExtensionID = stixID("extension-definition", "chatham.release-counts/1")
    /// The property extension carrying the IEP 2.0 policy on its marking definition.
    public static let iepExtensionID = stixID("extension-definition", "chatham.iep-2.0/1")

    /// A deterministic STIX id: the type and a UUID from BLAKE2b of `name`. It has the version 4
    /// layout STIX recommends for domain objects: the hash is as unpredictable as random bits
    /// to anyone who does not know the name, yet the same release gives the same ids.
    public static func stixID(_ type: String, _ name: String) -> String {
        var b = BLAKE2b.hash(label: "chatham/v1/stix-id", Array("\(type)\u{0}\(name)".utf8), outputLength: 16)
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        let hex = Encoding.hex(b)
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return type + "--" + parts.map(String.init).joined(separator: "-")
    }

    /// The first instant after the period (`2026-11-01T00:00:00.000Z` for 2026-10).
    static func periodEnd(_ period: String) -> String {
        guard let p = Period(period), let next = p.next else { return fixedTimestamp }
        return "\(next.description)-01T00:00:00.000Z"
    }

    /// STIX industry-sector-ov values for NAICS 2-digit sectors.
    static let sectors: [String: [String]] = [
        "11": ["agriculture"], "21": ["mining"], "22": ["utilities"], "23": ["construction"],
        "31": ["manufacturing"], "32": ["manufacturing"], "33": ["manufacturing"], "31-33": ["manufacturing"],
        "42": ["commercial"], "44": ["retail"], "45": ["retail"], "44-45": ["retail"],
        "48": ["transportation"], "49": ["transportation"], "48-49": ["transportation"],
        "51": ["communications", "technology"], "52": ["financial-services", "insurance"], "53": ["commercial"],
        "54": ["technology", "commercial"], "55": ["commercial"], "56": ["commercial"], "61": ["education"],
        "62": ["healthcare"], "71": ["entertainment"], "72": ["hospitality-leisure"], "81": ["non-profit"],
        "92": ["government"],
    ]

    public static func render(_ release: ReleaseDocument, options: DigestOptions = .init()) -> [UInt8] {
        Array(bundle(release, options: options).pretty().utf8)
    }

    static func bundle(_ release: ReleaseDocument, options: DigestOptions) -> OrderedJSON {
        let period = release.period
        let ts = options.timestamp ?? periodEnd(period)
        let aggregator = stixID("identity", "aggregator\u{0}\(options.aggregatorName)")
        let tlp = options.tlp
        let iepMarking = stixID("marking-definition", "iep-2.0\u{0}\(tlp.rawValue)")
        let markings: OrderedJSON = .array([.string(tlp.markingDefinitionID), .string(iepMarking)])
        let taxonomy = Taxonomy.shared

        func sdo(_ type: String, _ id: String, created: String, _ rest: [(String, OrderedJSON)]) -> OrderedJSON {
            .object([("type", .string(type)), ("spec_version", .string("2.1")), ("id", .string(id)),
                     ("created_by_ref", .string(aggregator)), ("created", .string(created)), ("modified", .string(created))]
                    + rest + [("object_marking_refs", markings)])
        }

        var objects: [OrderedJSON] = []
        objects.append(.object([
            ("type", .string("marking-definition")), ("spec_version", .string("2.1")), ("id", .string(tlp.markingDefinitionID)),
            ("created", .string("2022-10-01T00:00:00.000Z")), ("name", .string(tlp.label)),
            ("extensions", .object([(tlpExtensionID, .object([("extension_type", .string("property-extension")), ("tlp_2_0", .string(tlp.extensionValue))]))])),
        ]))
        objects.append(.object([
            ("type", .string("extension-definition")), ("spec_version", .string("2.1")), ("id", .string(iepExtensionID)),
            ("created_by_ref", .string(aggregator)), ("created", .string(fixedTimestamp)), ("modified", .string(fixedTimestamp)),
            ("name", .string("FIRST IEP 2.0 policy")),
            ("description", .string("The FIRST Information Exchange Policy 2.0 statements of a marking definition, as properties.")),
            ("schema", .string("https://www.first.org/iep/")), ("version", .string("2.0.0")),
            ("extension_types", .array([.string("property-extension")])),
        ]))
        objects.append(.object([
            ("type", .string("marking-definition")), ("spec_version", .string("2.1")), ("id", .string(iepMarking)),
            ("created_by_ref", .string(aggregator)), ("created", .string(fixedTimestamp)),
            ("name", .string("IEP:2.0 chatham digest (\(tlp.label), provider attribution must not)")),
            ("extensions", .object([(iepExtensionID, .object([
                ("extension_type", .string("property-extension")),
                ("iep_version", .string("2.0")),
                ("name", .string("chatham digest")),
                ("encrypt_in_transit", .string("may")),
                ("permitted_actions", .string("externally-visible-indirect-actions")),
                ("affected_party_notifications", .string("may")),
                ("tlp", .string(tlp.extensionValue)),
                ("provider_attribution", .string("must-not")),
                ("unmodified_resale", .string("must-not")),
            ]))])),
        ]))
        objects.append(sdo("identity", aggregator, created: fixedTimestamp, [
            ("name", .string(options.aggregatorName)), ("identity_class", .string("organization")),
            ("description", .string("The aggregator of a chatham sharing community; it publishes statistics, never who reported what.")),
        ]))
        objects.append(sdo("extension-definition", countsExtensionID, created: fixedTimestamp, [
            ("name", .string("chatham release counts")),
            ("description", .string("The tables of a chatham.release/1 document: per cell its dimension values, and the count of incidents when published. Suppressed cells carry no count.")),
            ("schema", .string("https://github.com/chatham/chatham/blob/main/docs/digests.md#stix")),
            ("version", .string("1.0.0")), ("extension_types", .array([.string("property-extension")])),
        ]))

        var refs: [String] = []
        // Victim cohorts: one per published sector.
        if let table = release.tables.first(where: { $0.name == "victim-sector" }) {
            for cell in table.cells where cell.status == .published {
                guard let s = cell.key["victim.sector"], s != Labels.margin, s != Labels.unknown else { continue }
                let id = stixID("identity", "cohort\u{0}\(period)\u{0}sector\u{0}\(s)")
                var rest: [(String, OrderedJSON)] = [
                    ("name", .string("Members in NAICS sector " + Labels.value("victim.sector", s))),
                    ("description", .string("A cohort of the community's members, not an organisation.")),
                    ("identity_class", .string("class")),
                ]
                if let ov = sectors[s] { rest.append(("sectors", .array(ov.map { .string($0) }))) }
                objects.append(sdo("identity", id, created: ts, rest))
                refs.append(id)
            }
        }
        // Attack patterns: one per published action variety.
        var patterns: [String] = []
        if let table = release.tables.first(where: { $0.name == "action-variety" }) {
            for cell in table.cells where cell.status == .published {
                guard let c = cell.key["action.category"], let v = cell.key["action.variety"],
                      c != Labels.margin, v != Labels.margin, v != Labels.unknown else { continue }
                let id = stixID("attack-pattern", "\(period)\u{0}\(c)/\(v)")
                let veris = taxonomy.label("action.variety.\(c)", v) ?? v
                let categoryName = taxonomy.label("action.category", c) ?? c
                var external: [OrderedJSON] = [.object([
                    ("source_name", .string("veris")),
                    ("external_id", .string("action.\(categoryName).variety.\(veris)")),
                ])]
                for t in taxonomy.techniques(category: c, variety: v) {
                    external.append(.object([
                        ("source_name", .string("mitre-attack")), ("external_id", .string(t)),
                    ]))
                }
                objects.append(sdo("attack-pattern", id, created: ts, [
                    ("name", .string("\(categoryName): \(veris)")),
                    ("external_references", .array(external)),
                ]))
                refs.append(id)
                patterns.append(id)
            }
        }
        // Courses of action: one per published mitigation; mitigates every attack pattern of
        // the period (the release does not cross mitigations with actions).
        if let table = release.tables.first(where: { $0.name == "mitigation-effectiveness" }) {
            for cell in table.cells where cell.status == .published && cell.key["mitigation.effective"] == Labels.margin {
                guard let m = cell.key["mitigation.id"], m != Labels.margin else { continue }
                let id = stixID("course-of-action", "\(period)\u{0}\(m)")
                objects.append(sdo("course-of-action", id, created: ts, [
                    ("name", .string(taxonomy.mitigationName(m) ?? m)),
                    ("external_references", .array([.object([
                        ("source_name", .string("mitre-attack")), ("external_id", .string(m)),
                    ])])),
                ]))
                refs.append(id)
                for p in patterns {
                    let rid = stixID("relationship", "\(period)\u{0}\(id)\u{0}mitigates\u{0}\(p)")
                    objects.append(sdo("relationship", rid, created: ts, [
                        ("relationship_type", .string("mitigates")), ("source_ref", .string(id)), ("target_ref", .string(p)),
                        ("description", .string("Reported in the same period as this action variety; the release does not cross mitigations with actions.")),
                    ]))
                    refs.append(rid)
                }
            }
        }
        // The report, with every count in the property extension.
        let tables: [OrderedJSON] = release.tables.map { table in
            .object([
                ("name", .string(table.name)),
                ("dimensions", .array(table.dimensions.map { .string($0) })),
                ("multi_valued", .array(table.multiValued.map { .string($0) })),
                ("cells", .array(table.cells.map { cell in
                    var members: [(String, OrderedJSON)] = [("values", .array(table.dimensions.map { .string(cell.key[$0] ?? "") }))]
                    if cell.status == .published, let count = cell.count { members.append(("count", .int(count))) }
                    members.append(("status", .string(cell.status.rawValue)))
                    return .object(members)
                })),
            ])
        }
        let reportID = stixID("report", "\(options.aggregatorName)\u{0}\(period)")
        objects.append(sdo("report", reportID, created: ts, [
            ("name", .string("Incident statistics \(period)")),
            ("description", .string("Aggregate incident statistics of period \(period), protected so that no figure rests on fewer than \(release.policy.minContributors) members or is dominated by \(release.policy.dominance.n) of them. Counts are incidents; see the extension.")),
            ("report_types", .array([.string("threat-report")])),
            ("published", .string(ts)),
            ("object_refs", .array(([aggregator] + refs).map { .string($0) })),
            ("extensions", .object([(countsExtensionID, .object([
                ("extension_type", .string("property-extension")),
                ("schema_name", .string(release.schema)),
                ("period", .string(period)),
                ("min_contributors", .int(release.policy.minContributors)),
                ("dominance_n", .int(release.policy.dominance.n)),
                ("dominance_k", .number(release.policy.dominance.k)),
                ("tables", .array(tables)),
            ]))])),
        ]))
        return .object([
            ("type", .string("bundle")),
            ("id", .string(stixID("bundle", "\(options.aggregatorName)\u{0}\(period)\u{0}\(tlp.rawValue)"))),
            ("objects", .array(objects)),
        ])
    }
}
