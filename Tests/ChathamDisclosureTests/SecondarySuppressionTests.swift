import ChathamDisclosure
import Testing

@Suite("Secondary suppression")
struct SecondarySuppressionTests {
    let spec = TableSpec(name: "grid", dimensions: ["row", "col"])

    /// Each cell's reports come from distinct contributors, so count = contributors and nothing is
    /// dominated; only counts below 5 fail on their own.
    func grid(_ counts: [[Int]]) -> [Observation] {
        var observations: [Observation] = []
        var next: Int32 = 0
        for (r, row) in counts.enumerated() {
            for (c, n) in row.enumerated() {
                observations += reports(n, ["r\(r + 1)", "c\(c + 1)"], firstContributor: next)
                next += Int32(n)
            }
        }
        return observations
    }

    @Test("3×3: one primary cell spreads to a fixed point of four")
    func threeByThree() throws {
        //       c1  c2  c3
        // r1     2   6   9     r1c1 is primary (2 contributors)
        // r2     7   5   8     row r1 → r1c2 (6 < 9); column c1 → r2c1 (7 < 10);
        // r3    10  11  12     then row r2 and column c2 each hold one → r2c2 (5) closes both.
        let table = try Disclosure.protect(spec: spec, observations: grid([[2, 6, 9], [7, 5, 8], [10, 11, 12]]),
                                           policy: .standard)
        let hidden = table.cells.filter { !$0.published }.map(\.key)
        #expect(hidden == [["r1", "c1"], ["r1", "c2"], ["r2", "c1"], ["r2", "c2"]])
        #expect(table.cells.filter(\.primary).map(\.key) == [["r1", "c1"]])
        #expect(table.cells.count == 16)
        #expect(try Disclosure.audit(spec: spec, observations: grid([[2, 6, 9], [7, 5, 8], [10, 11, 12]]),
                                 policy: .standard, published: table.publishedView).isEmpty)
    }

    @Test("ties go to the first cell in key order")
    func tieBreak() throws {
        let table = try Disclosure.protect(spec: spec, observations: grid([[2, 6, 6], [6, 6, 6], [6, 6, 6]]),
                                           policy: .standard)
        let hidden = table.cells.filter { !$0.published }.map(\.key)
        #expect(hidden == [["r1", "c1"], ["r1", "c2"], ["r2", "c1"], ["r2", "c2"]])
    }

    @Test("a part alone with its margin takes the margin with it")
    func onlyPart() throws {
        let oneDim = TableSpec(name: "by-sector", dimensions: ["victim.sector"], multiValued: ["victim.sector"])
        // 4 reports in sector 52 (primary) and 10 with no sector: the total (14) passes on its own,
        // but the line {52, *} would hold one hidden cell and no other part to hide, so the total goes.
        let observations = reports(4, ["52"], firstContributor: 0)
            + (10..<20).map { Observation(contributor: Int32($0), tuples: []) }
        let table = try Disclosure.protect(spec: oneDim, observations: observations, policy: .standard)
        #expect(table.cell("52")?.published == false)
        #expect(table.cell("*")?.published == false)
        #expect(table.cell("*")?.primary == false)
    }

    @Test("a hidden margin with published parts hides its smallest part")
    func hiddenMargin() throws {
        // Hand-made counts: the margin is dominated, its parts are not (possible on a multi-valued
        // dimension, where one report counts in several parts).
        let oneDim = TableSpec(name: "by-technique", dimensions: ["technique"], multiValued: ["technique"])
        let spread: [Int32: Int] = [1: 2, 2: 2, 3: 2, 4: 2, 5: 2]
        let cells = [
            CellStats(key: ["T1"], count: 10, contributions: spread),
            CellStats(key: ["T2"], count: 9, contributions: [1: 1, 2: 2, 3: 2, 4: 2, 5: 2]),
            CellStats(key: ["T3"], count: 9, contributions: [1: 2, 2: 1, 3: 2, 4: 2, 5: 2]),
            CellStats(key: ["*"], count: 40, contributions: [1: 30, 2: 5, 3: 2, 4: 2, 5: 1]),
        ]
        let table = try Disclosure.protect(spec: oneDim, cells: cells, policy: .standard)
        #expect(table.cells.map(\.published) == [true, false, true, false])
        #expect(table.cells.map(\.primary) == [false, false, false, true])
    }

    @Test("a line of published cells stays published")
    func nothingToDo() throws {
        let table = try Disclosure.protect(spec: spec, observations: grid([[5, 6], [7, 8]]), policy: .standard)
        #expect(table.cells.allSatisfy { $0.published })
    }

    @Test("hand-made cells that do not fit the spec are refused")
    func malformedCells() {
        let cells = [CellStats(key: ["r1"], count: 5, contributions: [1: 1, 2: 1, 3: 1, 4: 1, 5: 1])]
        #expect(throws: DisclosureError.self) { try Disclosure.protect(spec: spec, cells: cells, policy: .standard) }
        #expect(throws: DisclosureError.self) {
            try Disclosure.audit(spec: spec, cells: cells, policy: .standard, published: [])
        }
    }
}
