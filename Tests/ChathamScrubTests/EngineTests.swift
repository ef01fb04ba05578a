import Foundation
import Testing
@testable import ChathamScrub
import ChathamTestKit

/// The machinery under the detectors: the fast paths must agree with the
/// plain ones they stand in for, on random input as well as on examples.
@Suite struct EngineTests {
    static let alphabet: [String] = [
        "a", "c", "m", "e", "A", "F", "G", "1", "0", "2", ".", ":", "/", "@", "-", "_", " ", "[", "]", "ORG", "'", "s",
        "x", "*", "\u{200B}", "\u{301}", "é", "ß", "Ａ", "🏦", "acme", "bank", "com", "uk", "::", "203", "113", "http",
        "Doe", "\n", "%", "\\", "Jane", "Leeds", "https://", "www.", ".co.uk", "LockBit", "T1566", ".001", "CVE-2024-",
        "3400", "’s", "(", ")", "local", "corp", "ACME-", "DC01", "pdf", "exe", "255", "fe80", "[IP]", "x.", "/24",
        "Dr.", "Maria", "Nowak", "account", "+44", " 20 ", "7946", "INC", "#", "Tomasz", "CISO", "鈴木", "さん", "社員番号",
        "GB82 WEST", "IBAN", "svc_", "\\jdoe", "Project", "Nightjar", "FIN-", "SRV", "-042", "[at]", "[.]", "(dot)",
        "hxxp", ", our CISO", "王", "先生", "김", " 씨", "SQL", "PROD", "3",
    ]

    /// Scanning only the neighbourhoods of placeholders settles to the same
    /// result as re-scanning the whole text.
    @Test(arguments: [21, 22, 23, 24] as [UInt64])
    func windowedSettleMatchesFullRescan(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<1500 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in Self.alphabet.randomElement(using: &rng)! }.joined()
            for scrubber in [designScrubber, emptyScrubber, numberedScrubber] {
                #expect(scrubber.scrub(text) == scrubber.scrub(text, settle: .full), "\(text.debugDescription)")
            }
        }
    }

    @Test func windowedSettleMatchesFullRescanOnCorpus() throws {
        let corpus = try ScrubCorpus.load(directory: CorpusTests.directory)
        var scrubbers: [String: Scrubber] = [:]
        for (name, profile) in corpus.profiles { scrubbers[name] = Scrubber(profile: profile) }
        for c in corpus.cases {
            let s = scrubbers[c.profile]!
            #expect(s.scrub(c.text) == s.scrub(c.text, settle: .full), "\(c.file):\(c.line)")
        }
    }

    /// Every occurrence of every pattern, as a naive search finds them,
    /// also with patterns long enough to live in the automaton's edge lists.
    @Test(arguments: [31, 32, 33] as [UInt64])
    func automatonFindsWhatNaiveSearchFinds(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let symbols: [UInt32] = [0x61, 0x62, 0x63, 0x31, Skeleton.barrier, 0x3B1 /* non-Latin: sparse edges */]
        for _ in 0..<40 {
            let patterns = (0..<Int.random(in: 1...30, using: &rng)).map { _ in
                (0..<Int.random(in: 1...7, using: &rng)).map { _ in symbols.randomElement(using: &rng)! }
            }
            let text = (0..<Int.random(in: 0...300, using: &rng)).map { _ in symbols.randomElement(using: &rng)! }
            var got: [[Int]] = []
            MultiPatternMatcher(patterns: patterns).scan(text) { hit in got.append([hit.pattern, hit.start, hit.end]) }
            var want: [[Int]] = []
            for end in 0..<text.count {
                for (id, p) in patterns.enumerated() where p.count <= end + 1 && Array(text[(end + 1 - p.count)...end]) == p {
                    want.append([id, end + 1 - p.count, end])
                }
            }
            #expect(got.sorted { $0.lexicographicallyPrecedes($1) } == want.sorted { $0.lexicographicallyPrecedes($1) })
        }
    }

    @Test func asciiSkeletonMatchesGeneralLoop() {
        var rng = SplitMix64(seed: 41)
        let pieces = ["a", "B", "4", "@", "$", ".", " ", "-", "_", "'", "x.y", "B@nk", "e$s", "!", "[ORG]", "\n", "1.", ".a"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...25, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let scalars = Array(text.unicodeScalars)
            let protected = scalars.map { _ in Int.random(in: 0..<8, using: &rng) == 0 }
            let fast = Skeleton(scalars, protected: protected)
            let general = Skeleton(scalars, protected: protected, fastASCII: false)
            #expect(fast.symbols == general.symbols && fast.origin == general.origin, "\(text.debugDescription)")
        }
    }

    @Test func decodeMatchesUnicodeScalars() {
        for text in ["", "plain ascii", "Zoë Müller", "鈴木一郎さん", "🏦👍 e\u{301}", "\u{10FFFF}x\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}"] {
            #expect(ScanText.decode(text) == Array(text.unicodeScalars))
        }
    }

    @Test func tokensCarryWhatTheyContain() {
        let scan = ScanText("see 10.0.0.1, mail a@b.org and end. C:\\x -y é")
        let got = scan.tokens.map { t -> String in
            var w = ""; w.unicodeScalars.append(contentsOf: scan.scalars[t.start..<t.end]); return "\(w)=\(t.flags)"
        }
        typealias T = ScanText.Token
        #expect(got == [
            "see=0", "10.0.0.1,=\(T.digit | T.innerDot)", "mail=0", "a@b.org=\(T.open | T.at | T.innerDot)", "and=0",
            "end.=0", "C:\\x=\(T.colon | T.joiner)", "-y=\(T.joiner)", "é=\(T.nonASCII)",
        ])
    }

    @Test func wordSetLooksUpByHash() {
        let folded = WordSet(["CISO", "analyst", "Straße"], folded: true)
        for (word, hit) in [("ciso", true), ("CISO", true), ("Analyst", true), ("STRASSE", false), ("straße", true), ("cis", false)] {
            let s = Array(word.unicodeScalars)
            #expect(folded.contains(s, 0, s.count) == hit, "\(word)")
        }
        let exact = WordSet(["Maria"], folded: false)
        #expect(exact.contains(Array("Maria".unicodeScalars), 0, 5))
        #expect(!exact.contains(Array("maria".unicodeScalars), 0, 5))
        #expect(!WordSet([String](), folded: true).contains(hash: 0))
    }
}
