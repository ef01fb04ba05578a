import ChathamDisclosure
import Testing

/// Roll-up before suppression (rare values → `other`), and how rolled-up tables link across releases.
@Suite("Roll-up")
struct RollUpTests {
    let sector = TableSpec(name: "victim-sector", dimensions: ["victim.sector"])
    let actionBySector = TableSpec(name: "action-by-sector", dimensions: ["action.category", "victim.sector"],
                                   multiValued: ["action.category"])

    /// `counts` reports per sector, each from its own contributor (numbered from `first`).
    func cells(_ counts: [String: Int], first: Int32 = 0) throws -> [CellStats] {
        var observations: [Observation] = []
        var c = first
        for (value, n) in counts.sorted(by: { $0.key < $1.key }) {
            for _ in 0..<n {
                observations.append(Observation(contributor: c, tuples: [[value]]))
                c += 1
            }
        }
        return try Disclosure.cellStats(spec: sector, observations: observations)
    }

    @Test("rare values (two or more) roll up into other; counts and contributions add")
    func rollUp() throws {
        let before = try cells(["52": 30, "11": 2, "21": 3, "62": 9])
        let rare = Disclosure.rareValues(before, spec: sector, dimension: "victim.sector", policy: .standard)
        #expect(rare == ["11", "21"])
        let after = try Disclosure.rollUp(before, spec: sector, dimension: "victim.sector", values: rare)
        #expect(after.map(\.key) == [["52"], ["62"], ["other"], ["*"]])
        let other = try #require(after.cell("other"))
        #expect(other.count == 5 && other.contributors == 5)
        // Before: 11 and 21 suppressed (and a complement); after: other (5 members) is published.
        let protectedBefore = try Disclosure.protect(spec: sector, cells: before, policy: .standard)
        let protectedAfter = try Disclosure.protect(spec: sector, cells: after, policy: .standard)
        #expect(protectedBefore.cells.filter(\.published).count < protectedAfter.cells.filter(\.published).count)
        #expect(protectedAfter.cells.allSatisfy { $0.published })
        // One rare value alone is not rolled up (it would only be renamed).
        #expect(Disclosure.rareValues(try cells(["52": 30, "11": 2]), spec: sector, dimension: "victim.sector", policy: .standard).isEmpty)
        // A multi-valued dimension cannot be: one report could be in two rolled cells.
        #expect(throws: DisclosureError.self) {
            try Disclosure.rollUp([], spec: actionBySector, dimension: "action.category", values: ["a", "b"])
        }
    }

    /// Month 1 lists 11 and 21 (6 each); month 2 rolls them into other (2, hidden); the quarter
    /// rolls them too and publishes other = 14. A reader knows quarter.other = m1.11 + m1.21 +
    /// m2.other, so m2.other = 14 − 12 = 2. The audit must see exactly that (a model that linked
    /// quarter.other to a month-1 `other` that does not exist would get it wrong).
    @Test("a rolled-up quarter is linked to months that list the values on their own")
    func linkedAcrossCodings() throws {
        func table(_ scope: String, _ cells: [(String, Int, Bool)], rolled: Set<String> = []) -> ScopedTable {
            ScopedTable(scope: scope, table: ProtectedTable(spec: sector, cells: cells.map { key, count, published in
                ProtectedCell(key: [key], count: count, published: published, primary: false)
            }), rolledUp: rolled.isEmpty ? [:] : ["victim.sector": rolled])
        }
        let m1 = table("m1", [("11", 6, true), ("21", 6, true), ("52", 20, true), ("*", 32, true)])
        let m2 = table("m2", [("52", 20, false), ("62", 30, true), ("other", 2, false), ("*", 52, true)], rolled: ["11", "21"])
        let quarter = table("m1+m2", [("52", 40, false), ("62", 30, true), ("other", 14, true), ("*", 84, true)], rolled: ["11", "21"])
        let intervals = try Disclosure.intervals([m1, m2, quarter], aggregations: [Aggregation(total: "m1+m2", parts: ["m1", "m2"])],
                                                 policy: .standard, knowledge: .outsider)
        let other = try #require(intervals.first { $0.scope == "m2" && $0.key == ["other"] })
        #expect(other.lower == 2 && other.upper == 2)

        // The engine, given month 1 as history, hides enough of month 2 and the quarter.
        func stats(_ counts: [(String, Int)], first: Int32) -> [CellStats] {
            var c = first
            var out: [CellStats] = []
            var total: [Int32: Int] = [:]
            for (key, n) in counts {
                var contributions: [Int32: Int] = [:]
                for _ in 0..<n { contributions[c] = 1; total[c] = 1; c += 1 }
                out.append(CellStats(key: [key], count: n, contributions: contributions))
            }
            out.append(CellStats(key: ["*"], count: total.count, contributions: total))
            return out
        }
        let month2 = stats([("52", 20), ("62", 30), ("other", 2)], first: 100)
        let quarterCells = Disclosure.sum([stats([("52", 20), ("other", 12)], first: 0), month2])
        let protected = try Disclosure.protect(
            [.init(scope: "m2", spec: sector, cells: month2, rolledUp: ["victim.sector": ["11", "21"]]),
             .init(scope: "m1+m2", spec: sector, cells: quarterCells, rolledUp: ["victim.sector": ["11", "21"]])],
            policy: .standard, history: [m1], aggregations: [Aggregation(total: "m1+m2", parts: ["m1", "m2"])])
        #expect(protected[0].table.cell("other")?.published == false)
        let all = [m1] + protected
        for knowledge in [AttackerKnowledge.outsider, .anyMember] {
            let check = try Disclosure.intervals(all, aggregations: [Aggregation(total: "m1+m2", parts: ["m1", "m2"])],
                                                 policy: .standard, knowledge: knowledge)
            #expect(check.allSatisfy { $0.isProtected }, "\(check.filter { !$0.isProtected })")
        }
    }
}
