import ChathamDisclosure
import ChathamStore

/// The tables every release publishes, and how a stored report projects onto each.
///
/// A projection returns the report's tuples for the table's dimensions: one tuple per combination
/// the report belongs to. Dimensions that come from one list entry (an action's category and
/// variety; a mitigation's id and effectiveness) are paired, not crossed.
public struct CatalogueTable: Sendable {
    public let spec: TableSpec
    public let project: @Sendable (ReportRow) -> [[String]]
}

public enum Catalogue {
    static let unknown = "unknown"

    public static let tables: [CatalogueTable] = [
        table("action-by-sector", ["action.category", "victim.sector"], multi: ["action.category"]) { r in
            unique(r.actions.map(\.category)).map { [$0, r.sector] }
        },
        table("action-variety", ["action.category", "action.variety"], multi: ["action.category", "action.variety"]) { r in
            unique(r.actions.map { "\($0.category)\u{0}\($0.variety ?? unknown)" }).map { $0.split(separator: "\u{0}").map(String.init) }
        },
        table("techniques", ["technique"], multi: ["technique"]) { r in
            unique(r.techniques).map { [$0] }
        },
        table("mitigation-effectiveness", ["mitigation.id", "mitigation.effective"], multi: ["mitigation.id", "mitigation.effective"]) { r in
            unique(r.mitigations.map { "\($0.id)\u{0}\($0.effective ?? unknown)" }).map { $0.split(separator: "\u{0}").map(String.init) }
        },
        table("victim-sector", ["victim.sector"]) { r in [[r.sector]] },
        table("victim-size", ["victim.size"]) { r in [[r.size]] },
        table("victim-region", ["victim.region"]) { r in [[r.region]] },
        table("actor", ["actor.kind", "actor.motive"]) { r in [[r.actorKind, r.actorMotive ?? unknown]] },
        table("discovery", ["discovery"]) { r in [[r.discovery ?? unknown]] },
        table("impact-loss", ["impact.loss"]) { r in [[r.loss ?? unknown]] },
    ]

    public static func table(named name: String) -> CatalogueTable? {
        tables.first { $0.spec.name == name }
    }

    private static func table(_ name: String, _ dims: [String], multi: Set<String> = [],
                              _ project: @escaping @Sendable (ReportRow) -> [[String]]) -> CatalogueTable {
        CatalogueTable(spec: TableSpec(name: name, dimensions: dims, multiValued: multi), project: project)
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
