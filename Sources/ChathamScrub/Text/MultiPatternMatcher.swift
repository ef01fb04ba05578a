/// Aho–Corasick automaton over skeleton symbols: finds every occurrence of
/// every pattern in one left-to-right pass, whatever the number of patterns.
/// This is what keeps a 1,000-entry profile as fast as a 10-entry one.
///
/// Symbols `a`–`z`, `0`–`9` and the barrier use a dense transition table with
/// all failure links precomputed (one array load per symbol); any other
/// (non-Latin) symbol goes through a per-state dictionary and failure links.
struct MultiPatternMatcher: Sendable {
    /// One occurrence: pattern `pattern` ends at skeleton index `end` (inclusive).
    struct Hit {
        var pattern: Int
        var start: Int
        var end: Int
    }

    private static let denseCount = 37
    private var dense: [Int32] = []                 // state * denseCount + symbol → state
    private var sparse: [[UInt32: Int32]] = []      // explicit non-dense edges (trie only)
    private var fail: [Int32] = []
    private var outputs: [[Int32]] = []             // pattern ids ending here (incl. via suffix links)
    private var lengths: [Int] = []

    var isEmpty: Bool { lengths.isEmpty }

    @inline(__always)
    private static func denseIndex(_ v: UInt32) -> Int {
        if v >= 0x61 && v <= 0x7A { return Int(v - 0x61) }
        if v >= 0x30 && v <= 0x39 { return Int(v - 0x30) + 26 }
        if v == Skeleton.barrier { return 36 }
        return -1
    }

    init(patterns: [[UInt32]]) {
        lengths = patterns.map(\.count)
        // Trie.
        var children: [[UInt32: Int32]] = [[:]]
        outputs = [[]]
        for (id, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state: Int32 = 0
            for symbol in pattern {
                if let next = children[Int(state)][symbol] {
                    state = next
                } else {
                    let next = Int32(children.count)
                    children.append([:])
                    outputs.append([])
                    children[Int(state)][symbol] = next
                    state = next
                }
            }
            outputs[Int(state)].append(Int32(id))
        }
        let stateCount = children.count
        fail = [Int32](repeating: 0, count: stateCount)
        dense = [Int32](repeating: 0, count: stateCount * Self.denseCount)
        sparse = [[UInt32: Int32]](repeating: [:], count: stateCount)
        // Breadth-first: a state's failure target is always shallower, so its
        // dense row is complete by the time we copy from it.
        var queue: [Int32] = []
        for (symbol, child) in children[0] {
            let d = Self.denseIndex(symbol)
            if d >= 0 { dense[d] = child } else { sparse[0][symbol] = child }
            queue.append(child)
        }
        var head = 0
        while head < queue.count {
            let state = Int(queue[head]); head += 1
            let f = Int(fail[state])
            outputs[state].append(contentsOf: outputs[f])
            for d in 0..<Self.denseCount {
                dense[state * Self.denseCount + d] = dense[f * Self.denseCount + d]
            }
            for (symbol, child) in children[state] {
                let d = Self.denseIndex(symbol)
                fail[Int(child)] = d >= 0 ? dense[f * Self.denseCount + d] : Self.sparseStep(f, symbol, sparse, fail)
                if d >= 0 { dense[state * Self.denseCount + d] = child } else { sparse[state][symbol] = child }
                queue.append(child)
            }
        }
    }

    private static func sparseStep(_ from: Int, _ symbol: UInt32, _ sparse: [[UInt32: Int32]], _ fail: [Int32]) -> Int32 {
        var state = from
        while true {
            if let next = sparse[state][symbol] { return next }
            if state == 0 { return 0 }
            state = Int(fail[state])
        }
    }

    /// Calls `body` for every occurrence of every pattern in `symbols`.
    func scan(_ symbols: [UInt32], _ body: (Hit) -> Void) {
        if lengths.isEmpty { return }
        var state = 0
        for (i, symbol) in symbols.enumerated() {
            let d = Self.denseIndex(symbol)
            state = d >= 0 ? Int(dense[state * Self.denseCount + d]) : Int(Self.sparseStep(state, symbol, sparse, fail))
            for id in outputs[state] {
                let id = Int(id)
                body(Hit(pattern: id, start: i - lengths[id] + 1, end: i))
            }
        }
    }
}
