import Foundation
import Testing
@testable import ChathamModel

@Suite struct PeriodTests {
    @Test func parsesOnlyYYYYMM() {
        #expect(Period("2026-10")?.year == 2026)
        #expect(Period("2026-10")?.month == 10)
        #expect(Period("2026-10")?.description == "2026-10")
        #expect(Period("2026-01")?.description == "2026-01")
        for bad in ["2026-1", "2026-13", "2026-00", "1999-12", "2101-01", "2026-10 ", "２０２６-10", "2026_10", "+026-10", "2026-1a"] {
            #expect(Period(bad) == nil, "\(bad)")
        }
    }

    @Test func epochsAreQuarters() {
        #expect(Period("2026-01")!.epoch.description == "2026-Q1")
        #expect(Period("2026-03")!.epoch.description == "2026-Q1")
        #expect(Period("2026-04")!.epoch.description == "2026-Q2")
        #expect(Period("2026-10")!.epoch == Epoch("2026-Q4"))
        #expect(Period("2026-12")!.epoch.description == "2026-Q4")
        #expect(Epoch("2026-Q4")!.periods.map(\.description) == ["2026-10", "2026-11", "2026-12"])
        for bad in ["2026-Q0", "2026-Q5", "2026Q4", "2026-q4", "2026-Q44"] { #expect(Epoch(bad) == nil, "\(bad)") }
    }

    @Test func orderAndNeighbours() {
        #expect(Period("2026-09")! < Period("2026-10")!)
        #expect(Period("2025-12")! < Period("2026-01")!)
        #expect(Period("2026-01")!.previous == Period("2025-12"))
        #expect(Period("2025-12")!.next == Period("2026-01"))
        #expect(Period("2000-01")!.previous == nil)
        #expect(Epoch("2026-Q1")!.previous == Epoch("2025-Q4"))
        #expect(Epoch("2025-Q4")!.next == Epoch("2026-Q1"))
        #expect(Epoch("2025-Q4")! < Epoch("2026-Q1")!)
    }

    @Test func fromDatesInUTC() {
        // 2026-09-30T23:30:00Z is still Q3 in UTC, whatever the machine's zone.
        let date = Date(timeIntervalSince1970: 1_790_811_000)
        #expect(Epoch(containing: date).description == "2026-Q3")
        #expect(Period(containing: date)?.description == "2026-09")
        #expect(Epoch(containing: date.addingTimeInterval(3600)).description == "2026-Q4")
    }

    @Test func codableAsStrings() throws {
        let data = try JSONEncoder().encode([Period("2026-10")!])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-10"]"#)
        #expect(try JSONDecoder().decode([Epoch].self, from: Data(#"["2026-Q4"]"#.utf8)) == [Epoch("2026-Q4")!])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([Period].self, from: Data(#"["2026-13"]"#.utf8)) }
    }
}
