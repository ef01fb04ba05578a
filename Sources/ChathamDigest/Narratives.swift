import Foundation
import ChathamCrypto
import ChathamModel

/// A shared narrative as a digest prints it: under the label of a published cell, never with
/// anything that says which report or member it came from.
public struct DigestNarrative: Sendable, Equatable, Codable {
    /// The label it is filed under (`Malware: Ransomware`), the label of a published cell.
    public var label: String
    /// The narrative, already scrubbed on the member's machine.
    public var text: String

    public init(label: String, text: String) {
        self.label = label
        self.text = text
    }
}

/// What selection needs to know of a report that shared its narrative.
public struct NarrativeCandidate: Sendable, Equatable {
    /// The report's actions, in its own order: (category, variety or nil).
    public var actions: [(category: String, variety: String?)]
    public var text: String

    public init(actions: [(category: String, variety: String?)], text: String) {
        self.actions = actions
        self.text = text
    }

    public static func == (a: NarrativeCandidate, b: NarrativeCandidate) -> Bool {
        a.text == b.text && a.actions.map(\.category) == b.actions.map(\.category) && a.actions.map(\.variety) == b.actions.map(\.variety)
    }
}

/// Chooses which narratives a digest shows and in what order.
///
/// A narrative is filed under the most specific published cell of the `action-variety` table
/// its report belongs to: the variety cell (`malware`/`ransomware`), else the category margin
/// (`malware`/`*`), else the table's grand total. Each of those rests on at least k members,
/// so the label never narrows a narrative to fewer. A report in no published cell shows no
/// narrative. The order is a keyed hash of the text (the key is secret to the server), so it
/// says nothing about when reports arrived or where they are stored, yet the same release
/// always gives the same digest.
public enum NarrativeSelection {
    /// The table whose cells label narratives.
    public static let labelTable = "action-variety"
    /// Longest narrative printed, in characters; longer ones are cut with an ellipsis.
    public static let maxLength = 2000

    public static func select(_ candidates: [NarrativeCandidate], release: ReleaseDocument, orderKey: [UInt8]) -> [DigestNarrative] {
        guard let table = release.tables.first(where: { $0.name == labelTable }),
              table.dimensions == ["action.category", "action.variety"] else { return [] }
        var published = Set<[String]>()
        for cell in table.cells where cell.status == .published {
            published.insert([cell.key["action.category"] ?? "", cell.key["action.variety"] ?? ""])
        }
        let m = Labels.margin
        var chosen: [(sortKey: [UInt8], narrative: DigestNarrative)] = []
        for candidate in candidates {
            let text = candidate.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            var label: String?
            for action in candidate.actions {
                let variety = action.variety ?? Labels.unknown
                if published.contains([action.category, variety]) {
                    label = Labels.value("action.category", action.category) + ": "
                        + Labels.value("action.variety", variety, key: ["action.category": action.category])
                    break
                }
            }
            if label == nil, let a = candidate.actions.first(where: { published.contains([$0.category, m]) }) {
                label = Labels.value("action.category", a.category)
            }
            if label == nil, published.contains([m, m]) { label = "All incidents" }
            guard let label else { continue }
            let clipped = text.count > maxLength ? String(text.prefix(maxLength)) + "…" : text
            let sortKey = BLAKE2b.hash(Array(clipped.utf8), outputLength: 16, key: orderKey)
            chosen.append((sortKey, DigestNarrative(label: label, text: clipped)))
        }
        chosen.sort { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
        return chosen.map(\.narrative)
    }
}
