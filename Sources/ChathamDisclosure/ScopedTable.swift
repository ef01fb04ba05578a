/// A protected table together with the set of reports it counts (its scope), as the joint audit and
/// joint protection see it.
///
/// Tables of the same scope count the same reports, so a cell that fixes the same dimensions to
/// the same values is the same number in every one of them (the sector margin of action × sector
/// is the sector table's cell; every grand total is the number of reports). The audit treats such
/// cells as one unknown: a reader can subtract across tables.
public struct ScopedTable: Sendable, Hashable {
    /// Names the reports counted, e.g. a period `2026-11`, or `2026-10..2026-12` for a quarter.
    public var scope: String
    /// The table, with true counts and (for the insider audit) contributions.
    public var table: ProtectedTable
    /// Per dimension, the values rolled up into `Disclosure.other` in this table (see
    /// `Disclosure.rollUp`); empty when nothing was. Every table of one scope that has the
    /// dimension rolls the same values, and a multi-month scope rolls at least what its months did.
    public var rolledUp: [String: Set<String>]

    public init(scope: String, table: ProtectedTable, rolledUp: [String: Set<String>] = [:]) {
        self.scope = scope
        self.table = table
        self.rolledUp = rolledUp
    }
}

/// States that the reports of scope `total` are exactly the disjoint union of those of `parts`
/// (a quarter is its three months), so each of its cells is the sum of the same cell over the parts.
/// This is how the audit links releases: a quarter-to-date table minus the months published before
/// it gives this month.
public struct Aggregation: Sendable, Hashable {
    /// The scope that is the union.
    public var total: String
    /// The disjoint scopes it is made of.
    public var parts: [String]

    public init(total: String, parts: [String]) {
        self.total = total
        self.parts = parts
    }
}

/// What an attacker knows besides everything published, for the LP audit.
public enum AttackerKnowledge: Sendable, Hashable {
    /// A reader: every listed cell has at least one report (cells without reports are not listed),
    /// the grand totals at least zero.
    case outsider
    /// A member who knows its own reports: each cell holds at least its own contribution.
    case member(Int32)
    /// Every member at once, each cell bounded below by its largest single contribution. Stronger
    /// than any single member, so passing it proves every single member fails. This is what the
    /// release itself is protected and audited against: two LPs per hidden cell instead of two per
    /// cell and member.
    case anyMember
    /// The published equations only, without any bounds (variables may be negative). Used to check
    /// the LP against the bridge test of two-way tables.
    case equationsOnly
}

/// The interval an attacker can narrow one suppressed cell to.
public struct CellInterval: Sendable, Hashable, CustomStringConvertible {
    /// The cell's scope.
    public var scope: String
    /// The first table the cell appears in.
    public var table: String
    /// Its key in that table.
    public var key: [String]
    /// The true count (confidential: for the operator's eyes and tests).
    public var count: Int
    /// The smallest integer value the attacker cannot rule out (nil: no lower bound).
    public var lower: Int?
    /// The largest (nil: no upper bound).
    public var upper: Int?
    /// The width the policy requires.
    public var required: Int

    public init(scope: String, table: String, key: [String], count: Int, lower: Int?, upper: Int?, required: Int) {
        self.scope = scope
        self.table = table
        self.key = key
        self.count = count
        self.lower = lower
        self.upper = upper
        self.required = required
    }

    /// `upper − lower`, nil when unbounded on either side.
    public var width: Int? {
        guard let lower, let upper else { return nil }
        return upper - lower
    }

    /// Whether the interval is at least as wide as required.
    public var isProtected: Bool { width.map { $0 >= required } ?? true }

    /// Whether the attacker knows the count exactly.
    public var isExact: Bool { width == 0 }

    public var description: String {
        "\(scope) \(table) (\(key.joined(separator: ", "))): [\(lower.map(String.init) ?? "-∞"), \(upper.map(String.init) ?? "∞")]"
    }
}
