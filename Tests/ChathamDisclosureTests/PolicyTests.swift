import ChathamDisclosure
import Foundation
import Testing

@Suite("Policy and primary suppression")
struct PolicyTests {
    @Test("defaults and refusals")
    func validation() throws {
        let policy = try DisclosurePolicy()
        #expect(policy == .standard)
        #expect(policy.minContributors == 5 && policy.dominanceN == 2 && policy.dominanceK == 0.85)
        _ = try DisclosurePolicy(minContributors: 3)
        for (m, n, k) in [(2, 2, 0.85), (5, 0, 0.85), (5, 2, 0), (5, 2, 1.01), (5, 2, Double.nan), (5, 2, -0.5)] {
            do {
                _ = try DisclosurePolicy(minContributors: m, dominanceN: n, dominanceK: k)
                Issue.record("accepted an unsafe policy \(m) \(n) \(k)")
            } catch {
                #expect(error.code == .invalidPolicy)
            }
        }
    }

    @Test("Codable matches the release document and validates on decoding")
    func codable() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(DisclosurePolicy.standard), as: UTF8.self)
        #expect(json == #"{"dominance":{"k":0.85,"n":2},"min_contributors":5,"protection":{"minimum":2,"relative":0.1}}"#)
        let back = try JSONDecoder().decode(DisclosurePolicy.self, from: Data(json.utf8))
        #expect(back == .standard)
        // A policy written before p% and the protection level existed decodes to the defaults.
        #expect(try JSONDecoder().decode(DisclosurePolicy.self,
                                         from: Data(#"{"dominance":{"k":0.85,"n":2},"min_contributors":5}"#.utf8)) == .standard)
        // Every parameter round-trips, p% included.
        let full = try DisclosurePolicy(minContributors: 7, dominanceN: 3, dominanceK: 0.9, pPercent: 12.5,
                                        protectionMinimum: 3, protectionRelative: 0.2)
        let fullJSON = String(decoding: try encoder.encode(full), as: UTF8.self)
        #expect(fullJSON == #"{"dominance":{"k":0.9,"n":3},"min_contributors":7,"p_percent":12.5,"protection":{"minimum":3,"relative":0.2}}"#)
        #expect(try JSONDecoder().decode(DisclosurePolicy.self, from: Data(fullJSON.utf8)) == full)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DisclosurePolicy.self,
                                     from: Data(#"{"dominance":{"k":0.85,"n":2},"min_contributors":5,"p_percent":0}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DisclosurePolicy.self,
                                     from: Data(#"{"dominance":{"k":0.85,"n":2},"min_contributors":2}"#.utf8))
        }
    }

    let spec = TableSpec(name: "by-region", dimensions: ["victim.region"])

    @Test("threshold edge: 4 contributors suppressed, 5 published")
    func thresholdEdge() throws {
        let four = try Disclosure.protect(spec: spec, observations: reports(4, ["asia"], firstContributor: 0),
                                          policy: .standard)
        #expect(four.cells.map(\.withoutContributions) == [
            ProtectedCell(key: ["asia"], count: 4, published: false, primary: true),
            ProtectedCell(key: ["*"], count: 4, published: false, primary: true),
        ])
        let five = try Disclosure.protect(spec: spec, observations: reports(5, ["asia"], firstContributor: 0),
                                          policy: .standard)
        #expect(five.cells.map(\.withoutContributions) == [
            ProtectedCell(key: ["asia"], count: 5, published: true, primary: false),
            ProtectedCell(key: ["*"], count: 5, published: true, primary: false),
        ])
        // Distinct contributors, not reports: 5 reports from 4 contributors stay below.
        let fourOfFive = reports(4, ["asia"], firstContributor: 0) + reports(1, ["asia"], by: 0)
        let cells = try Disclosure.cellStats(spec: spec, observations: fourOfFive)
        #expect(cells.cell("asia")?.count == 5)
        #expect(DisclosurePolicy.standard.primaryReason(for: cells.cell("asia")!) == .tooFewContributors)
    }

    @Test("dominance edge: the two largest holding exactly 0.85 is published, above it is not")
    func dominanceEdge() throws {
        // 100 reports: 43 + 42 = 85 exactly 0.85; five others with 3 each.
        let exactly = reports(43, ["europe"], by: 1) + reports(42, ["europe"], by: 2)
            + (3...7).flatMap { reports(3, ["europe"], by: Int32($0)) }
        // 100 reports: 43 + 43 = 86 > 0.85; seven others with 2 each.
        let above = reports(43, ["asia"], by: 11) + reports(43, ["asia"], by: 12)
            + (13...19).flatMap { reports(2, ["asia"], by: Int32($0)) }
        let cells = try Disclosure.cellStats(spec: spec, observations: exactly + above)
        #expect(cells.cell("europe")?.count == 100)
        #expect(cells.cell("europe")?.largestContributions(2) == 85)
        #expect(DisclosurePolicy.standard.primaryReason(for: cells.cell("europe")!) == nil)
        #expect(DisclosurePolicy.standard.primaryReason(for: cells.cell("asia")!) == .dominated)

        // 20 reports, 17 from the largest two: the case a binary 0.85 × 20 gets wrong.
        let twenty = CellStats(key: ["x"], count: 20, contributions: [1: 9, 2: 8, 3: 1, 4: 1, 5: 1])
        #expect(DisclosurePolicy.standard.primaryReason(for: twenty) == nil)
        let twentyOver = CellStats(key: ["x"], count: 20, contributions: [1: 10, 2: 8, 3: 1, 4: 1])
        #expect(DisclosurePolicy.standard.primaryReason(for: twentyOver) == .tooFewContributors)
        let dominatedWithEnough = CellStats(key: ["x"], count: 21, contributions: [1: 10, 2: 8, 3: 1, 4: 1, 5: 1])
        #expect(DisclosurePolicy.standard.primaryReason(for: dominatedWithEnough) == .dominated)
    }

    @Test("margins and the grand total follow the same rules")
    func marginsArePrimaryToo() throws {
        // Every report from 4 contributors: the grand total itself is below the threshold.
        let observations = (0..<40).map { Observation(contributor: Int32($0 % 4), tuples: [["europe"]]) }
        let table = try Disclosure.protect(spec: spec, observations: observations, policy: .standard)
        #expect(table.cell("*")?.primary == true)
        #expect(table.cell("*")?.published == false)
    }

    @Test("largestContributions over many contributors")
    func largest() {
        let cell = CellStats(key: [], count: 30, contributions: [1: 3, 2: 9, 3: 1, 4: 7, 5: 2, 6: 8])
        #expect(cell.largestContributions(1) == 9)
        #expect(cell.largestContributions(2) == 17)
        #expect(cell.largestContributions(3) == 24)
        #expect(cell.largestContributions(6) == 30)
        #expect(cell.largestContributions(9) == 30)
    }
}
