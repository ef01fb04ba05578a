import ChathamDisclosure
import ChathamTestKit
import Testing

/// Random small tables against a brute-force oracle written from the rules, not from the code.
@Suite("Properties over random tables")
struct PropertyTests {
    struct Case {
        var spec: TableSpec
        var observations: [Observation]
        var policy: DisclosurePolicy
        /// The policy's k as a fraction, so the oracle's dominance test is exact on its own terms.
        var k: (num: Int, den: Int)
    }

    static func randomCase(_ rng: inout SplitMix64) -> Case {
        let dimensionCount = Int.random(in: 1...3, using: &rng)
        let dimensions = (0..<dimensionCount).map { "d\($0)" }
        let multiValued = Set(dimensions.filter { _ in Bool.random(using: &rng) && Bool.random(using: &rng) })
        let alphabets = dimensions.map { d in (0..<Int.random(in: 1...4, using: &rng)).map { "\(d)v\($0)" } }
        let contributors = Int32.random(in: 1...14, using: &rng)
        // A few heavy contributors make dominance happen.
        let heavy = Int32.random(in: 0..<contributors, using: &rng)
        let reportCount = Int.random(in: 0...90, using: &rng)
        var observations: [Observation] = []
        for _ in 0..<reportCount {
            let contributor = Int.random(in: 0..<4, using: &rng) == 0 ? heavy : Int32.random(in: 0..<contributors, using: &rng)
            let tupleCount = multiValued.isEmpty
                ? (Int.random(in: 0..<20, using: &rng) == 0 ? 0 : 1)
                : Int.random(in: 0...3, using: &rng)
            var tuples: [[String]] = []
            for _ in 0..<tupleCount {
                tuples.append(alphabets.map { values in
                    Int.random(in: 0..<15, using: &rng) == 0 ? "*" : values.randomElement(using: &rng)!
                })
            }
            observations.append(Observation(contributor: contributor, tuples: tuples))
        }
        let policies: [(Int, Int, Int, Int)] = [(5, 2, 85, 100), (3, 1, 60, 100), (4, 2, 90, 100), (6, 3, 95, 100)]
        let (m, n, num, den) = policies.randomElement(using: &rng)!
        let policy = try! DisclosurePolicy(minContributors: m, dominanceN: n, dominanceK: Double(num) / Double(den))
        return Case(spec: TableSpec(name: "random", dimensions: dimensions, multiValued: multiValued),
                    observations: observations, policy: policy, k: (num, den))
    }

    /// Every key from the product of observed values and "*", counted straight from the definition.
    static func oracle(_ c: Case) -> [[String]: (count: Int, perContributor: [Int32: Int])] {
        let d = c.spec.dimensions.count
        var values = Array(repeating: Set<String>(), count: d)
        for o in c.observations { for t in o.tuples { for i in 0..<d where t[i] != "*" { values[i].insert(t[i]) } } }
        var keys: [[String]] = [[]]
        for i in 0..<d { keys = keys.flatMap { k in (values[i] + ["*"]).map { k + [$0] } } }
        var result: [[String]: (count: Int, perContributor: [Int32: Int])] = [:]
        for key in keys {
            var count = 0
            var per: [Int32: Int] = [:]
            for o in c.observations {
                let all = key.allSatisfy { $0 == "*" }
                let hit = all || o.tuples.contains { t in
                    (0..<d).allSatisfy { i in key[i] == "*" || (t[i] != "*" && t[i] == key[i]) }
                }
                if hit {
                    count += 1
                    per[o.contributor, default: 0] += 1
                }
            }
            if count > 0 || key.allSatisfy({ $0 == "*" }) { result[key] = (count, per) }
        }
        return result
    }

    static func passes(_ per: [Int32: Int], count: Int, _ c: Case) -> Bool {
        guard per.count >= c.policy.minContributors else { return false }
        let top = per.values.sorted(by: >).prefix(c.policy.dominanceN).reduce(0, +)
        return top * c.k.den <= c.k.num * count
    }

    /// Lines straight from the definition: for each cell and each of its non-"*" dimensions, the cells
    /// that agree elsewhere (the margin among them). Returns lines with exactly one hidden member.
    static func singleSuppressions(_ table: ProtectedTable) -> [[String]] {
        var bad: [[String]] = []
        for cell in table.cells {
            for d in cell.key.indices where cell.key[d] != "*" {
                let line = table.cells.filter { other in
                    other.key.indices.allSatisfy { $0 == d || other.key[$0] == cell.key[$0] }
                }
                if line.filter({ !$0.published }).count == 1 { bad.append(cell.key) }
            }
        }
        return bad
    }

    @Test("published counts exact, every published cell safe, no lone suppression, deterministic")
    func randomTables() throws {
        var rng = SplitMix64(seed: 0x63_6861_7468_616D)  // "chatham"
        var published = 0, primary = 0, secondary = 0
        for _ in 0..<600 {
            let c = Self.randomCase(&rng)
            let table = try Disclosure.protect(spec: c.spec, observations: c.observations, policy: c.policy)
            let truth = Self.oracle(c)

            // Exactly the non-empty cells and the grand total, in key order, with exact counts.
            #expect(Set(table.cells.map(\.key)) == Set(truth.keys))
            #expect(table.cells.count == truth.count)
            #expect(zip(table.cells, table.cells.dropFirst()).allSatisfy { Disclosure.precedes($0.key, $1.key) })
            for cell in table.cells {
                let t = truth[cell.key]!
                #expect(cell.count == t.count)
                let safe = Self.passes(t.perContributor, count: t.count, c)
                #expect(cell.primary == !safe)
                if cell.published { #expect(safe) }
                if cell.published { published += 1 } else if cell.primary { primary += 1 } else { secondary += 1 }
            }
            #expect(Self.singleSuppressions(table).isEmpty)

            // Same answer again, and whatever order the reports arrive in.
            #expect(try Disclosure.protect(spec: c.spec, observations: c.observations, policy: c.policy) == table)
            var shuffled = c.observations
            shuffled.shuffle(using: &rng)
            #expect(try Disclosure.protect(spec: c.spec, observations: shuffled, policy: c.policy) == table)

            // The audit agrees.
            #expect(try Disclosure.audit(spec: c.spec, observations: c.observations, policy: c.policy,
                                         published: table.publishedView).isEmpty)
        }
        // The generator must exercise every outcome, or the checks above prove little.
        #expect(published > 500 && primary > 500 && secondary > 200)
    }
}
