extension Disclosure {
    /// The cells of a table over the union of disjoint sets of reports that share contributor
    /// indices (months of one epoch: one member, one pseudonym): counts add, and each contributor's
    /// reports add. The result is sorted by key.
    public static func sum(_ parts: [[CellStats]]) -> [CellStats] {
        var merged: [[String]: CellStats] = [:]
        for part in parts {
            for cell in part {
                if var existing = merged[cell.key] {
                    existing.count += cell.count
                    existing.contributions.merge(cell.contributions, uniquingKeysWith: +)
                    merged[cell.key] = existing
                } else {
                    merged[cell.key] = cell
                }
            }
        }
        return merged.values.sorted { precedes($0.key, $1.key) }
    }

    /// The cells of a table over reports of several epochs, one entry of `epochs` per epoch (each
    /// already summed over its months with `sum`).
    ///
    /// Pseudonyms are per epoch, so nobody — the server included — can tell whether two epochs'
    /// contributors are the same member. The result therefore assumes the worst linkage: the i-th
    /// largest contributor of every epoch is one member. Its contributions are the epochs'
    /// contributions sorted by size and added rank by rank, under synthetic contributor indices
    /// 0, 1, 2, … (not the members' indices), which gives exactly:
    /// - distinct contributors = the **largest per-epoch count** (DESIGN's rule, a safe lower
    ///   bound on the true number of members);
    /// - the n largest contributions = the sum over epochs of each epoch's n largest (an upper
    ///   bound on any n members' true share, so dominance and p% are judged conservatively);
    /// - the largest contribution = the sum of the epochs' largest (the "any member" attacker of
    ///   the LP audit knows at least as much as any real member).
    public static func combineEpochs(_ epochs: [[CellStats]]) -> [CellStats] {
        guard epochs.count > 1 else { return epochs.first ?? [] }
        var counts: [[String]: Int] = [:]
        var ranked: [[String]: [Int]] = [:]
        for epoch in epochs {
            for cell in epoch {
                counts[cell.key, default: 0] += cell.count
                let sorted = cell.contributions.values.sorted(by: >)
                var sums = ranked[cell.key] ?? []
                if sums.count < sorted.count { sums.append(contentsOf: repeatElement(0, count: sorted.count - sums.count)) }
                for (i, n) in sorted.enumerated() { sums[i] += n }
                ranked[cell.key] = sums
            }
        }
        return counts.map { key, count in
            let sums = ranked[key] ?? []
            var contributions: [Int32: Int] = [:]
            contributions.reserveCapacity(sums.count)
            for (i, n) in sums.enumerated() { contributions[Int32(i)] = n }
            return CellStats(key: key, count: count, contributions: contributions)
        }.sorted { precedes($0.key, $1.key) }
    }
}
