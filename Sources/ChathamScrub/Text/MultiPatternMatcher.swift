/// Aho–Corasick automaton over skeleton symbols: finds every occurrence of
/// every pattern in one left-to-right pass, whatever the number of patterns.
/// This is what keeps a 1,000-entry profile as fast as a 10-entry one.
///
/// Symbols `a`–`z`, `0`–`9` and the barrier use a dense transition table with
/// all failure links precomputed (one array load per symbol); any other
/// (non-Latin) symbol goes through a per-state dictionary and failure links.
/// Up to `fullLimit` states that table has a 16-bit row for every state
/// (`Storage.full`) over the symbol classes the patterns tell apart;
/// beyond, rows for the shallow states and edge lists for the deep ones.
struct MultiPatternMatcher: Sendable {
    /// One occurrence: pattern `pattern` ends at skeleton index `end` (inclusive).
    struct Hit {
        var pattern: Int
        var start: Int
        var end: Int
    }

    private static let denseCount = Skeleton.denseCount
    /// Full transition rows (`state * denseCount + symbol` → next state) for
    /// the shallow states only (depth ≤ `denseDepth`, numbered first,
    /// breadth-first). Text keeps returning to these, and a small table
    /// stays in cache: with a row for every state a 1,000-entry profile's
    /// table runs to megabytes and each symbol cost a cache miss.
    private var table: [Int32] = []
    private var denseStates = 0
    private static let denseDepth = 2
    /// The most states whose ids, shifted left one bit for the output flag,
    /// fit in 16 bits. A 1,000-entry profile has about 10,000 states: a
    /// full table of 16-bit entries (some 650 KB) fits in L2, and a step
    /// is then one load with no branch on the state's depth, where the
    /// edge-list walk of deep states cost a mispredicted branch or two
    /// per symbol.
    static let fullLimit = 1 << 15 - 1
    /// Columns of a full row when the patterns tell at most this many
    /// symbol classes apart: 32 16-bit entries are one 64-byte cache line,
    /// so a step touches one line (37 columns straddled two) and the row
    /// offset is a shift.
    static let narrowColumns = 32
    /// Deeper states keep a short list of edges over the dense alphabet,
    /// `edgeSymbols/edgeTargets[edgeStart[q]..<edgeStart[q + 1]]`: their own
    /// trie edges and those of the deep states along their failure chain
    /// (the first state on the chain with an edge on a symbol wins, as it
    /// would walking the chain), and for any other symbol one table row,
    /// that of the first shallow state on the chain (`Storage.fallback`).
    /// So a step from a deep state is one list and at most one table load,
    /// never a walk along failure links.
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
    private var storage: Storage? = nil
    /// The longest pattern, in symbols.
    private var maxLength = 0

    var isEmpty: Bool { lengths.isEmpty }

    @inline(__always)
    private static func denseIndex(_ v: UInt32) -> Int {
        let code = Skeleton.code(v)
        return code == Skeleton.wideCode ? -1 : Int(code)
    }

    /// - Parameter fullTable: use a full 16-bit table when the states fit
    ///   (off only in tests that compare it with the split layout).
    init(patterns: [[UInt32]], fullTable: Bool = true) {
        lengths = patterns.map(\.count)
        maxLength = lengths.max() ?? 0
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
        var fallback = [Int32](repeating: 0, count: stateCount)
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
                var seen: UInt64 = 0 // dense symbols with an edge listed
                var q = o
                while depth[q] > Self.denseDepth {
                    for (symbol, child) in children[q].sorted(by: { $0.key < $1.key }) {
                        let d = Self.denseIndex(symbol)
                        guard d >= 0, seen & (1 << UInt64(d)) == 0 else { continue }
                        seen |= 1 << UInt64(d)
                        edgeSymbols.append(UInt8(d))
                        edgeTargets.append(Int32(newIndex[Int(child)]))
                    }
                    q = Int(fail[q])
                }
                fallback[n] = Int32(newIndex[q])
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
        // Every state's full row, from the breadth-first rows over the old
        // numbering (the same transitions the split layout encodes).
        //
        // Its columns are symbol classes: each dense symbol some pattern
        // holds has its own, and all the others share class 0 (from every
        // state they lead back to the root, having no edge anywhere). Text
        // symbols are mapped to classes by a small table, a load off the
        // chain of states.
        var full: [UInt16] = []
        var classOf = [UInt8](repeating: 0, count: Self.denseCount)
        var columns = 0
        if fullTable, stateCount <= Self.fullLimit {
            var classes = 1
            for pattern in patterns {
                for symbol in pattern {
                    let d = Self.denseIndex(symbol)
                    if d >= 0, classOf[d] == 0 { classOf[d] = UInt8(classes); classes += 1 }
                }
            }
            columns = classes <= Self.narrowColumns ? Self.narrowColumns : classes
            full = [UInt16](repeating: 0, count: stateCount * columns)
            for n in 0..<stateCount {
                let row = order[n] * Self.denseCount
                for d in 0..<Self.denseCount {
                    let target = newIndex[Int(dense[row + d])]
                    let entry = UInt16(target << 1 | Int(hasOutput[target]))
                    precondition(classOf[d] != 0 || entry == 0, "a symbol no pattern holds leads to the root")
                    full[n * columns + Int(classOf[d])] = entry
                }
            }
        }
        // The scan's copy: raw buffers (no bounds checks or reference
        // counting per symbol), each transition carrying in its low bit
        // whether the state it leads to has outputs, so the scan touches
        // no second array for the (usual) state without.
        storage = Storage(
            table: table.map { $0 << 1 | Int32(hasOutput[Int($0)]) },
            edgeStart: edgeStart,
            edgeSymbols: edgeSymbols,
            edgeTargets: edgeTargets.map { $0 << 1 | Int32(hasOutput[Int($0)]) },
            fallback: fallback, outStart: outStart, outIDs: outIDs, lengths: lengths.map { Int32($0) }, full: full,
            classOf: classOf, columns: columns)
        // Only the raw copies are read from here on (the sparse path keeps
        // `fail`, `hasOutput` and `sparse`).
        table = []; edgeStart = []; edgeSymbols = []; edgeTargets = []; outStart = []; outIDs = []
    }

    /// Read-only raw copies of the arrays the scan uses, allocated once.
    private final class Storage: @unchecked Sendable {
        let table: UnsafeMutableBufferPointer<Int32>
        let edgeStart: UnsafeMutableBufferPointer<Int32>
        let edgeSymbols: UnsafeMutableBufferPointer<UInt8>
        let edgeTargets: UnsafeMutableBufferPointer<Int32>
        /// Per deep state, the shallow state whose row serves symbols
        /// without an edge in its list.
        let fallback: UnsafeMutableBufferPointer<Int32>
        let outStart: UnsafeMutableBufferPointer<Int32>
        let outIDs: UnsafeMutableBufferPointer<Int32>
        let lengths: UnsafeMutableBufferPointer<Int32>
        /// Every state's row (`state * denseCount + symbol` → next state
        /// shifted left one bit, the low bit its output flag), or nil when
        /// the states do not fit in 16 bits (or a test asked for the split
        /// layout); then `table` and the edge lists serve.
        /// Aligned to a cache line, so a 32-column row is exactly one.
        let full: UnsafeMutableBufferPointer<UInt16>?
        /// Each dense symbol's column in `full`, and the columns per row.
        let classOf: UnsafeMutableBufferPointer<UInt8>
        let columns: Int

        init(table: [Int32], edgeStart: [Int32], edgeSymbols: [UInt8], edgeTargets: [Int32], fallback: [Int32],
             outStart: [Int32], outIDs: [Int32], lengths: [Int32], full: [UInt16], classOf: [UInt8], columns: Int) {
            func copy<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
                let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(a.count, 1))
                _ = b.initialize(from: a)
                return b
            }
            self.table = copy(table)
            self.edgeStart = copy(edgeStart)
            self.edgeSymbols = copy(edgeSymbols)
            self.edgeTargets = copy(edgeTargets)
            self.fallback = copy(fallback)
            self.outStart = copy(outStart)
            self.outIDs = copy(outIDs)
            self.lengths = copy(lengths)
            if full.isEmpty {
                self.full = nil
            } else {
                let raw = UnsafeMutableRawPointer.allocate(byteCount: full.count * 2, alignment: 64)
                let rows = UnsafeMutableBufferPointer(start: raw.bindMemory(to: UInt16.self, capacity: full.count),
                                                      count: full.count)
                _ = rows.initialize(from: full)
                self.full = rows
            }
            self.classOf = copy(classOf)
            self.columns = columns
        }

        deinit {
            table.deallocate(); edgeStart.deallocate(); edgeSymbols.deallocate(); edgeTargets.deallocate()
            fallback.deallocate(); outStart.deallocate(); outIDs.deallocate(); lengths.deallocate()
            full.map { UnsafeMutableRawPointer($0.baseAddress!).deallocate() }
            classOf.deallocate()
        }
    }

    /// The next state from `state` on dense symbol `d`, shifted left one
    /// bit, with the low bit set when that state has outputs.
    @inline(__always)
    private static func step(_ state: Int, _ d: Int, _ st: Storage, _ denseStates: Int) -> Int {
        var q = state
        if q >= denseStates {
            let first = Int(st.edgeStart[q]), last = Int(st.edgeStart[q &+ 1])
            var k = first
            while k < last {
                if Int(st.edgeSymbols[k]) == d { return Int(st.edgeTargets[k]) }
                k &+= 1
            }
            q = Int(st.fallback[q])
        }
        return Int(st.table[q &* denseCount &+ d])
    }

    private static func sparseStep(_ from: Int, _ symbol: UInt32, _ sparse: [[UInt32: Int32]], _ fail: [Int32]) -> Int32 {
        var state = from
        while true {
            if let next = sparse[state][symbol] { return next }
            if state == 0 { return 0 }
            state = Int(fail[state])
        }
    }

    /// Calls `body` for every occurrence of every pattern in `symbols`, in
    /// order of where they end (then as the automaton lists them).
    /// - Parameter split: off only in tests that compare it with one chain.
    func scan(_ symbols: [UInt32], split: Bool = true, _ body: (Hit) -> Void) {
        let skeleton = Skeleton(symbols: symbols, origin: [])
        scan(skeleton, split: split, body)
    }

    /// Calls `body` for every occurrence of every pattern in the skeleton's
    /// symbols, in order of where they end (then as the automaton lists them).
    ///
    /// The automaton reads the skeleton's one-byte codes; only a code
    /// outside the dense alphabet looks up the symbol's value (`wide`).
    ///
    /// A long text is scanned as four quarters at once: each step is a
    /// chain of dependent table loads, and independent chains keep the
    /// memory system busy while one waits. Each later quarter starts
    /// `maxLength` symbols early from the root, which puts it in exactly
    /// the state the single scan would be in by the time it reports
    /// anything (the state is the longest trie prefix ending there, never
    /// deeper than the longest pattern); its hits are held back and
    /// reported after the earlier quarters', so `body` sees the single
    /// scan's sequence.
    /// - Parameter split: off only in tests that compare it with one chain.
    func scan(_ skeleton: Skeleton, split: Bool = true, _ body: (Hit) -> Void) {
        guard !lengths.isEmpty, let st = storage else { return }
        let denseStates = self.denseStates
        let maxLength = self.maxLength
        let wide = skeleton.wide
        /// The scan proper, over either layout: `advance(state, i)` is the
        /// state after symbol `i`, shifted left one bit, the low bit set when
        /// it has outputs.
        @inline(__always) func run(_ codes: UnsafeBufferPointer<UInt8>, _ advance: (Int, Int) -> Int) {
            @inline(__always) func report(_ state: Int, _ i: Int, _ out: (Hit) -> Void) {
                for k in Int(st.outStart[state])..<Int(st.outStart[state &+ 1]) {
                    let id = Int(st.outIDs[k])
                    out(Hit(pattern: id, start: i - Int(st.lengths[id]) + 1, end: i))
                }
            }
            let n = codes.count
            guard split, n >= 8 * maxLength + 128 else {
                var state = 0
                for i in 0..<n {
                    let packed = advance(state, i)
                    state = packed >> 1
                    if packed & 1 != 0 { report(state, i, body) }
                }
                return
            }
            // Four chains: chain k reports from c[k] and starts `maxLength`
            // symbols before it (chain 0 at 0); all four step in lockstep
            // as long as the shortest runs, then each finishes alone.
            let c1 = n / 4, c2 = n / 2, c3 = n - n / 4
            var later1: [Hit] = [], later2: [Hit] = [], later3: [Hit] = []
            var s0 = 0, s1 = 0, s2 = 0, s3 = 0
            var i0 = 0, i1 = c1 - maxLength, i2 = c2 - maxLength, i3 = c3 - maxLength
            let common = min(c1, c2 - i1, c3 - i2, n - i3)
            for _ in 0..<common {
                let p0 = advance(s0, i0), p1 = advance(s1, i1), p2 = advance(s2, i2), p3 = advance(s3, i3)
                s0 = p0 >> 1; s1 = p1 >> 1; s2 = p2 >> 1; s3 = p3 >> 1
                if (p0 | p1 | p2 | p3) & 1 != 0 {
                    if p0 & 1 != 0 { report(s0, i0, body) }
                    if p1 & 1 != 0, i1 >= c1 { report(s1, i1) { later1.append($0) } }
                    if p2 & 1 != 0, i2 >= c2 { report(s2, i2) { later2.append($0) } }
                    if p3 & 1 != 0, i3 >= c3 { report(s3, i3) { later3.append($0) } }
                }
                i0 &+= 1; i1 &+= 1; i2 &+= 1; i3 &+= 1
            }
            @inline(__always) func finish(_ state: Int, _ from: Int, _ to: Int, _ first: Int, _ out: (Hit) -> Void) {
                var q = state
                for i in from..<to {
                    let packed = advance(q, i)
                    q = packed >> 1
                    if packed & 1 != 0, i >= first { report(q, i, out) }
                }
            }
            finish(s0, i0, c1, 0, body)
            finish(s1, i1, c2, c1) { later1.append($0) }
            finish(s2, i2, c3, c2) { later2.append($0) }
            finish(s3, i3, n, c3) { later3.append($0) }
            for hit in later1 { body(hit) }
            for hit in later2 { body(hit) }
            for hit in later3 { body(hit) }
        }
        skeleton.codes.withUnsafeBufferPointer { codes in
            @inline(__always) func wideStep(_ state: Int, _ i: Int) -> Int {
                let next = Int(Self.sparseStep(state, wide[i], sparse, fail))
                return next << 1 | Int(hasOutput[next])
            }
            if let full = st.full {
                let classOf = st.classOf, columns = st.columns
                if columns == Self.narrowColumns {
                    run(codes) { state, i in
                        let d = Int(codes[i])
                        // `state * narrowColumns` as a shift.
                        if d < Self.denseCount { return Int(full[state &<< 5 &+ Int(classOf[d])]) }
                        return wideStep(state, i)
                    }
                } else {
                    run(codes) { state, i in
                        let d = Int(codes[i])
                        if d < Self.denseCount { return Int(full[state &* columns &+ Int(classOf[d])]) }
                        return wideStep(state, i)
                    }
                }
            } else {
                run(codes) { state, i in
                    let d = Int(codes[i])
                    if d < Self.denseCount { return Self.step(state, d, st, denseStates) }
                    return wideStep(state, i)
                }
            }
        }
    }
}
