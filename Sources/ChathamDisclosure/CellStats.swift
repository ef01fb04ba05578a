/// The unprotected statistics of one cell: its report count and how those reports spread over
/// contributors. This is confidential material — the input to protection, never published.
///
/// Contributions are kept as a map rather than only a distinct count because the rules that use
/// them grow: dominance needs the largest shares now; the p% rule and cross-release protection
/// (later) need the whole distribution.
public struct CellStats: Sendable, Hashable {
    /// One value per dimension, `"*"` for a margin.
    public var key: [String]
    /// Number of reports in the cell.
    public var count: Int
    /// Reports in the cell per contributor index. The values add up to `count`.
    public var contributions: [Int32: Int]

    public init(key: [String], count: Int, contributions: [Int32: Int]) {
        self.key = key
        self.count = count
        self.contributions = contributions
    }

    /// Number of distinct contributors.
    public var contributors: Int { contributions.count }

    /// The sum of the `n` largest contributions (all of them when there are `n` or fewer).
    public func largestContributions(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        if contributions.count <= n { return count }
        // A small ascending buffer of the n largest: n is 1–3 in practice, cells can have thousands
        // of contributors, so this beats sorting.
        var top: [Int] = []
        top.reserveCapacity(n)
        for value in contributions.values {
            if top.count < n {
                let at = top.firstIndex { $0 > value } ?? top.count
                top.insert(value, at: at)
            } else if value > top[0] {
                top.removeFirst()
                let at = top.firstIndex { $0 > value } ?? top.count
                top.insert(value, at: at)
            }
        }
        return top.reduce(0, +)
    }
}
