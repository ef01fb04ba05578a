import ChathamDisclosure
import ChathamTestKit
import Testing

/// The integer counting path, sums within an epoch, the largest-per-epoch rule across epochs, and
/// the choice of complements that keeps grand totals published.
@Suite("Epochs and the counting fast path")
struct EpochAndBuilderTests {
    /// The counting rule written from its definition: every subset of every tuple, once per report.
    static func oracle(_ observations: [Observation], dimensions: Int) -> [[String]: [Int32: Int]] {
        var cells: [[String]: [Int32: Int]] = [:]
        for o in observations {
            var keys = Set<[String]>()
            if o.tuples.isEmpty { keys.insert(Array(repeating: "*", count: dimensions)) }
            for tuple in o.tuples {
                for mask in 0..<(1 << dimensions) {
                    keys.insert((0..<dimensions).map { mask & (1 << $0) != 0 ? tuple[$0] : "*" })
                }
            }
            for key in keys { cells[key, default: [:]][o.contributor, default: 0] += 1 }
        }
        if cells[Array(repeating: "*", count: dimensions)] == nil { cells[Array(repeating: "*", count: dimensions)] = [:] }
        return cells
    }

    @Test("many values (grid growth, and the hash map past the grid's size) count like the oracle", arguments: [1, 2, 3])
    func manyValues(dimensions: Int) throws {
        var rng = SplitMix64(seed: UInt64(40 + dimensions))
        let spec = TableSpec(name: "t", dimensions: (0..<dimensions).map { "d\($0)" }, multiValued: ["d0"])
        // 300 values per dimension: the grid doubles from 16 to 512, and for three dimensions
        // (512³ cells) gives way to the hash map.
        var observations: [Observation] = []
        for _ in 0..<3000 {
            let tuples = (0..<Int.random(in: 0...2, using: &rng)).map { _ in
                (0..<dimensions).map { d in Int.random(in: 0..<12, using: &rng) == 0 ? "*" : "d\(d)v\(Int.random(in: 0..<300, using: &rng))" }
            }
            observations.append(Observation(contributor: Int32.random(in: 0..<700, using: &rng), tuples: tuples))
        }
        let cells = try Disclosure.cellStats(spec: spec, observations: observations)
        let expected = Self.oracle(observations, dimensions: dimensions)
        #expect(cells.count == expected.count)
        for cell in cells {
            #expect(cell.contributions == expected[cell.key] ?? [:], "\(cell.key)")
            #expect(cell.count == (expected[cell.key] ?? [:]).values.reduce(0, +))
        }
    }

    @Test("coded adds and string adds give the same table")
    func codedPath() throws {
        let spec = TableSpec(name: "t", dimensions: ["a", "b"], multiValued: ["a"])
        var byString = try TableBuilder(spec: spec)
        var byCode = try TableBuilder(spec: spec)
        let observations = [
            Observation(contributor: 0, tuples: [["x", "1"], ["y", "1"], ["x", "1"]]),
            Observation(contributor: 1, tuples: [["y", "2"]]),
            Observation(contributor: 1, tuples: []),
            Observation(contributor: 2, tuples: [["*", "2"]]),
        ]
        try byString.add(contentsOf: observations)
        for o in observations {
            var codes: [UInt32] = []
            for tuple in o.tuples {
                for (d, value) in tuple.enumerated() { codes.append(try byCode.code(of: value, dimension: d)) }
            }
            codes.withUnsafeBufferPointer { byCode.add(contributor: o.contributor, codes: $0, tupleCount: o.tuples.count) }
        }
        #expect(byCode.cellStats() == byString.cellStats())
        #expect(byCode.cellStats().cell("x", "1")?.count == 1)  // two identical tuples, one report
        #expect(byCode.reportCount == 4)
    }

    @Test("within an epoch, months add up member by member")
    func sumWithinEpoch() {
        let october = [CellStats(key: ["52"], count: 3, contributions: [0: 2, 1: 1]), CellStats(key: ["*"], count: 3, contributions: [0: 2, 1: 1])]
        let november = [CellStats(key: ["52"], count: 2, contributions: [1: 1, 2: 1]), CellStats(key: ["61"], count: 1, contributions: [3: 1]),
                        CellStats(key: ["*"], count: 3, contributions: [1: 1, 2: 1, 3: 1])]
        let quarter = Disclosure.sum([october, november])
        #expect(quarter.map(\.key) == [["52"], ["61"], ["*"]])
        #expect(quarter.cell("52") == CellStats(key: ["52"], count: 5, contributions: [0: 2, 1: 2, 2: 1]))
        #expect(quarter.cell("*")?.contributors == 4)
    }

    @Test("across epochs: the largest per-epoch count of contributors, the sum of per-epoch top shares")
    func combineEpochs() throws {
        // Q3: 4 members (5, 1, 1, 1); Q4: 3 members (4, 2, 1). Members cannot be linked across
        // epochs, so the cell has 4 contributors (not 7), and its two largest may hold 5+1+4+2 = 12.
        let q3 = [CellStats(key: ["62"], count: 8, contributions: [0: 5, 1: 1, 2: 1, 3: 1])]
        let q4 = [CellStats(key: ["62"], count: 7, contributions: [0: 4, 7: 2, 9: 1])]
        let year = Disclosure.combineEpochs([q3, q4])
        let cell = try #require(year.cell("62"))
        #expect(cell.count == 15)
        #expect(cell.contributors == 4)
        #expect(cell.largestContributions(1) == 9)
        #expect(cell.largestContributions(2) == 12)
        // Published on a plain union (7 distinct pseudonyms ≥ 5, top two 7 of 15 ≤ 85%); not here.
        let union = CellStats(key: ["62"], count: 15, contributions: [0: 5, 1: 1, 2: 1, 3: 1, 10: 4, 17: 2, 19: 1])
        #expect(DisclosurePolicy.standard.primaryReason(for: union) == nil)
        #expect(DisclosurePolicy.standard.primaryReason(for: cell) == .tooFewContributors)
        // A cell in one epoch only keeps its own figures.
        let only = Disclosure.combineEpochs([[CellStats(key: ["11"], count: 2, contributions: [4: 2])], []])
        #expect(only == [CellStats(key: ["11"], count: 2, contributions: [0: 2])])
    }

    @Test("the p% rule: on when set, with its parameter")
    func pPercent() throws {
        // 40 + 30 + 3 × 1: the others (3) are under 10% of the largest (40) → sensitive at p = 10;
        // at p = 5 (2 < 3) it is not.
        let cell = CellStats(key: ["x"], count: 73, contributions: [0: 40, 1: 30, 2: 1, 3: 1, 4: 1])
        let loose = try DisclosurePolicy(minContributors: 5, dominanceN: 2, dominanceK: 0.99)
        #expect(loose.primaryReason(for: cell) == nil)
        #expect(try DisclosurePolicy(minContributors: 5, dominanceN: 2, dominanceK: 0.99, pPercent: 10).primaryReason(for: cell) == .pPercent)
        #expect(try DisclosurePolicy(minContributors: 5, dominanceN: 2, dominanceK: 0.99, pPercent: 5).primaryReason(for: cell) == nil)
    }

    /// Two linked tables of one scope: a sector table whose only rare cell sits beside one big
    /// cell, and a size table. The grand total is one cell in both. Complements are chosen by
    /// information loss, so the grand total stays published whenever another cell can protect.
    @Test("complements keep the grand total published where another cell can protect")
    func grandTotalStaysPublished() throws {
        var observations: [Observation] = []
        var next: Int32 = 0
        func add(_ n: Int, sector: String, size: String) {
            for _ in 0..<n {
                observations.append(Observation(contributor: next, tuples: [[sector, size]]))
                next += 1
            }
        }
        add(2, sector: "11", size: "small")
        add(40, sector: "52", size: "small")
        add(30, sector: "62", size: "large")
        let sector = TableSpec(name: "victim-sector", dimensions: ["victim.sector"])
        let size = TableSpec(name: "victim-size", dimensions: ["victim.size"])
        let sectorCells = try Disclosure.cellStats(spec: sector, observations: observations.map { Observation(contributor: $0.contributor, tuples: [[$0.tuples[0][0]]]) })
        let sizeCells = try Disclosure.cellStats(spec: size, observations: observations.map { Observation(contributor: $0.contributor, tuples: [[$0.tuples[0][1]]]) })
        let protected = try Disclosure.protect([.init(scope: "m", spec: sector, cells: sectorCells), .init(scope: "m", spec: size, cells: sizeCells)],
                                               policy: .standard)
        for scoped in protected {
            #expect(scoped.table.cell("*")?.published == true, "\(scoped.table.spec.name)")
        }
        #expect(protected[0].table.cell("11")?.published == false)
        #expect(try Disclosure.intervals(protected, policy: .standard).allSatisfy(\.isProtected))
    }
}
