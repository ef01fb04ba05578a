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
        // A candidate lies wholly inside a keep span when some span starts
        // at or before it and ends at or after it: with the spans sorted by
        // start and the running maximum of their ends, one binary search
        // per candidate says so (no per-scalar table).
        // (Constants, so `kept` reads them without exclusivity checks.)
        let spans: [(Int, Int)] = {
            var spans: [(Int, Int)] = []
            spans.reserveCapacity(keep.count)
            for span in keep where span.1 > span.0 { spans.append(span) }
            spans.sort { $0.0 < $1.0 }
            return spans
        }()
        let maxEnd: [Int] = {
            var maxEnd: [Int] = []
            maxEnd.reserveCapacity(spans.count)
            for (_, end) in spans { maxEnd.append(max(maxEnd.last ?? Int.min, end)) }
            return maxEnd
        }()
        func kept(_ c: Candidate) -> Bool {
            // Last span starting at or before c.start.
            var lo = 0, hi = spans.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if spans[mid].0 <= c.start { lo = mid + 1 } else { hi = mid }
            }
            return lo > 0 && maxEnd[lo - 1] >= c.end
        }
        // The survivors, into an array sized for all (`filter` grows its
        // result from empty).
        var live: [Candidate] = []
        live.reserveCapacity(candidates.count)
        for c in candidates {
            guard c.end > c.start, c.start >= 0, c.end <= text.count else { continue }
            if text.touchesPlaceholder(c.start, c.end) { continue }
            if !spans.isEmpty, kept(c) { continue }
            live.append(c)
        }
        // By start, then longest first. A text has a few dozen candidates,
        // each detector's already in order: an insertion sort takes them in
        // a pass or two; many go to the library's sort. (Candidates with the
        // same start and end resolve alike in either order: `beats` breaks
        // every tie but identical kind and core.)
        if live.count <= 64 {
            live.withUnsafeMutableBufferPointer { live in
                for i in 1..<max(live.count, 1) {
                    let c = live[i]
                    var j = i
                    while j > 0, live[j - 1].start > c.start || (live[j - 1].start == c.start && live[j - 1].end < c.end) {
                        live[j] = live[j - 1]
                        j -= 1
                    }
                    live[j] = c
                }
            }
        } else {
            live.sort { ($0.start, -$0.end) < ($1.start, -$1.end) }
        }

        return merge(live)
    }

    /// Findings from candidates sorted by start (then longest first):
    /// overlapping ones merge into one span named by the one that beats the
    /// others (`Candidate.beats`).
    static func merge(_ live: [Candidate]) -> [Finding] {
        var findings: [Finding] = []
        findings.reserveCapacity(live.count) // (at most one finding per candidate)
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
