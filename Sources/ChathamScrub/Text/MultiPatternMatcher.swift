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
    /// Full transition rows (`state * denseCount + symbol` → next state) for
    /// the shallow states only (depth ≤ `denseDepth`, numbered first,
    /// breadth-first). Text keeps returning to these, and a small table
    /// stays in cache: with a row for every state a 1,000-entry profile's
    /// table runs to megabytes and each symbol cost a cache miss.
    private var table: [Int32] = []
    private var denseStates = 0
    private static let denseDepth = 2
    /// Deeper states keep only their own trie edges over the dense
    /// alphabet, `edgeSymbols/edgeTargets[edgeStart[q]..<edgeStart[q + 1]]`,
    /// and fall back along failure links (which always end in a shallow state).
    private var edgeStart: [Int32] = []
    private var edgeSymbols: [UInt8] = []
    private var edgeTargets: [Int32] = []
    /// 1 where a state has outputs.
    private var hasOutput: [UInt8] = []
    private var sparse: [[UInt32: Int32]] = []      // explicit non-dense edges (trie only)
    private var fail: [Int32] = []
    /// Pattern ids ending at each state (incl. via suffix links), flattened:
    /// state `q`'s are `outIDs[outStart[q]..<outStart[q + 1]]`, so the scan
    /// touches no nested array per symbol.
    private var outStart: [Int32] = []
    private var outIDs: [Int32] = []
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
        var dense: [Int32] = []                 // state * denseCount + symbol → state
        var children: [[UInt32: Int32]] = [[:]]
        var outputs: [[Int32]] = [[]]
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
        // Renumber breadth-first; rows for the shallow states, edge lists
        // for the rest.
        let order = [0] + queue.map(Int.init)
        var newIndex = [Int](repeating: 0, count: stateCount)
        for (n, o) in order.enumerated() { newIndex[o] = n }
        var depth = [Int](repeating: 0, count: stateCount)
        for o in order { for (_, child) in children[o] { depth[Int(child)] = depth[o] + 1 } }
        denseStates = order.firstIndex(where: { depth[$0] > Self.denseDepth }) ?? stateCount
        table = [Int32](repeating: 0, count: denseStates * Self.denseCount)
        var newSparse = [[UInt32: Int32]](repeating: [:], count: stateCount)
        var newFail = [Int32](repeating: 0, count: stateCount)
        hasOutput = [UInt8](repeating: 0, count: stateCount)
        edgeStart = [0]
        outStart = [0]
        outStart.reserveCapacity(stateCount + 1)
        for n in 0..<stateCount {
            let o = order[n]
            if n < denseStates {
                for d in 0..<Self.denseCount {
                    table[n * Self.denseCount + d] = Int32(newIndex[Int(dense[o * Self.denseCount + d])])
                }
            } else {
                for (symbol, child) in children[o].sorted(by: { $0.key < $1.key }) {
                    let d = Self.denseIndex(symbol)
                    guard d >= 0 else { continue }
                    edgeSymbols.append(UInt8(d))
                    edgeTargets.append(Int32(newIndex[Int(child)]))
                }
            }
            edgeStart.append(Int32(edgeSymbols.count))
            newSparse[n] = sparse[o].mapValues { Int32(newIndex[Int($0)]) }
            newFail[n] = Int32(newIndex[Int(fail[o])])
            hasOutput[n] = outputs[o].isEmpty ? 0 : 1
            outIDs.append(contentsOf: outputs[o])
            outStart.append(Int32(outIDs.count))
        }
        sparse = newSparse
        fail = newFail
    }

    /// The next state from `state` on dense symbol `d`.
    @inline(__always)
    private func step(_ state: Int, _ d: Int, _ table: UnsafeBufferPointer<Int32>) -> Int {
        var q = state
        while q >= denseStates {
            let first = Int(edgeStart[q]), last = Int(edgeStart[q + 1])
            var k = first
            while k < last {
                if Int(edgeSymbols[k]) == d { return Int(edgeTargets[k]) }
                k += 1
            }
            q = Int(fail[q])
        }
        return Int(table[q &* Self.denseCount &+ d])
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
        table.withUnsafeBufferPointer { table in
            symbols.withUnsafeBufferPointer { symbols in
                var state = 0
                for i in 0..<symbols.count {
                    let symbol = symbols[i]
                    let d = Self.denseIndex(symbol)
                    state = d >= 0 ? step(state, d, table) : Int(Self.sparseStep(state, symbol, sparse, fail))
                    if hasOutput[state] == 0 { continue }
                    for k in Int(outStart[state])..<Int(outStart[state + 1]) {
                        let id = Int(outIDs[k])
                        body(Hit(pattern: id, start: i - lengths[id] + 1, end: i))
                    }
                }
            }
        }
    }
}
