import Foundation

/// The enumerations a report may use, ATT&CK techniques and mitigations, and the
/// VERIS → ATT&CK mapping: the content of `taxonomy.json`, generated from VERIS 1.4.1 by
/// tools/gen-taxonomy.py (data under CC BY-SA 4.0, credit VERIS Community, vz-risk/veris).
///
/// Enumeration names are those of docs/taxonomy.md: `victim.sector`, `victim.size`,
/// `victim.region`, `actor.kind`, `actor.motive`, `action.category`,
/// `action.variety.<category>`, `action.vector.<category>`, `assets`, `attributes`,
/// `discovery`, `timeline.unit`, `impact.loss`, `mitigation.stage`, `mitigation.effective`.
public struct Taxonomy: Sendable {
    /// An ATT&CK technique or mitigation: id and MITRE's name.
    public struct Item: Sendable, Hashable, Codable {
        public let id: String
        public let name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// One value of an enumeration: the slug a report carries and the VERIS label.
    public struct Entry: Sendable, Hashable, Codable {
        public let value: String
        public let label: String
        public init(value: String, label: String) {
            self.value = value
            self.label = label
        }
    }

    /// The taxonomy shipped with this build (the module's taxonomy.json resource).
    public static let shared: Taxonomy = {
        guard let url = Bundle.module.url(forResource: "taxonomy", withExtension: "json") else {
            fatalError("ChathamModel: taxonomy.json is missing from the module's resources")
        }
        do {
            return try Taxonomy(json: Data(contentsOf: url))
        } catch {
            fatalError("ChathamModel: taxonomy.json is unreadable: \(error)")
        }
    }()

    /// Every enumeration, values in the order docs/taxonomy.md lists them.
    public let enums: [String: [Entry]]
    /// The ATT&CK techniques a report may name, sorted by id.
    public let techniques: [Item]
    /// The ATT&CK mitigations a report may name, sorted by id.
    public let mitigations: [Item]
    /// Techniques related to an action variety, keyed `category/variety` (`malware/ransomware`).
    public let varietyTechniques: [String: [String]]
    /// The licence and credit line of the data.
    public let licence: String

    private let valueSets: [String: [String: String]]
    private let techniqueNames: [String: String]
    private let mitigationNames: [String: String]

    private struct File: Decodable {
        let _licence: String
        let enums: [String: [Entry]]
        let techniques: [Item]
        let mitigations: [Item]
        let variety_techniques: [String: [String]]
    }

    /// Reads a taxonomy in taxonomy.json's layout.
    public init(json: Data) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        licence = file._licence
        enums = file.enums
        techniques = file.techniques
        mitigations = file.mitigations
        varietyTechniques = file.variety_techniques
        valueSets = file.enums.mapValues { Dictionary($0.map { ($0.value, $0.label) }, uniquingKeysWith: { a, _ in a }) }
        techniqueNames = Dictionary(file.techniques.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        mitigationNames = Dictionary(file.mitigations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// The names of all enumerations, sorted.
    public var enumNames: [String] { enums.keys.sorted() }

    /// The values of an enumeration in documented order; empty for an unknown name.
    public func values(_ enumName: String) -> [String] {
        enums[enumName]?.map(\.value) ?? []
    }

    /// The human label of a value (`"ransomware"` → `"Ransomware"`), nil if not in the enumeration.
    public func label(_ enumName: String, _ value: String) -> String? {
        valueSets[enumName]?[value]
    }

    /// Whether the enumeration exists and has the value.
    public func contains(_ enumName: String, _ value: String) -> Bool {
        valueSets[enumName]?[value] != nil
    }

    /// Whether the enumeration exists (`action.vector.unknown` does not).
    public func hasEnum(_ enumName: String) -> Bool { enums[enumName] != nil }

    /// MITRE's name of a technique the taxonomy accepts.
    public func techniqueName(_ id: String) -> String? { techniqueNames[id] }

    /// MITRE's name of a mitigation the taxonomy accepts.
    public func mitigationName(_ id: String) -> String? { mitigationNames[id] }

    /// DESIGN's slug rule, as tools/gen-taxonomy.py applies it to VERIS labels: lower case,
    /// every run of characters other than a–z and 0–9 one hyphen, no hyphen at either end
    /// ("Use of stolen creds" → `use-of-stolen-creds`).
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return out
    }

    /// The techniques VERIS relates to an action variety, e.g. `("malware", "ransomware")`.
    public func techniques(category: String, variety: String) -> [String] {
        varietyTechniques["\(category)/\(variety)"] ?? []
    }
}
