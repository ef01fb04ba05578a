/// One cell after protection.
///
/// `count` is the true count even when the cell is suppressed, for the operator's side and the
/// audit; a release writer must emit `count: null` and status `suppressed` for every cell with
/// `published == false`, and must not reveal `primary`.
public struct ProtectedCell: Sendable, Hashable {
    /// One value per dimension, in the spec's order; `"*"` for a margin.
    public var key: [String]
    /// Number of reports in the cell (confidential when not published).
    public var count: Int
    /// Whether the count may be published.
    public var published: Bool
    /// Whether the cell failed the policy on its own (as opposed to being hidden to protect others).
    public var primary: Bool
    /// Reports per contributor index (confidential): what each member knows about this cell, which
    /// the insider audit uses as that member's lower bounds. Empty when unknown.
    public var contributions: [Int32: Int]

    public init(key: [String], count: Int, published: Bool, primary: Bool, contributions: [Int32: Int] = [:]) {
        self.key = key
        self.count = count
        self.published = published
        self.primary = primary
        self.contributions = contributions
    }

    /// The largest single contributor's reports in this cell (0 when unknown).
    public var largestContribution: Int { contributions.values.max() ?? 0 }
}
