import ChathamCrypto
import ChathamDisclosure
import ChathamModel
@testable import ChathamServer
import ChathamStore
import Foundation
import Testing
import ChathamTestKit

/// The release's fast path (one column scan, integer-coded projections) against the catalogue's
/// own string projections, and year-to-date releases across epochs.
@Suite struct ReleaseCountingTests {
    typealias Random = SplitMix64

    static func hex(_ n: UInt64, _ width: Int) -> String {
        let s = String(n, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// A report with random values, NULLs and repeated list entries included.
    static func report(_ i: Int, period: String, member: Int, sector: String? = nil, _ g: inout Random) -> ReportRow {
        let id = hex(UInt64(i) &* 0x9E37_79B9_7F4A_7C15, 16) + hex(UInt64(i), 16)
        let epoch = Period(period)!.epoch.description
        let pseudonym = hex(UInt64(member), 16) + epoch.replacingOccurrences(of: "-", with: "0") + String(repeating: "b", count: 41)
        let categories = ["malware", "hacking", "social", "error"]
        return ReportRow(
            id: id, receipt: "rcpt_" + id, pseudonym: String(pseudonym.prefix(64)), epoch: epoch, period: period,
            sector: sector ?? g.pick(["52", "62", "54", "11"]), size: g.pick(["1-10", "11-100", "unknown"]),
            region: g.pick(["europe", "asia"]), actorKind: g.pick(["external", "internal"]),
            actorMotive: g.maybe(g.pick(["financial", "espionage"])), discovery: g.maybe(g.pick(["internal", "external"])),
            dwell: nil, containment: nil, loss: g.maybe(g.pick(["none", "under-10k"])), downtime: nil,
            actions: (0..<Int(g.next() % 4)).map { _ in ActionRow(category: g.pick(categories), variety: g.maybe(g.pick(["a", "b"])), vector: nil) },
            techniques: Array(Set((0..<Int(g.next() % 4)).map { _ in g.pick(["T1001", "T1002", "T1003"]) })),
            assets: [], attributes: [],
            mitigations: (0..<Int(g.next() % 3)).map { _ in MitigationRow(id: g.pick(["M1013", "M1014"]), stage: "after", effective: g.maybe(g.pick(["yes", "no"]))) },
            narrative: nil, shareNarrative: false)
    }

    /// Cells as comparable values: count and the multiset of contributions (indices differ by path).
    static func shape(_ cells: [CellStats]) -> [[String]: [Int]] {
        Dictionary(uniqueKeysWithValues: cells.map { ($0.key, [$0.count] + $0.contributions.values.sorted()) })
    }

    @Test func codedCountingMatchesTheCatalogueProjections() throws {
        let store = try AppDatabase()
        var g = Random(state: 7)
        var rows: [ReportRow] = []
        for i in 0..<400 {
            let r = Self.report(i, period: i % 3 == 0 ? "2026-10" : "2026-11", member: Int(g.next() % 23), &g)
            rows.append(r)
            _ = try store.insertReport(r)
        }
        let counter = ReleaseCounter(store: store)
        try counter.prepare(months: ["2026-10", "2026-11"])
        for month in ["2026-10", "2026-11"] {
            let mine = rows.filter { $0.period == month }.sorted { $0.id < $1.id }
            var index: [String: Int32] = [:]
            for r in mine where index[r.pseudonym] == nil { index[r.pseudonym] = Int32(index.count) }
            for entry in Catalogue.tables {
                let expected = try Disclosure.cellStats(spec: entry.spec, observations: mine.map {
                    Observation(contributor: index[$0.pseudonym]!, tuples: entry.project($0))
                })
                let got = try counter.cells(entry, months: [month])
                #expect(Self.shape(got) == Self.shape(expected), "\(entry.spec.name) \(month)")
            }
        }
        // One epoch: the two months' cells are the union's, member by member.
        let both = rows.sorted { $0.id < $1.id }
        var index: [String: Int32] = [:]
        for r in both where index[r.pseudonym] == nil { index[r.pseudonym] = Int32(index.count) }
        for entry in Catalogue.tables {
            let expected = try Disclosure.cellStats(spec: entry.spec, observations: both.map {
                Observation(contributor: index[$0.pseudonym]!, tuples: entry.project($0))
            })
            #expect(Self.shape(try counter.cells(entry, months: ["2026-10", "2026-11"])) == Self.shape(expected), "\(entry.spec.name)")
        }
    }

    @Test func theScanHandsOverTheStoredReports() throws {
        let store = try AppDatabase()
        var g = Random(state: 11)
        var rows: [ReportRow] = []
        for i in 0..<150 {
            let r = Self.report(i, period: ["2026-09", "2026-10", "2026-11"][i % 3], member: Int(g.next() % 9), &g)
            rows.append(r)
            _ = try store.insertReport(r)
        }
        var seen: [ReportRow] = []
        var periods: [Int] = []
        try store.scanReportsForRelease(periods: ["2026-11", "2026-09"]) { r in
            let batch = ReportBatch()
            var values: [String] = []
            for v in 0..<r.valueCount { values.append(r.text(of: Int32(v)) ?? "") }
            batch.append(r)
            seen.append(CodedProjector.row(batch, 0, values: values))
            periods.append(r.period)
        }
        // In (period, id) order: the table's key.
        let expected = rows.filter { $0.period != "2026-10" }.sorted { ($0.period, $0.id) < ($1.period, $1.id) }
        #expect(seen.count == expected.count)
        for (got, want) in zip(seen, expected) {
            #expect(got.sector == want.sector && got.size == want.size && got.region == want.region)
            #expect(got.actorKind == want.actorKind && got.actorMotive == want.actorMotive)
            #expect(got.discovery == want.discovery && got.loss == want.loss)
            #expect(got.actions.map(\.category) == want.actions.map(\.category))
            #expect(got.actions.map(\.variety) == want.actions.map(\.variety))
            #expect(got.techniques == want.techniques.sorted())
            #expect(got.mitigations.map(\.id) == want.mitigations.map(\.id))
            #expect(got.mitigations.map(\.effective) == want.mitigations.map(\.effective))
        }
        #expect(periods == expected.map { $0.period == "2026-11" ? 0 : 1 })
    }

    /// September (Q3) publishes sector 62 from 6 members; October (Q4) has 62 from 3 members, hidden.
    /// October's year-to-date table spans both epochs: 62 there has 9 reports and, by the
    /// largest-per-epoch rule, 6 contributors — publishable on its own, but 9 − 6 would give
    /// October's 62 away, so the engine hides it. The joint audit of both releases is clean.
    @Test func yearToDateSpansEpochsAndIsProtectedWithTheMonths() throws {
        let store = try AppDatabase()
        let service = ReleaseService(store: store, signing: SigningSecretKey.generate())
        var g = Random(state: 3)
        var i = 0
        func add(_ period: String, member: Int, sector: String) throws {
            _ = try store.insertReport(Self.report(i, period: period, member: member, sector: sector, &g))
            i += 1
        }
        for m in 0..<16 { try add("2026-09", member: m, sector: m < 6 ? "62" : "52") }
        let september = try service.publish(period: "2026-09")
        for m in 0..<16 { try add("2026-10", member: m, sector: m < 3 ? "62" : "52") }
        let october = try service.publish(period: "2026-10")
        func cell(_ d: ReleaseDocument, _ table: String, _ sector: String) -> ReleaseDocument.Cell? {
            d.tables.first { $0.name == table }?.cells.first { $0.key["victim.sector"] == sector }
        }
        #expect(september.tables.allSatisfy { !$0.name.contains("@") })
        #expect(cell(september, "victim-sector", "62")?.count == 6)
        #expect(cell(october, "victim-sector", "62")?.status == .suppressed)
        let ytd = "victim-sector@2026-09+2026-10"
        #expect(october.tables.contains { $0.name == ytd })
        #expect(cell(october, ytd, "62")?.status == .suppressed)
        #expect(cell(october, ytd, "*")?.count == 32)
        #expect(october.policy.protection == .init(minimum: 2, relative: 0.1))
        #expect(try service.auditAll().allSatisfy { $0.findings.isEmpty })
    }

    /// Across epochs a cell's contributors are the largest per-epoch count: 4 members in Q3 and 4
    /// (other pseudonyms) in Q4 are 4 contributors, not 8, so the year-to-date cell stays hidden.
    @Test func yearToDateCountsContributorsAsTheLargestPerEpoch() throws {
        let store = try AppDatabase()
        let service = ReleaseService(store: store, signing: SigningSecretKey.generate())
        var g = Random(state: 5)
        var i = 0
        func add(_ period: String, member: Int, sector: String) throws {
            _ = try store.insertReport(Self.report(i, period: period, member: member, sector: sector, &g))
            i += 1
        }
        for m in 0..<20 { try add("2026-09", member: m, sector: m < 4 ? "62" : "52") }
        _ = try service.publish(period: "2026-09")
        for m in 0..<20 { try add("2026-10", member: m + 100, sector: m < 4 ? "62" : "52") }
        let counter = ReleaseCounter(store: store)
        let sectors = Catalogue.table(named: "victim-sector")!
        let cells = try counter.cells(sectors, months: ["2026-09", "2026-10"])
        #expect(cells.first { $0.key == ["62"] }?.contributors == 4)
        #expect(cells.first { $0.key == ["62"] }?.count == 8)
        let october = try service.publish(period: "2026-10")
        let ytd = october.tables.first { $0.name == "victim-sector@2026-09+2026-10" }
        #expect(ytd?.cells.first { $0.key["victim.sector"] == "62" }?.status == .suppressed)
    }

    /// Two rare sectors (3 members each) roll up into `other` (6 members), which is published in the
    /// sector table and in action × sector; the stored release passes the joint audit.
    @Test func rareSectorsRollUpIntoOther() throws {
        let store = try AppDatabase()
        let service = ReleaseService(store: store, signing: SigningSecretKey.generate())
        var g = Random(state: 9)
        for m in 0..<26 {
            let sector = m < 3 ? "11" : m < 6 ? "21" : "52"
            _ = try store.insertReport(Self.report(m, period: "2026-11", member: m, sector: sector, &g))
        }
        let document = try service.publish(period: "2026-11")
        let sectors = try #require(document.tables.first { $0.name == "victim-sector" })
        #expect(sectors.cells.first { $0.key["victim.sector"] == "other" }?.count == 6)
        #expect(!sectors.cells.contains { ["11", "21"].contains($0.key["victim.sector"]) })
        let bySector = try #require(document.tables.first { $0.name == "action-by-sector" })
        #expect(bySector.cells.contains { $0.key["victim.sector"] == "other" })
        #expect(!bySector.cells.contains { ["11", "21"].contains($0.key["victim.sector"]) })
        #expect(try service.auditAll().allSatisfy { $0.findings.isEmpty })
    }

    /// The operator's policy file: every parameter, and shown in the release.
    @Test func policyFileAndReleasePolicy() throws {
        let dir = DataDirectory(path: FileManager.default.temporaryDirectory.appendingPathComponent("chatham-policy-\(UUID().uuidString)").path)
        try FileManager.default.createDirectory(at: dir.url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir.url) }
        #expect(try dir.releasePolicy() == .standard)
        try Data(#"{"min_contributors": 6, "dominance": {"n": 2, "k": 0.8}, "p_percent": 10, "protection": {"minimum": 3, "relative": 0.2}}"#.utf8)
            .write(to: URL(fileURLWithPath: dir.releasePolicyPath))
        let policy = try dir.releasePolicy()
        #expect(policy == (try DisclosurePolicy(minContributors: 6, dominanceN: 2, dominanceK: 0.8, pPercent: 10,
                                                  protectionMinimum: 3, protectionRelative: 0.2)))
        try Data(#"{"min_contributors": 2, "dominance": {"n": 2, "k": 0.85}}"#.utf8).write(to: URL(fileURLWithPath: dir.releasePolicyPath))
        #expect(throws: ServerError.self) { try dir.releasePolicy() }

        let store = try AppDatabase()
        var g = Random(state: 13)
        for m in 0..<12 { _ = try store.insertReport(Self.report(m, period: "2026-11", member: m, &g)) }
        let document = try ReleaseService(store: store, signing: SigningSecretKey.generate(), policy: policy).publish(period: "2026-11")
        #expect(document.policy == .init(minContributors: 6, dominance: .init(n: 2, k: 0.8), pPercent: 10,
                                         protection: .init(minimum: 3, relative: 0.2)))
        let stored = try ReleaseDocument.decode(json: Data(try #require(try store.release(period: "2026-11")).utf8))
        #expect(stored.policy == document.policy)
        #expect(stored.verifySignature(trusting: nil))
    }
}

extension SplitMix64 {
    /// The value three times in four, else nil.
    mutating func maybe<T>(_ x: T) -> T? { next() % 4 == 0 ? nil : x }
}
