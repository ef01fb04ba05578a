import Foundation
import Testing
@testable import ChathamScrub

/// The labelled corpus (Tests/Fixtures/scrub) as a regression floor: the
/// targets of issue 3 must hold, every case must be idempotent, and the
/// corpus must keep its size and spread.
@Suite struct CorpusTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/scrub").standardizedFileURL

    @Test func corpusMeetsTargets() throws {
        let corpus = try ScrubCorpus.load(directory: Self.directory)
        #expect(corpus.cases.count >= 200)
        #expect(Set(corpus.cases.map(\.language)) == ["en", "de", "fr", "ja", "pt", "zh", "ko"])
        var ids = 0, leaked = 0, facts = 0, lost = 0
        var scrubbers: [String: Scrubber] = [:]
        for (name, profile) in corpus.profiles { scrubbers[name] = Scrubber(profile: profile) }
        for c in corpus.cases {
            let scrubber = scrubbers[c.profile]!
            let out = scrubber.scrub(c.text).text
            #expect(scrubber.scrub(out).text == out, "not idempotent: \(c.file):\(c.line)")
            let o = ScrubCorpus.score(c, scrubbed: out)
            ids += c.identifying.count; leaked += o.leaked.count
            facts += c.keep.count; lost += o.lost.count
        }
        #expect(Double(leaked) <= 0.01 * Double(ids), "leaked \(leaked)/\(ids)")
        #expect(Double(lost) <= 0.03 * Double(facts), "lost \(lost)/\(facts)")
    }

    @Test func scorerCountsFoldedLeaks() {
        let c = ScrubCorpus.Case(file: "t", line: 1, language: "en", category: "t", profile: "p",
                                 text: "", identifying: ["Acme Bank", "Cobalt"], keep: ["Cobalt Strike", "3 days"])
        let o = ScrubCorpus.score(c, scrubbed: "ACME-BANK used Cobalt Strike for 3 days")
        #expect(o.leaked == ["Acme Bank"])
        #expect(o.lost.isEmpty)
        #expect(ScrubCorpus.score(c, scrubbed: "[ORG-1] used [TERM-1]").lost == ["3 days", "Cobalt Strike"])
    }
}
