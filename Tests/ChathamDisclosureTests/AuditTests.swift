import ChathamDisclosure
import Testing

@Suite("Audit")
struct AuditTests {
    let spec = TableSpec(name: "grid", dimensions: ["row", "col"])
    /// The 3×3 grid of SecondarySuppressionTests: r1c1 primary; r1c2, r2c1, r2c2 secondary.
    var observations: [Observation] {
        var result: [Observation] = []
        var next: Int32 = 0
        for (r, row) in [[2, 6, 9], [7, 5, 8], [10, 11, 12]].enumerated() {
            for (c, n) in row.enumerated() {
                result += reports(n, ["r\(r + 1)", "c\(c + 1)"], firstContributor: next)
                next += Int32(n)
            }
        }
        return result
    }

    func audit(_ published: [(key: [String], count: Int?)]) throws -> [AuditFinding] {
        try Disclosure.audit(spec: spec, observations: observations, policy: .standard, published: published)
    }

    func view() throws -> [(key: [String], count: Int?)] {
        try Disclosure.protect(spec: spec, observations: observations, policy: .standard).publishedView
    }

    @Test("a protected table passes")
    func clean() throws {
        #expect(try audit(view()).isEmpty)
    }

    @Test("a tampered count is found")
    func tamperedCount() throws {
        var published = try view()
        let i = published.firstIndex { $0.key == ["r3", "c3"] }!
        published[i].count = 13
        let findings = try audit(published)
        #expect(findings.map(\.code) == [.wrongCount])
        #expect(findings.first?.key == ["r3", "c3"])
        #expect(findings.first?.description == "wrong_count: table grid cell (row=r3, col=c3): published count differs from the data")
    }

    @Test("a missing secondary suppression is found on both its lines")
    func missingSecondary() throws {
        var published = try view()
        let i = published.firstIndex { $0.key == ["r1", "c2"] }!
        published[i].count = 6  // the true count: the cell itself is fine, its neighbours are exposed
        let findings = try audit(published)
        #expect(findings.map(\.code) == [.singleSuppression, .singleSuppression])
        #expect(findings.map(\.key) == [["*", "c2"], ["r1", "*"]])
        #expect(findings.map(\.dimension) == ["row", "col"])
    }

    @Test("a published primary cell is below the threshold; a dominated one is dominated")
    func primaryPublished() throws {
        var published = try view()
        let i = published.firstIndex { $0.key == ["r1", "c1"] }!
        published[i].count = 2
        #expect(try audit(published).map(\.code).contains(.belowThreshold))

        let oneDim = TableSpec(name: "by-region", dimensions: ["victim.region"])
        let dominated = reports(40, ["europe"], by: 1) + reports(5, ["europe"], firstContributor: 10)
            + reports(6, ["asia"], firstContributor: 20)
        let findings = try Disclosure.audit(spec: oneDim, observations: dominated, policy: .standard,
                                            published: [(["asia"], 6), (["europe"], 45), (["*"], 51)])
        #expect(findings.map(\.code) == [.dominated])
        #expect(!findings[0].message.contains("40"))
    }

    @Test("unknown, missing, duplicate and malformed cells are found")
    func wrongShape() throws {
        var published = try view()
        published.removeAll { $0.key == ["r3", "*"] }
        published.append((["r9", "c1"], nil))
        published.append((["r3", "c3"], 12))
        published.append((["r3"], 12))
        let findings = try audit(published)
        // The missing margin also counts as hidden: the row r3 line and the line of row margins
        // each hold it alone.
        #expect(findings.map(\.code) == [.unknownCell, .duplicateCell, .malformedKey, .missingCell,
                                          .singleSuppression, .singleSuppression])
        #expect(findings[3].key == ["r3", "*"])
        #expect(findings[4].key == ["*", "*"] && findings[4].dimension == "row")
        #expect(findings[5].key == ["r3", "*"] && findings[5].dimension == "col")
    }

    @Test("a missing cell counts as hidden for the lines it is in")
    func missingCellExposes() throws {
        var published = try view()
        published.removeAll { $0.key == ["r3", "c3"] }
        let codes = try audit(published).map(\.code)
        #expect(codes == [.missingCell, .singleSuppression, .singleSuppression])
    }
}
