/// Why a cell fails the policy on its own (primary suppression).
///
/// Internal to the operator's side: a release shows primary and secondary suppression alike as
/// `suppressed`, because the reason itself says something about the cell.
public enum SuppressionReason: String, Sendable, Hashable, CaseIterable {
    /// Fewer distinct contributors than `minContributors`.
    case tooFewContributors = "too_few_contributors"
    /// The `dominanceN` largest contributors hold strictly more than `dominanceK` of the count.
    case dominated
    /// The p% rule: the others beside the two largest contributors hold less than p% of the largest.
    case pPercent = "p_percent"
}

extension DisclosurePolicy {
    /// The reason `cell` may not be published on its own, or `nil` when it may.
    ///
    /// Margins and the grand total are judged by the same rules as interior cells. Later rules
    /// (the p% rule) add reasons here, so protection and audit stay in step.
    public func primaryReason(for cell: CellStats) -> SuppressionReason? {
        if cell.contributors < minContributors { return .tooFewContributors }
        if isDominated(top: cell.largestContributions(dominanceN), of: cell.count) { return .dominated }
        if let pPPM {
            let first = cell.largestContributions(1)
            let rest = cell.count - cell.largestContributions(2)
            // rest < p% · first, with p in ten-thousandths of a percent: exact integers.
            if rest * 1_000_000 < pPPM * first { return .pPercent }
        }
        return nil
    }

    /// Exact: top / count > k, with k in parts per million.
    func isDominated(top: Int, of count: Int) -> Bool {
        top * 1_000_000 > dominancePPM * count
    }
}
