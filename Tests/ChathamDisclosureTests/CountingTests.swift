import ChathamDisclosure
import ChathamTestKit
import Testing

@Suite("Counting")
struct CountingTests {
    let spec = TableSpec(name: "action-by-sector", dimensions: ["action.category", "victim.sector"],
                         multiValued: ["action.category"])

    @Test("a report counts once per cell, margins included, and empty reports only in the grand total")
    func multiValuedAndEmpty() throws {
        let observations = [
            // Two actions in sector 52: counts once in (*, 52) and once in the grand total.
            Observation(contributor: 0, tuples: [["malware", "52"], ["hacking", "52"]]),
            // Two tuples with the same action: counts once in (malware, *).
            Observation(contributor: 1, tuples: [["malware", "52"], ["malware", "61"]]),
            Observation(contributor: 1, tuples: [["social", "61"]]),
            // No action at all: only the grand total.
            Observation(contributor: 2, tuples: []),
        ]
        let cells = try Disclosure.cellStats(spec: spec, observations: observations)
        let got = Dictionary(uniqueKeysWithValues: cells.map { ($0.key, $0.count) })
        let expected: [[String]: Int] = [
            ["hacking", "52"]: 1, ["hacking", "*"]: 1,
            ["malware", "52"]: 2, ["malware", "61"]: 1, ["malware", "*"]: 2,
            ["social", "61"]: 1, ["social", "*"]: 1,
            ["*", "52"]: 2, ["*", "61"]: 2,
            ["*", "*"]: 4,
        ]
        #expect(got == expected)
        #expect(cells.cell("*", "*")?.contributions == [0: 1, 1: 2, 2: 1])
        #expect(cells.cell("malware", "*")?.contributions == [0: 1, 1: 1])
        #expect(cells.cell("*", "61")?.contributions == [1: 2])
        #expect(cells.cell("*", "61")?.contributors == 1)
    }

    @Test("cells come sorted by key with \"*\" after values; zero cells are left out")
    func order() throws {
        let observations = [
            Observation(contributor: 0, tuples: [["b", "2"]]),
            Observation(contributor: 1, tuples: [["a", "1"]]),
        ]
        let keys = try Disclosure.cellStats(spec: spec, observations: observations).map(\.key)
        #expect(keys == [["a", "1"], ["a", "*"], ["b", "2"], ["b", "*"], ["*", "1"], ["*", "2"], ["*", "*"]])
    }

    @Test("a \"*\" in a tuple means no value on that dimension")
    func noValueComponent() throws {
        let observations = [Observation(contributor: 0, tuples: [["*", "52"]])]
        let keys = try Disclosure.cellStats(spec: spec, observations: observations).map(\.key)
        #expect(keys == [["*", "52"], ["*", "*"]])
    }

    @Test("an empty table still has its grand total")
    func emptyTable() throws {
        let cells = try Disclosure.cellStats(spec: spec, observations: [])
        #expect(cells == [CellStats(key: ["*", "*"], count: 0, contributions: [:])])
        let table = try Disclosure.protect(spec: spec, cells: cells, policy: .standard)
        #expect(table.cells == [ProtectedCell(key: ["*", "*"], count: 0, published: false, primary: true)])
        #expect(try Disclosure.audit(spec: spec, cells: cells, policy: .standard, published: table.publishedView).isEmpty)
    }

    @Test("a one-dimensional table and a table without dimensions")
    func smallShapes() throws {
        let one = TableSpec(name: "by-region", dimensions: ["victim.region"])
        let cells = try Disclosure.cellStats(spec: one, observations: [
            Observation(contributor: 0, tuples: [["europe"]]),
            Observation(contributor: 1, tuples: [["asia"]]),
            Observation(contributor: 1, tuples: [["europe"]]),
        ])
        #expect(cells.map(\.key) == [["asia"], ["europe"], ["*"]])
        #expect(cells.map(\.count) == [1, 2, 3])

        let none = TableSpec(name: "total", dimensions: [])
        let total = try Disclosure.cellStats(spec: none, observations: [
            Observation(contributor: 0, tuples: [[]]), Observation(contributor: 1, tuples: []),
        ])
        #expect(total == [CellStats(key: [], count: 2, contributions: [0: 1, 1: 1])])
    }

    @Test("bad tuples and specs are refused, and a refused report changes nothing")
    func invalidInput() throws {
        var builder = try TableBuilder(spec: spec)
        try builder.add(Observation(contributor: 0, tuples: [["malware", "52"]]))
        let before = builder.cellStats()
        #expect(throws: DisclosureError.self) {
            try builder.add(Observation(contributor: 1, tuples: [["malware", "52"], ["malware"]]))
        }
        #expect(throws: DisclosureError.self) {
            try builder.add(Observation(contributor: 1, tuples: [["", "52"]]))
        }
        #expect(builder.cellStats() == before)
        #expect(builder.reportCount == 1)

        for bad in [
            TableSpec(name: "", dimensions: ["a"]),
            TableSpec(name: "t", dimensions: ["a", "a"]),
            TableSpec(name: "t", dimensions: ["*"]),
            TableSpec(name: "t", dimensions: ["a"], multiValued: ["b"]),
            TableSpec(name: "t", dimensions: (0..<9).map { "d\($0)" }),
        ] {
            do {
                _ = try TableBuilder(spec: bad)
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.code == .invalidSpec)
            }
        }
    }

    @Test("a dimension that outgrows its packed width is refused")
    func tooManyValues() throws {
        // 8 dimensions leave 8 bits, 255 values, per dimension.
        let wide = TableSpec(name: "wide", dimensions: (0..<8).map { "d\($0)" })
        var builder = try TableBuilder(spec: wide)
        for v in 0..<255 {
            try builder.add(Observation(contributor: 0, tuples: [Array(repeating: "v\(v)", count: 8)]))
        }
        do {
            try builder.add(Observation(contributor: 0, tuples: [Array(repeating: "v255", count: 8)]))
            Issue.record("accepted a 256th value")
        } catch {
            #expect(error.code == .tooManyValues)
        }
        #expect(builder.reportCount == 255)
    }
}

@Suite("Counting with many contributors")
struct ManyContributorsTests {
    @Test("per-contributor counts stay exact when cells switch to dense storage")
    func denseStorage() throws {
        let spec = TableSpec(name: "t", dimensions: ["a", "b"], multiValued: ["b"])
        var rng = SplitMix64(seed: 7)
        var observations: [Observation] = []
        for _ in 0..<6000 {
            // Indices up to 700, a few negative ones (not expected from callers, but must not break).
            let contributor = Int.random(in: 0..<50, using: &rng) == 0
                ? -Int32.random(in: 1...5, using: &rng) : Int32.random(in: 0..<700, using: &rng)
            let a = ["x", "y"].randomElement(using: &rng)!
            let tuples = (0..<Int.random(in: 0...2, using: &rng)).map { _ in [a, ["p", "q", "r"].randomElement(using: &rng)!] }
            observations.append(Observation(contributor: contributor, tuples: tuples))
        }
        let cells = try Disclosure.cellStats(spec: spec, observations: observations)
        for cell in cells {
            var expected: [Int32: Int] = [:]
            for o in observations {
                let all = cell.key.allSatisfy { $0 == "*" }
                if all || o.tuples.contains(where: { t in t.indices.allSatisfy { cell.key[$0] == "*" || cell.key[$0] == t[$0] } }) {
                    expected[o.contributor, default: 0] += 1
                }
            }
            #expect(cell.contributions == expected, "cell \(cell.key)")
            #expect(cell.count == expected.values.reduce(0, +))
        }
        #expect(cells.cell("*", "*")?.count == 6000)
    }
}
