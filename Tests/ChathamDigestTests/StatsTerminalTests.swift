import ChathamClient
import ChathamDigest
import ChathamModel
import Testing

/// `chatham stats` output: bars, shares, colour only when asked, and filters that only select.
@Suite struct StatsTerminalTests {
    @Test func barsSharesAndNoColourByDefault() {
        let text = StatsRenderer.renderTerminal(Fixtures.release, filter: .init(tables: ["discovery"]), style: .init(colour: false))
        #expect(!text.contains("\u{1B}["))
        #expect(text.contains("Internal"))
        // 18 of the 27 incidents whose discovery is known; the widest bar is the largest count.
        #expect(text.contains("67% of 27"))
        #expect(text.contains(String(repeating: "█", count: 24)))
        #expect(!text.contains("action-by-sector"))
    }

    @Test func colourOnRequest() {
        let text = StatsRenderer.renderTerminal(Fixtures.release, filter: .init(tables: ["techniques"]), style: .init(colour: true))
        #expect(text.contains("\u{1B}[34m"))
        #expect(text.contains("–\u{1B}[0m"))  // suppressed T1190, dimmed
    }

    @Test func filtersOnlySelectPublishedCells() throws {
        let filter = StatsFilter(values: ["victim.sector": "52"])
        let tables = filter.apply(to: Fixtures.release)
        #expect(Set(tables.map(\.name)) == ["action-by-sector", "victim-sector"])
        let all = Fixtures.release.tables.flatMap(\.cells)
        for cell in tables.flatMap(\.cells) {
            #expect(cell.key["victim.sector"] == "52")
            #expect(all.contains(cell))  // never a new or recomputed figure
        }
        #expect(StatsFilter(values: ["victim.sector": "99"]).apply(to: Fixtures.release).isEmpty)
        #expect(StatsFilter.parseCondition("victim.sector=52")! == ("victim.sector", "52"))
        #expect(StatsFilter.parseCondition("victim.sector") == nil)
        let json = String(decoding: try StatsRenderer.json(Fixtures.release, filter: filter), as: UTF8.self)
        #expect(json.contains(#""name":"victim-sector""#) && !json.contains(#""name":"techniques""#))
    }
}
