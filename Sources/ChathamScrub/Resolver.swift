/// Turns detector candidates into final findings.
///
/// 1. Candidates touching a placeholder are dropped (placeholders are inert,
///    which makes scrubbing idempotent).
/// 2. Candidates lying wholly inside a keep span are dropped. A candidate that
///    only partly overlaps a keep span stays: privacy wins over keeping.
/// 3. Overlapping candidates form a cluster. The cluster's **longest**
///    candidate (then the longest before growing to whole words, then the
///    highest kind priority) names the placeholder;
///    the finding covers the **union** of the cluster, so no fragment of a
///    losing candidate survives to be found on a second pass.
enum Resolver {
    static func resolve(_ candidates: [Candidate], keep: [(Int, Int)], text: ScanText) -> [Finding] {
        // Longest keep span covering each scalar, by its end.
        var keepEnd = [Int](repeating: -1, count: text.count)
        var keepStart = [Int](repeating: -1, count: text.count)
        for (start, end) in keep where end > start {
            for i in start..<end where end > keepEnd[i] {
                keepEnd[i] = end
                keepStart[i] = start
            }
        }
        let live = candidates.filter { c in
            guard c.end > c.start, c.start >= 0, c.end <= text.count else { return false }
            if text.touchesPlaceholder(c.start, c.end) { return false }
            if keepEnd[c.start] >= c.end, keepStart[c.start] <= c.start { return false }
            return true
        }.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }

        var findings: [Finding] = []
        var i = 0
        while i < live.count {
            var winner = live[i]
            var end = live[i].end
            let start = live[i].start
            var j = i + 1
            while j < live.count, live[j].start < end {
                let c = live[j]
                end = max(end, c.end)
                if c.beats(winner) { winner = c }
                j += 1
            }
            findings.append(Finding(kind: winner.kind.rawValue, start: start, end: end, replacement: winner.kind.placeholder))
            i = j
        }
        return findings
    }
}
