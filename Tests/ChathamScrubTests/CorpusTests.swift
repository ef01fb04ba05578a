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
        #expect(corpus.cases.count >= 490)
        #expect(Set(corpus.cases.map(\.language)) == ["en", "de", "fr", "ja", "pt", "zh", "ko"])
        // Per file set: (identifying, leaked, facts, lost).
        var tally: [String: (Int, Int, Int, Int)] = [:]
        var scrubbers: [String: Scrubber] = [:]
        for (name, profile) in corpus.profiles { scrubbers[name] = Scrubber(profile: profile) }
        for c in corpus.cases {
            let scrubber = scrubbers[c.profile]!
            let out = scrubber.scrub(c.text).text
            #expect(scrubber.scrub(out).text == out, "not idempotent: \(c.file):\(c.line)")
            let o = ScrubCorpus.score(c, scrubbed: out)
            var t = tally[c.set, default: (0, 0, 0, 0)]
            t.0 += c.identifying.count; t.1 += o.leaked.count; t.2 += c.keep.count; t.3 += o.lost.count
            tally[c.set] = t
        }
        #expect(Set(tally.keys) == Set(ScrubCorpus.sets))
        // The short cases, written with the detectors: issue 3's corpus targets.
        let cases = tally["cases", default: (0, 0, 0, 0)]
        #expect(cases.0 >= 300 && cases.2 >= 200)
        #expect(Double(cases.1) <= 0.01 * Double(cases.0), "cases leaked \(cases.1)/\(cases.0)")
        #expect(Double(cases.3) <= 0.03 * Double(cases.2), "cases lost \(cases.3)/\(cases.2)")
        // The blind narratives (written before the scrubber ran on them, then
        // fixed by general rules): at least the held-out targets.
        for set in ["narratives", "narratives2"] {
            let t = tally[set, default: (0, 0, 0, 0)]
            #expect(t.0 >= 140 && t.2 >= 100, "\(set) shrank")
            #expect(Double(t.1) <= 0.02 * Double(t.0), "\(set) leaked \(t.1)/\(t.0)")
            #expect(Double(t.3) <= 0.05 * Double(t.2), "\(set) lost \(t.3)/\(t.2)")
        }
        // The third blind round is small (46 strings) and still leaks one: a
        // name with no cue at all ("Olamide to Radomir"). Its floor is where
        // it stands.
        let third = tally["narratives3", default: (0, 0, 0, 0)]
        #expect(third.0 >= 46 && third.2 >= 34, "narratives3 shrank")
        #expect(third.1 <= 1, "narratives3 leaked \(third.1)/\(third.0)")
        #expect(Double(third.3) <= 0.05 * Double(third.2), "narratives3 lost \(third.3)/\(third.2)")
        // The fourth blind round (20 narratives, written by another author
        // after the third round's fixes; 12/146 leaked at first sight) still
        // leaks four: a wallet address, a term's first word alone, and two
        // names with no cue in German and French text. Its floor is where it
        // stands.
        let fourth = tally["narratives4", default: (0, 0, 0, 0)]
        #expect(fourth.0 >= 146 && fourth.2 >= 92, "narratives4 shrank")
        #expect(fourth.1 <= 4, "narratives4 leaked \(fourth.1)/\(fourth.0)")
        #expect(Double(fourth.3) <= 0.05 * Double(fourth.2), "narratives4 lost \(fourth.3)/\(fourth.2)")
        // The fifth blind round (30 narratives, another author, many names
        // with no cue; 30/264 leaked at first sight) still leaks places the
        // profile does not list, Japanese names with no honorific, a name
        // with no cue outside the lexicons and some references. Its floor is
        // where it stands.
        let fifth = tally["narratives5", default: (0, 0, 0, 0)]
        #expect(fifth.0 >= 264 && fifth.2 >= 154, "narratives5 shrank")
        #expect(fifth.1 <= 6, "narratives5 leaked \(fifth.1)/\(fifth.0)")
        #expect(Double(fifth.3) <= 0.05 * Double(fifth.2), "narratives5 lost \(fifth.3)/\(fifth.2)")
        // The sixth blind round (25 narratives, written after the fifth
        // round's fixes; 12/239 leaked at first sight, no fact lost) still
        // leaks a reference with an authority's prefix. Its floor is where
        // it stands.
        let sixth = tally["narratives6", default: (0, 0, 0, 0)]
        #expect(sixth.0 >= 239 && sixth.2 >= 145, "narratives6 shrank")
        #expect(sixth.1 <= 1, "narratives6 leaked \(sixth.1)/\(sixth.0)")
        #expect(Double(sixth.3) <= 0.05 * Double(sixth.2), "narratives6 lost \(sixth.3)/\(sixth.2)")
        // The seventh blind round (25 narratives, written after the sixth
        // round's fixes; 2/262 leaked and 2/189 facts lost at first sight)
        // still leaks a Japanese surname alone in a sign-off.
        let seventh = tally["narratives7", default: (0, 0, 0, 0)]
        #expect(seventh.0 >= 262 && seventh.2 >= 189, "narratives7 shrank")
        #expect(seventh.1 <= 1, "narratives7 leaked \(seventh.1)/\(seventh.0)")
        #expect(seventh.3 == 0, "narratives7 lost \(seventh.3)/\(seventh.2)")
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
