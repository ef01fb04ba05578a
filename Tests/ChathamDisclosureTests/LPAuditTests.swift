import ChathamDisclosure
import ChathamTestKit
import Testing

/// Threshold-only protection (primary suppression and nothing else): the baseline every attack
/// must beat.
func thresholdOnly(_ scope: String, _ spec: TableSpec, _ observations: [Observation],
                   policy: DisclosurePolicy = .standard) throws -> ScopedTable {
    let cells = try Disclosure.cellStats(spec: spec, observations: observations)
    return ScopedTable(scope: scope, table: ProtectedTable(spec: spec, cells: cells.map { c in
        let primary = policy.primaryReason(for: c) != nil
        return ProtectedCell(key: c.key, count: c.count, published: !primary, primary: primary, contributions: c.contributions)
    }))
}

/// The engine, for one scope.
func engine(_ scope: String, _ tables: [(TableSpec, [Observation])], history: [ScopedTable] = [],
            aggregations: [Aggregation] = [], policy: DisclosurePolicy = .standard) throws -> [ScopedTable] {
    try Disclosure.protect(tables.map { spec, obs in
        Disclosure.TableInput(scope: scope, spec: spec, cells: try Disclosure.cellStats(spec: spec, observations: obs))
    }, policy: policy, history: history, aggregations: aggregations)
}

/// Every distinct contributor index of the tables.
func contributors(_ tables: [ScopedTable]) -> Set<Int32> {
    Set(tables.flatMap { $0.table.cells.flatMap { $0.contributions.keys } })
}

/// Every hidden cell protected against an outsider, against every single member (each audited on
/// its own, as the independent check does), and against all members' knowledge at once.
func expectSafe(_ tables: [ScopedTable], aggregations: [Aggregation] = [], policy: DisclosurePolicy = .standard,
                sourceLocation: SourceLocation = #_sourceLocation) throws {
    var knowledge: [AttackerKnowledge] = [.outsider, .anyMember]
    knowledge += contributors(tables).sorted().map { .member($0) }
    for k in knowledge {
        for i in try Disclosure.intervals(tables, aggregations: aggregations, policy: policy, knowledge: k) {
            #expect(i.isProtected, "\(k): \(i) narrower than \(i.required)", sourceLocation: sourceLocation)
            #expect(i.lower.map { $0 <= i.count } ?? true, sourceLocation: sourceLocation)
            #expect(i.upper.map { $0 >= i.count } ?? true, sourceLocation: sourceLocation)
        }
    }
    #expect(try Disclosure.auditIntervals(tables, aggregations: aggregations, policy: policy).isEmpty,
            sourceLocation: sourceLocation)
}

func interval(_ tables: [ScopedTable], _ scope: String, _ table: String, _ key: [String],
              knowledge: AttackerKnowledge = .outsider, aggregations: [Aggregation] = []) throws -> CellInterval? {
    try Disclosure.intervals(tables, aggregations: aggregations, policy: .standard, knowledge: knowledge)
        .first { $0.scope == scope && $0.table == table && $0.key == key }
}

@Suite("LP audit and secondary suppression")
struct LPAuditTests {
    static let grid = TableSpec(name: "grid", dimensions: ["v1", "v2"])

    // MARK: sdcTable's fixture

    /// sdcTable (tests/testthat/test_secondarySuppression.R): a 4×4 table whose 9 primary cells
    /// leave at least two suppressed cells in every row and column, and still w|b = 47 follows:
    /// rows w + x give 236 for {wa, wb, wc, xa, xc}, columns a + c give 189 for {wa, xa, wc, xc}.
    static let sdc: [[Int]] = [  // rows w x y z, columns a b c d
        [30, 47, 64, 89],
        [90, 124, 5, 31],
        [92, 100, 59, 85],
        [800, 991, 651, 685],
    ]
    static let sdcPrimary: Set<[Int]> = [[0, 0], [0, 1], [0, 2], [1, 0], [1, 2], [2, 1], [2, 3], [3, 1], [3, 3]]

    /// Primary cells: reports from four contributors (below the threshold of 5); the rest one report
    /// per contributor.
    static func sdcObservations() -> [Observation] {
        var observations: [Observation] = []
        var next: Int32 = 0
        for (r, row) in sdc.enumerated() {
            for (c, n) in row.enumerated() {
                let key = [["w", "x", "y", "z"][r], ["a", "b", "c", "d"][c]]
                if sdcPrimary.contains([r, c]) {
                    observations += (0..<n).map { Observation(contributor: next + Int32($0 % 4), tuples: [key]) }
                    next += 4
                } else {
                    observations += reports(n, key, firstContributor: next)
                    next += Int32(n)
                }
            }
        }
        return observations
    }

    @Test("sdcTable 4×4: two suppressions per line leave w|b = 47 exact; the engine protects it")
    func sdcTableFixture() throws {
        let observations = Self.sdcObservations()
        // Exactly sdcTable's pattern: the nine primary cells, nothing else.
        let pattern = try thresholdOnly("t", Self.grid, observations)
        let hidden = pattern.table.cells.filter { !$0.published }.map(\.key)
        #expect(hidden.count == 9)
        // The line rule sees nothing wrong: every row and column has two or more suppressed cells...
        let cells = try Disclosure.cellStats(spec: Self.grid, observations: observations)
        let lineAudit = try Disclosure.audit(spec: Self.grid, cells: cells, policy: .standard, published: pattern.table.publishedView)
        #expect(!lineAudit.contains { $0.code == .singleSuppression })
        // ...and yet the LP pins w|b down.
        let wb = try #require(try interval([pattern], "t", "grid", ["w", "b"]))
        #expect(wb.lower == 47 && wb.upper == 47)
        #expect(try Disclosure.auditIntervals([pattern], policy: .standard).contains { $0.key == ["w", "b"] })

        let protected = try engine("t", [(Self.grid, observations)])
        try expectSafe(protected)
        let after = try #require(try interval(protected, "t", "grid", ["w", "b"]))
        #expect(after.width.map { $0 > 0 } ?? true)
        // Primary cells stay hidden; published counts are the true ones.
        for cell in protected[0].table.cells {
            if cell.primary { #expect(!cell.published) }
        }
        #expect(protected[0].table.cells.filter { !$0.published }.count > 9)
    }

    // MARK: oracles

    /// Brute force over integers: every assignment of the hidden cells of a small two-way table
    /// that satisfies all published line sums (hidden cells ≥ 1, the grand total ≥ 0).
    static func bruteForce(_ table: ProtectedTable, cap: Int) -> [[String]: (Int, Int)] {
        let hidden = table.cells.indices.filter { !table.cells[$0].published }
        var low = [Int](repeating: .max, count: hidden.count), high = [Int](repeating: .min, count: hidden.count)
        var values = table.cells.map(\.count)
        let index = Dictionary(uniqueKeysWithValues: table.cells.enumerated().map { ($1.key, $0) })
        func consistent() -> Bool {
            for (i, cell) in table.cells.enumerated() {
                for d in 0..<2 where cell.key[d] == "*" {
                    // margin i along d = Σ of listed parts
                    var sum = 0
                    for (j, other) in table.cells.enumerated() where other.key[d] != "*" {
                        var k = other.key
                        k[d] = "*"
                        if k == cell.key { sum += values[j] }
                    }
                    let hasParts = table.cells.contains { o in o.key[d] != "*" && { var k = o.key; k[d] = "*"; return k == cell.key }() }
                    if hasParts && sum != values[i] { return false }
                }
            }
            return true
        }
        _ = index
        func recurse(_ h: Int) {
            if h == hidden.count {
                if consistent() {
                    for (n, i) in hidden.enumerated() {
                        low[n] = min(low[n], values[i])
                        high[n] = max(high[n], values[i])
                    }
                }
                return
            }
            let i = hidden[h]
            let floor = table.cells[i].key == ["*", "*"] ? 0 : 1
            for v in floor...cap {
                values[i] = v
                recurse(h + 1)
            }
            values[i] = table.cells[i].count
        }
        recurse(0)
        var result: [[String]: (Int, Int)] = [:]
        for (n, i) in hidden.enumerated() { result[table.cells[i].key] = (low[n], high[n]) }
        return result
    }

    @Test("random 2×3 tables: LP intervals equal brute-force integer intervals")
    func randomAgainstBruteForce() throws {
        var rng = SplitMix64(seed: 4)
        let spec = TableSpec(name: "r", dimensions: ["a", "b"])
        var checked = 0
        for _ in 0..<60 {
            var observations: [Observation] = []
            var next: Int32 = 0
            for a in 0..<2 {
                for b in 0..<3 {
                    let n = Int.random(in: 0...4, using: &rng)
                    observations += reports(n, ["a\(a)", "b\(b)"], firstContributor: next)
                    next += Int32(n)
                }
            }
            let cells = try Disclosure.cellStats(spec: spec, observations: observations)
            let total = cells.first { $0.key == ["*", "*"] }!.count
            guard total > 0 else { continue }
            // A random pattern of 1–3 hidden cells, the grand total never among them (so every
            // interval is bounded and the brute force needs no cap beyond the total).
            let candidates = cells.indices.filter { cells[$0].key != ["*", "*"] }
            let hiddenCount = Int.random(in: 1...min(3, candidates.count), using: &rng)
            let hidden = Set(candidates.shuffled(using: &rng).prefix(hiddenCount))
            let table = ProtectedTable(spec: spec, cells: cells.enumerated().map { i, c in
                ProtectedCell(key: c.key, count: c.count, published: !hidden.contains(i), primary: false, contributions: c.contributions)
            })
            let oracle = Self.bruteForce(table, cap: total)
            let lp = try Disclosure.intervals([ScopedTable(scope: "s", table: table)], policy: .standard, knowledge: .outsider)
            #expect(lp.count == hidden.count)
            for i in lp {
                let (lo, hi) = try #require(oracle[i.key])
                #expect(i.lower == lo && i.upper == hi, "\(i.key): LP [\(i.lower!), \(i.upper!)] vs brute force [\(lo), \(hi)]")
            }
            checked += 1
        }
        #expect(checked > 40)
    }

    /// The bridge test: in a two-way table with margins, a hidden cell is fixed by the equations
    /// alone exactly when its edge (row node — column node, margins being nodes too) is a bridge of
    /// the graph of hidden cells.
    static func isBridge(_ edge: Int, _ edges: [(Int, Int)], nodes: Int) -> Bool {
        // Connected without the edge? Then it lies on a cycle.
        var adjacency = Array(repeating: [Int](), count: nodes)
        for (e, (u, v)) in edges.enumerated() where e != edge {
            adjacency[u].append(v)
            adjacency[v].append(u)
        }
        let (s, t) = edges[edge]
        var seen: Set<Int> = [s], stack = [s]
        while let u = stack.popLast() {
            for v in adjacency[u] where seen.insert(v).inserted { stack.append(v) }
        }
        return !seen.contains(t)
    }

    @Test("random 3×4 tables: exactly determined by the equations ⇔ a bridge")
    func randomAgainstBridgeTest() throws {
        var rng = SplitMix64(seed: 7)
        let spec = TableSpec(name: "r", dimensions: ["a", "b"])
        var exact = 0, free = 0
        for _ in 0..<80 {
            var observations: [Observation] = []
            var next: Int32 = 0
            for a in 0..<3 {
                for b in 0..<4 {
                    let n = Int.random(in: 1...9, using: &rng)  // every cell present
                    observations += reports(n, ["a\(a)", "b\(b)"], firstContributor: next)
                    next += Int32(n)
                }
            }
            let cells = try Disclosure.cellStats(spec: spec, observations: observations)
            let hidden = Set(cells.indices.filter { _ in Int.random(in: 0..<10, using: &rng) < 4 })
            guard !hidden.isEmpty else { continue }
            let table = ProtectedTable(spec: spec, cells: cells.enumerated().map { i, c in
                ProtectedCell(key: c.key, count: c.count, published: !hidden.contains(i), primary: false)
            })
            // Nodes: rows a0..a2 and "*" (0–3), columns b0..b3 and "*" (4–8).
            func node(_ key: [String]) -> (Int, Int) {
                let r = key[0] == "*" ? 3 : Int(key[0].dropFirst())!
                let c = key[1] == "*" ? 8 : 4 + Int(key[1].dropFirst())!
                return (r, c)
            }
            let order = hidden.sorted()
            let edges = order.map { node(cells[$0].key) }
            let lp = try Disclosure.intervals([ScopedTable(scope: "s", table: table)], policy: .standard, knowledge: .equationsOnly)
            for (e, i) in order.enumerated() {
                let found = try #require(lp.first { $0.key == cells[i].key })
                let bridge = Self.isBridge(e, edges, nodes: 9)
                #expect(found.isExact == bridge, "\(cells[i].key) bridge: \(bridge)")
                if bridge {
                    #expect(found.lower == cells[i].count)
                    exact += 1
                } else {
                    #expect(found.lower == nil && found.upper == nil)
                    free += 1
                }
            }
        }
        #expect(exact > 10 && free > 10)
    }

    @Test("random tables: the engine's output passes every attacker, member by member")
    func randomEngine() throws {
        var rng = SplitMix64(seed: 11)
        let spec = TableSpec(name: "r", dimensions: ["a", "b"])
        for _ in 0..<15 {
            var observations: [Observation] = []
            for a in 0..<3 {
                for b in 0..<4 {
                    let n = Int.random(in: 0...12, using: &rng)
                    for _ in 0..<n {
                        observations.append(Observation(contributor: Int32.random(in: 0..<12, using: &rng), tuples: [["a\(a)", "b\(b)"]]))
                    }
                }
            }
            try expectSafe(try engine("s", [(spec, observations)]))
        }
    }

    // MARK: attacks

    /// Sector 62 has 4 contributors and is hidden; every other sector and the total are published.
    /// The tracker subtracts: total − Σ published sectors. Also across linked tables: the engine
    /// must hide the same cell in action × sector's sector margin.
    @Test("tracker (differencing) attack: succeeds on threshold-only, fails on the engine")
    func trackerAttack() throws {
        let sectors = TableSpec(name: "victim-sector", dimensions: ["victim.sector"])
        let actions = TableSpec(name: "action-by-sector", dimensions: ["action.category", "victim.sector"], multiValued: ["action.category"])
        var observations: [Observation] = []
        var next: Int32 = 0
        for (sector, n) in [("52", 30), ("62", 4), ("11", 12), ("31", 9)] {
            for i in 0..<n {
                observations.append(Observation(contributor: next, tuples: [[i % 3 == 0 ? "social" : "malware", sector]]))
                next += 1
            }
        }
        let sectorObs = observations.map { Observation(contributor: $0.contributor, tuples: [[$0.tuples[0][1]]]) }
        let naive = [try thresholdOnly("m", sectors, sectorObs), try thresholdOnly("m", actions, observations)]
        let attack = try #require(try interval(naive, "m", "victim-sector", ["62"]))
        #expect(attack.isExact && attack.lower == 4)

        let protected = try engine("m", [(sectors, sectorObs), (actions, observations)])
        try expectSafe(protected)
        #expect(!(try interval(protected, "m", "victim-sector", ["62"]))!.isExact)
        // One cell, one status: the sector margin of the linked table is hidden too.
        #expect(protected[1].table.cells.first { $0.key == ["*", "62"] }?.published == false)
    }

    /// Member 0 alone reported sector A (4 reports); member 1 alone reported sector B (1 report).
    /// Both are hidden and the line rule is satisfied; an outsider sees A + B = 5, but member 0,
    /// knowing A ≥ 4, gets B = 1: there is exactly one other report, and it is member 1's.
    @Test("member-insider attack: succeeds on threshold-only and on the line rule, fails on the engine")
    func insiderAttack() throws {
        let spec = TableSpec(name: "victim-sector", dimensions: ["victim.sector"])
        var observations = reports(4, ["A"], by: 0) + reports(1, ["B"], by: 1)
        for m in Int32(2)..<12 { observations += reports(2, ["C"], by: m) }
        for m in Int32(2)..<17 { observations += reports(2, ["D"], by: m) }

        let naive = try thresholdOnly("m", spec, observations)
        #expect(try interval([naive], "m", "victim-sector", ["B"], knowledge: .member(0))?.isExact == true)

        // The interim line rule: A and B both hidden, an outsider cannot pin either...
        var lineRule = naive
        lineRule.table.cells = lineRule.table.cells.map { c in
            var c = c
            if c.key == ["A"] || c.key == ["B"] { c.published = false }
            return c
        }
        #expect(try interval([lineRule], "m", "victim-sector", ["B"])?.isProtected == true)
        // ...but the insider can.
        let inside = try #require(try interval([lineRule], "m", "victim-sector", ["B"], knowledge: .member(0)))
        #expect(inside.isExact && inside.lower == 1)

        let protected = try engine("m", [(spec, observations)])
        try expectSafe(protected)
        #expect(try interval(protected, "m", "victim-sector", ["B"], knowledge: .member(0))?.isExact == false)
    }

    /// Month 1 publishes sector B (8); month 2 hides it (3 contributors); the quarter-to-date table
    /// after month 2 has B = 11 with 11 contributors, publishable on its own. Quarter − month 1 =
    /// month 2's hidden cell.
    @Test("month-then-quarter attack: succeeds on threshold-only, fails on the engine")
    func monthThenQuarterAttack() throws {
        let spec = TableSpec(name: "victim-sector", dimensions: ["victim.sector"])
        let month1 = reports(10, ["A"], firstContributor: 0) + reports(8, ["B"], firstContributor: 100)
        let month2 = reports(12, ["A"], firstContributor: 200) + reports(3, ["B"], firstContributor: 300)
        let quarter = Aggregation(total: "2026-10..2026-11", parts: ["2026-10", "2026-11"])

        // Month releases as the engine made them.
        let m1 = try engine("2026-10", [(spec, month1)])
        let m2 = try engine("2026-11", [(spec, month2)])
        #expect(m1[0].table.cells.allSatisfy { $0.published })
        #expect(m2[0].table.cell("B")?.published == false)
        try expectSafe(m1 + m2)

        // Threshold-only quarter-to-date table: B (11 contributors) is published, and gives month 2 away.
        let naiveQuarter = try thresholdOnly("2026-10..2026-11", spec, month1 + month2)
        #expect(naiveQuarter.table.cell("B")?.published == true)
        let attack = try #require(try interval(m1 + m2 + [naiveQuarter], "2026-11", "victim-sector", ["B"], aggregations: [quarter]))
        #expect(attack.isExact && attack.lower == 3)

        // The engine, given what was published before, hides the quarter's B (and A with it).
        let q = try engine("2026-10..2026-11", [(spec, month1 + month2)], history: m1 + m2, aggregations: [quarter])
        #expect(q[0].table.cell("B")?.published == false)
        #expect(q[0].table.cell("*")?.published == true)
        try expectSafe(m1 + m2 + q, aggregations: [quarter])
    }

    /// The worked example of docs/disclosure.md, number for number.
    @Test("worked example of docs/disclosure.md")
    func workedExample() throws {
        let spec = TableSpec(name: "victim-sector", dimensions: ["victim.sector"])
        var observations = reports(4, ["A"], by: 0) + reports(1, ["B"], by: 1)
        for m in Int32(2)..<12 { observations += reports(2, ["C"], by: m) }
        for m in Int32(2)..<17 { observations += reports(2, ["D"], by: m) }
        let protected = try engine("m", [(spec, observations)])
        #expect(protected[0].table.cells.map { $0.published ? "\($0.count)" : "-" } == ["-", "-", "-", "30", "55"])
        func bounds(_ key: String, _ k: AttackerKnowledge) throws -> [Int?] {
            let i = try #require(try interval(protected, "m", "victim-sector", [key], knowledge: k))
            return [i.lower, i.upper]
        }
        #expect(try bounds("A", .outsider) == [1, 23])
        #expect(try bounds("B", .outsider) == [1, 23])
        #expect(try bounds("C", .outsider) == [1, 23])
        #expect(try bounds("A", .member(0)) == [4, 23])
        #expect(try bounds("B", .member(0)) == [1, 20])
        #expect(try bounds("C", .member(0)) == [1, 20])
        #expect(try bounds("A", .anyMember) == [4, 22])
        #expect(try bounds("B", .anyMember) == [1, 19])
        #expect(try bounds("C", .anyMember) == [2, 20])
    }

    @Test("p% rule: the others hold less than p% of the largest")
    func pPercentRule() throws {
        let policy = try DisclosurePolicy(minContributors: 3, dominanceN: 2, dominanceK: 1.0, pPercent: 10)
        // 100 + 50 + 14 (7 others of 2): rest 14 ≥ 10 → safe; with 9 instead: rest < 10 → sensitive.
        let safe = CellStats(key: ["x"], count: 164, contributions: [0: 100, 1: 50, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2, 8: 2])
        let sensitive = CellStats(key: ["x"], count: 159, contributions: [0: 100, 1: 50, 2: 3, 3: 3, 4: 3])
        #expect(policy.primaryReason(for: safe) == nil)
        #expect(policy.primaryReason(for: sensitive) == .pPercent)
        #expect(DisclosurePolicy.standard.primaryReason(for: sensitive) == .dominated)
        #expect(throws: DisclosureError.self) { try DisclosurePolicy(pPercent: 0) }
        #expect(throws: DisclosureError.self) { try DisclosurePolicy(protectionMinimum: 0) }
        #expect(DisclosurePolicy.standard.requiredWidth(count: 3) == 2)
        #expect(DisclosurePolicy.standard.requiredWidth(count: 101) == 11)
    }
}
