import Testing
@testable import ChathamScrub
import ChathamTestKit

/// The table-driven and filtered fast paths against the plain algorithms
/// they replaced, on random input: each must find exactly what the plain
/// form finds.
@Suite struct FastPathTests {
    /// The host-glob detector's quick-reject tables (pairs, three-symbol
    /// prefixes, last symbols) never drop a token that some glob matches,
    /// nor does its token gate (seeds 54 and 55: every glob spells a "-"
    /// or a digit, so only whitespace tokens with one are visited).
    @Test(arguments: [51, 52, 53, 54, 55] as [UInt64])
    func hostGlobsMatchBruteForce(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let required: String? = seed == 54 ? "-" : seed == 55 ? "1" : nil
        let globPieces = ["a", "b", "c", "A", "B", "-", "*", "?", "1", "é", ".", "ab", "abc", "x"]
        let textPieces = ["ab", "abc", "a-b", "ABC", "c1", " ", ".", "_", "é", "abé", "x", "-", "b", "ca", "AB-1", "\u{200B}", "a.b"]
        for _ in 0..<300 {
            let globs = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                var pieces = (0..<Int.random(in: 1...6, using: &rng)).map { _ in globPieces.randomElement(using: &rng)! }
                if let required { pieces.insert(required, at: Int.random(in: 0...pieces.count, using: &rng)) }
                return pieces.joined()
            }
            let detector = HostGlobDetector(profile: MemberProfile(hostnames: globs))
            let text = (0..<Int.random(in: 0...30, using: &rng)).map { _ in textPieces.randomElement(using: &rng)! }.joined()
            let scan = ScanText(text)
            var got: [Candidate] = []
            detector.detect(scan, into: &got)

            // Every host token against every glob (and a leading "*." glob's bare suffix).
            var variants: [[UInt32]] = []
            for g in globs {
                let lowered = HostGlobDetector.lower(g.unicodeScalars)
                variants.append(lowered)
                if lowered.count > 2, lowered[0] == 0x2A, lowered[1] == 0x2E { variants.append(Array(lowered.dropFirst(2))) }
            }
            let s = scan.scalars
            func hostChar(_ c: Unicode.Scalar) -> Bool {
                c.isASCII ? ScalarClass.isASCIIAlnum(c) || c == "-" || c == "_" || c == "." : ScalarClass.isAlnum(c)
            }
            var want: [Candidate] = []
            var i = 0
            while i < s.count {
                guard hostChar(s[i]) else { i += 1; continue }
                var j = i
                while j < s.count, hostChar(s[j]) { j += 1 }
                var start = i, end = j
                while start < end, !ScalarClass.isAlnum(s[start]) { start += 1 }
                while end > start, !ScalarClass.isAlnum(s[end - 1]) { end -= 1 }
                if end > start {
                    let token = HostGlobDetector.lower(s[start..<end])
                    if variants.contains(where: { !$0.isEmpty && HostGlobDetector.matches(token, $0) }) {
                        want.append(Candidate(kind: .host, start: start, end: end))
                    }
                }
                i = j
            }
            #expect(got == want, "\(globs) \(text.debugDescription)")
        }
    }

    /// The keep test by sorted spans agrees with the per-scalar table it
    /// replaced: a candidate goes when one keep span holds it whole.
    @Test(arguments: [61, 62] as [UInt64])
    func resolverKeepMatchesPerScalarTable(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let scan = ScanText("abcdefghijklmnopqrstuvwxyz0123456789 [ORG] abcdefghij")
        let kinds: [Kind] = [.org, .person, .host, .domain, .id]
        for round in 0..<2000 {
            func span() -> (Int, Int) {
                let a = Int.random(in: -2...scan.count, using: &rng)
                return (a, a + Int.random(in: -1...12, using: &rng))
            }
            // Mostly a few (the insertion sort), now and then past 64 (the library sort).
            let many = round % 10 == 0 ? 120 : 8
            let candidates = (0..<Int.random(in: 0...many, using: &rng)).map { _ -> Candidate in
                let (a, b) = span()
                return Candidate(kind: kinds.randomElement(using: &rng)!, start: a, end: b,
                                 core: Int.random(in: 0...3, using: &rng) == 0 ? max(0, b - a - 1) : nil)
            }
            let keep = (0..<Int.random(in: 0...5, using: &rng)).map { _ in span() }.filter { $0.0 >= 0 && $0.1 <= scan.count }
            #expect(Resolver.resolve(candidates, keep: keep, text: scan) == Self.referenceResolve(candidates, keep: keep, text: scan))
        }
    }

    /// The resolver as it was: a longest-keep-span table over every scalar.
    static func referenceResolve(_ candidates: [Candidate], keep: [(Int, Int)], text: ScanText) -> [Finding] {
        var keepEnd = [Int](repeating: -1, count: text.count)
        var keepStart = [Int](repeating: -1, count: text.count)
        for (start, end) in keep where end > start {
            for i in start..<end where end > keepEnd[i] {
                keepEnd[i] = end
                keepStart[i] = start
            }
        }
        let live = candidates.filter { c in
            guard c.end > c.start, c.start >= 0, c.end <= text.count else { return false }
            if text.touchesPlaceholder(c.start, c.end) { return false }
            if keepEnd[c.start] >= c.end, keepStart[c.start] <= c.start { return false }
            return true
        }.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
        // The keep test and the sort are what this oracle checks; the merge
        // of overlaps is the resolver's own.
        return Resolver.merge(live)
    }

    /// The preparation of ASCII text from its bytes builds exactly what the
    /// general passes over the scalars build: scalars, placeholder mask,
    /// tokens and skeleton (and non-ASCII text takes the general passes).
    @Test(arguments: [81, 82, 83] as [UInt64])
    func onePassPreparationMatchesSeparatePasses(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let pieces = EngineTests.alphabet + [
            "\t", "\r", "{", "}", "+", "/", "a.", ". ", ".\n", "\u{7F}", "~", "[", "]", "[ORG]", "[PERSON-2]", "[ORG-1234567]",
            "[NAME]", "[ID-x]", "[[IP]", "[ORG]]", "[URL", "[PHONE-", "B@nk", "e$s", "x.y", "@", "$", "1.", ".a", "é", "鈴木",
            "🏦", "\u{200B}", "Ａ", "[LOCATION]", "-", "_", "'", "ORG]", "[TERM-0]",
        ]
        for _ in 0..<3000 {
            let count = Int.random(in: 0...30, using: &rng)
            var text = (0..<count).map { _ in pieces.randomElement(using: &rng)! }.joined()
            if Int.random(in: 0..<3, using: &rng) == 0 { text = String(text.unicodeScalars.filter(\.isASCII)) }
            let fused = ScanText(text)
            let plain = ScanText(scalars: Array(text.unicodeScalars))
            #expect(fused.scalars == plain.scalars, "\(text.debugDescription)")
            #expect(fused.protected == plain.protected, "\(text.debugDescription)")
            #expect(fused.hasBracket == plain.hasBracket, "\(text.debugDescription)")
            #expect(fused.tokens.map { [$0.start, $0.end, Int($0.flags)] } == plain.tokens.map { [$0.start, $0.end, Int($0.flags)] },
                    "\(text.debugDescription)")
            #expect(fused.skeleton.symbols == plain.skeleton.symbols && fused.skeleton.origin == plain.skeleton.origin,
                    "\(text.debugDescription)")
            #expect(fused.skeleton.codes == plain.skeleton.codes && fused.skeleton.wide == plain.skeleton.wide,
                    "\(text.debugDescription)")
            #expect(fused.isASCII == text.unicodeScalars.allSatisfy(\.isASCII), "\(text.debugDescription)")
        }
    }

    /// The skeleton's one-byte codes stand for exactly the symbols they were
    /// made from, and the automaton finds the same hits on a skeleton as on
    /// the symbols (Latin, barrier and non-Latin symbols mixed).
    @Test(arguments: [84, 85] as [UInt64])
    func skeletonCodesRoundTrip(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let latin: [UInt32] = Array(0x61...0x7A) + Array(0x30...0x39) + [Skeleton.barrier]
        for _ in 0..<500 {
            let wide = Int.random(in: 0..<3, using: &rng) == 0
            let symbols = (0..<Int.random(in: 0...80, using: &rng)).map { _ -> UInt32 in
                wide && Int.random(in: 0..<6, using: &rng) == 0 ? [0x3B1, 0x436, 0xDF, 0x41].randomElement(using: &rng)!
                    : latin.randomElement(using: &rng)!
            }
            let skeleton = Skeleton(symbols: symbols, origin: symbols.indices.map { Int32($0) })
            #expect(skeleton.symbols == symbols)
            #expect(skeleton.codes.count == symbols.count)
            #expect(skeleton.wide.isEmpty == symbols.allSatisfy { Skeleton.code($0) != Skeleton.wideCode })
            for (c, v) in zip(skeleton.codes, symbols) where c != Skeleton.wideCode {
                #expect(Int(c) < Skeleton.denseCount)
                #expect(v == Skeleton.barrier ? c == Skeleton.barrierCode : c != Skeleton.barrierCode)
            }
        }
    }

    /// The dotted-name taint test by a look through the profile candidates
    /// agrees with the per-scalar mask it replaced.
    @Test func taintByOverlapMatchesMask() {
        var rng = SplitMix64(seed: 93)
        for _ in 0..<3000 {
            let count = Int.random(in: 1...40, using: &rng)
            let candidates = (0..<Int.random(in: 0...6, using: &rng)).map { _ -> Candidate in
                let a = Int.random(in: 0..<count, using: &rng)
                return Candidate(kind: .org, start: a, end: min(count, a + Int.random(in: 0...8, using: &rng)))
            }
            var mask = [Bool](repeating: false, count: count)
            for c in candidates { for k in c.start..<c.end { mask[k] = true } }
            let start = Int.random(in: 0...count, using: &rng)
            let end = Int.random(in: start...count, using: &rng)
            #expect(Scrubber.overlaps(candidates[...], start, end) == mask[start..<end].contains(true))
        }
    }

    /// The redacted text copied from an ASCII text's bytes equals the
    /// redaction encoded from the scalars.
    @Test func redactedASCIIMatchesScalarEncoding() {
        var rng = SplitMix64(seed: 92)
        let pieces = EngineTests.alphabet.filter { $0.unicodeScalars.allSatisfy(\.isASCII) } + ["[ORG]", "[PERSON-3]"]
        for _ in 0..<1500 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let scalars = Array(text.unicodeScalars)
            let findings = numberedScrubber.scrub(text).findings
            var copy = text
            let fromBytes = copy.withUTF8 { Scrubber.redactedASCII($0, findings) }
            #expect(fromBytes == Scrubber.redactedString(scalars, findings), "\(text.debugDescription)")
            #expect(Scrubber.encode(text, ScanText(text), findings) == fromBytes, "\(text.debugDescription)")
        }
    }

    /// The table-driven tokenizer agrees with the plain per-character rules.
    @Test func tokenizeMatchesPlainRules() {
        var rng = SplitMix64(seed: 71)
        let pieces = EngineTests.alphabet + ["\t", "\r", "{", "}", "+", "/", "a.", ". ", ".\n", "\u{7F}", "~"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...30, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let s = Array(text.unicodeScalars)
            let got = ScanText.tokenize(s).map { [$0.start, $0.end, Int($0.flags)] }
            #expect(got == Self.referenceTokens(s), "\(text.debugDescription)")
        }
    }

    static func referenceTokens(_ s: [Unicode.Scalar]) -> [[Int]] {
        typealias T = ScanText.Token
        func space(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\n" || c == "\t" || c == "\r" }
        var out: [[Int]] = []
        var i = 0
        while i < s.count {
            if space(s[i]) { i += 1; continue }
            let start = i
            var flags: UInt8 = 0
            while i < s.count, !space(s[i]) {
                let c = s[i]
                if !c.isASCII { flags |= T.nonASCII }
                if ScalarClass.isASCIIDigit(c) { flags |= T.digit }
                if c == ":" { flags |= T.colon }
                if c == ".", i + 1 < s.count, !space(s[i + 1]) { flags |= T.innerDot }
                if c == "(" || c == "[" || c == "{" { flags |= T.open }
                if c == "@" { flags |= T.open | T.at }
                if c == "-" || c == "/" || c == "+" || c == "_" || c == "\\" { flags |= T.joiner }
                i += 1
            }
            out.append([start, i, Int(flags)])
        }
        return out
    }

    /// The two-chain scan reports exactly the single chain's hits, in the
    /// same order (so candidates reach the resolver unchanged).
    @Test(arguments: [81, 82] as [UInt64])
    func splitScanMatchesSingleChain(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let symbols: [UInt32] = [0x61, 0x62, 0x63, 0x31, Skeleton.barrier, 0x3B1]
        for _ in 0..<60 {
            let patterns = (0..<Int.random(in: 1...40, using: &rng)).map { _ in
                (0..<Int.random(in: 1...12, using: &rng)).map { _ in symbols.randomElement(using: &rng)! }
            }
            let matcher = MultiPatternMatcher(patterns: patterns)
            let text = (0..<Int.random(in: 0...3000, using: &rng)).map { _ in symbols.randomElement(using: &rng)! }
            var split: [[Int]] = [], single: [[Int]] = []
            matcher.scan(text) { split.append([$0.pattern, $0.start, $0.end]) }
            matcher.scan(text, split: false) { single.append([$0.pattern, $0.start, $0.end]) }
            #expect(split == single)
        }
    }

    /// The full 16-bit table (32 class columns, or one per class when the
    /// patterns tell more apart) finds exactly the split layout's hits
    /// (shallow rows, deep edge lists), in the same order, on one chain
    /// and on four; symbols no pattern holds, barriers and non-Latin
    /// symbols included.
    @Test(arguments: [89, 90] as [UInt64])
    func fullTableMatchesSplitLayout(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let all: [UInt32] = Array(0x61...0x7A) + Array(0x30...0x39) + [Skeleton.barrier, 0x3B1, 0xDF]
        let few: [UInt32] = [0x61, 0x62, 0x63, Skeleton.barrier, 0x3B1]
        for round in 0..<80 {
            let symbols = round % 2 == 0 ? all : few
            let patterns = (0..<Int.random(in: 1...60, using: &rng)).map { _ in
                (0..<Int.random(in: 1...10, using: &rng)).map { _ in symbols.randomElement(using: &rng)! }
            }
            let text = (0..<Int.random(in: 0...3000, using: &rng)).map { _ in
                Int.random(in: 0..<8, using: &rng) == 0 ? all.randomElement(using: &rng)! : symbols.randomElement(using: &rng)!
            }
            let full = MultiPatternMatcher(patterns: patterns)
            let split = MultiPatternMatcher(patterns: patterns, fullTable: false)
            for chains in [true, false] {
                var a: [[Int]] = [], b: [[Int]] = []
                full.scan(text, split: chains) { a.append([$0.pattern, $0.start, $0.end]) }
                split.scan(text, split: chains) { b.append([$0.pattern, $0.start, $0.end]) }
                #expect(a == b)
            }
        }
    }

    /// Turning whole-word hits glued to an ASCII letter or digit away
    /// early changes nothing: the profile detector finds the same
    /// candidates and keep spans with and without it.
    @Test(arguments: [96, 97] as [UInt64])
    func quickWholeWordMatchesFullTest(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let detector = ProfileDetector(profile: MemberProfile(
            organisationNames: ["Acme Bank plc"], organisationAliases: ["ACB", "Acme"], people: ["Jane Doe", "Åsa Öberg"],
            locations: ["Doe Run"], terms: ["Project Nightjar"], keep: ["Play", "Nightjar Tool"]))
        let pieces = EngineTests.alphabet + ["acme", "Acme", "jane", "doe", "Doe", "ACB", "acb", "play", "Play", "nightjar",
                                             "asa", "Åsa", "oberg", "s", "'s", "[ORG]", "x", "1", "\u{200B}", "é", "-"]
        for _ in 0..<1500 {
            let text = (0..<Int.random(in: 0...24, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let scan = ScanText(text)
            var quick: [Candidate] = [], plain: [Candidate] = []
            var quickKeep: [(Int, Int)] = [], plainKeep: [(Int, Int)] = []
            detector.detect(scan, into: &quick, keep: &quickKeep)
            detector.detect(scan, into: &plain, keep: &plainKeep, quickWholeWord: false)
            #expect(quick == plain, "\(text.debugDescription)")
            #expect(quickKeep.map { [$0.0, $0.1] } == plainKeep.map { [$0.0, $0.1] }, "\(text.debugDescription)")
        }
    }

    /// Deep states step through their flattened edge lists and one
    /// fallback row; on patterns long enough for deep failure chains (a
    /// tiny alphabet, patterns sharing suffixes and prefixes) the automaton
    /// still finds exactly what a naive search finds, in order of end.
    @Test(arguments: [86, 87, 88] as [UInt64])
    func deepStatesMatchNaiveSearch(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let alphabets: [[UInt32]] = [[0x61, 0x62], [0x61, 0x62, 0x63, Skeleton.barrier], [0x61, 0x62, 0x31, 0x3B1]]
        for _ in 0..<80 {
            let symbols = alphabets.randomElement(using: &rng)!
            let patterns = (0..<Int.random(in: 1...25, using: &rng)).map { _ in
                (0..<Int.random(in: 1...14, using: &rng)).map { _ in symbols.randomElement(using: &rng)! }
            }
            let text = (0..<Int.random(in: 0...400, using: &rng)).map { _ in symbols.randomElement(using: &rng)! }
            var got: [[Int]] = []
            MultiPatternMatcher(patterns: patterns).scan(text, split: false) { got.append([$0.end, $0.pattern, $0.start]) }
            var want: [[Int]] = []
            for end in 0..<text.count {
                for (id, p) in patterns.enumerated() where !p.isEmpty && p.count <= end + 1 && Array(text[(end + 1 - p.count)...end]) == p {
                    want.append([end, id, end + 1 - p.count])
                }
            }
            // In order of end; at one end, the automaton's own order.
            #expect(got.map { $0[0] } == want.map { $0[0] })
            #expect(got.sorted { $0.lexicographicallyPrecedes($1) } == want.sorted { $0.lexicographicallyPrecedes($1) })
        }
    }

    /// The (first two letters, length) prefilter in front of the keyword
    /// hash never turns a keyword away: `Keywords.match` finds exactly what
    /// the plain look-up (every word hashed) finds, on keywords in any case,
    /// their neighbours, "-nummer" compounds and non-ASCII words.
    @Test func keywordPrefilterMatchesPlainLookup() {
        var rng = SplitMix64(seed: 95)
        let words = Keywords.latinWords + ["Ausweisnummer", "Portnummer", "Versionsnummer", "Kunden-Nummer", "the", "tea",
                                           "stated", "report", "cases", "TÉL", "téléphone", "ÉXT", "accounting", "nibble", "Az", "az."]
        let pieces = ["a", "c", "t", "e", "x", "é", "1", "-", " ", ".", "İ", "K", "nummer", "mer"]
        func plain(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
            var j = i
            while j < s.count, ScalarClass.isAlnum(s[j]), j - i < 20 { j += 1 }
            // "Az.", the one two-letter keyword, with its dot.
            if j - i == 2, j < s.count, s[j] == ".", String(String.UnicodeScalarView(s[i..<j])).lowercased() == "az" { return j }
            guard j - i >= 3, j - i < 28 else { return nil }
            return Keywords.latin.contains(s, i, j) || Keywords.numberCompound(s, i, j) ? j : nil
        }
        for _ in 0..<4000 {
            var word = words.randomElement(using: &rng)!
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: word = word.uppercased()
            case 1: word = word.prefix(1).uppercased() + word.dropFirst()
            case 2: word += pieces.randomElement(using: &rng)!
            case 3: word = (0..<Int.random(in: 1...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            default: break
            }
            let s = Array((word + " x").unicodeScalars)
            #expect(Keywords.match(s, 0) == plain(s, 0), "\(word.debugDescription)")
        }
    }

    /// The identifier scanner runs a shape only when the word's length and
    /// what follows it allow one (a GUID's first group is eight long, a
    /// named host goes on with "-" or "_" …): every match of each shape on
    /// random token-like text satisfies the condition it is gated on.
    @Test func identifierShapeGatesHoldForEveryMatch() {
        var rng = SplitMix64(seed: 96)
        let detector = IdentifierDetector()
        let pieces = ["a", "F", "0", "7", "-", "_", ":", ".", "\\", " ", "INC", "CORP", "svc", "SRV", "DC", "NFIB", "sql",
                      "3f2504e0", "4f89", "00", "1a", "0050", "56a3", "j", "doe", "adm", "01", "042", "12345", "é", "x"]
        for _ in 0..<6000 {
            let s = Array((0..<Int.random(in: 1...10, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined().unicodeScalars)
            let text = String(String.UnicodeScalarView(s)).debugDescription
            for i in s.indices where ScalarClass.isASCIIAlnum(s[i]) {
                var w = i
                var digits = false
                while w < s.count, s[w].value < 0x80, ScalarClass.isASCIIAlnum(s[w]) {
                    if ScalarClass.isASCIIDigit(s[w]) { digits = true }
                    w += 1
                }
                let after: Unicode.Scalar = w < s.count ? s[w] : " "
                if detector.guid(s, i) != nil { #expect(w - i == 8, "\(text) \(i)") }
                if detector.mac(s, i) != nil { #expect(w - i == 2 || w - i == 4, "\(text) \(i)") }
                if detector.domainUser(s, i) != nil { #expect("\\-_.".unicodeScalars.contains(after), "\(text) \(i)") }
                if detector.ticket(s, i) != nil { #expect(digits, "\(text) \(i)") }
                if detector.reference(s, i) != nil { #expect(after == "-", "\(text) \(i)") }
                if detector.namedHost(s, i) != nil { #expect(after == "-" || after == "_", "\(text) \(i)") }
                if detector.singleHost(s, i) != nil { #expect(digits, "\(text) \(i)") }
            }
        }
    }

    /// A replacement's numbering slot by length and string compare agrees
    /// with the dictionary of "[NAME]" texts it replaced, and the echo's
    /// kind test with its set, on every built-in text and near-misses.
    @Test func numberingSlotAndEchoKindMatchLookups() {
        let dictionary = Dictionary(uniqueKeysWithValues: Scrubber.Numbering.names.enumerated().map { ("[" + $1 + "]", $0) })
        let others = ["", "[", "[]", "[ORG", "ORG]", "[ORG-1]", "[org]", "[NAME]", "[LOCATIONS]", "[LOCATION-12345]", "[ÖRG]",
                      "[ID]x", "[PERSON]" + String(repeating: "x", count: 20)]
        for replacement in Array(dictionary.keys) + Kind.allCases.map(\.placeholder) + others {
            let slot = Scrubber.Numbering.slot(ofReplacement: replacement, Scrubber.Numbering.slotsByLength, Scrubber.Numbering.replacements)
            #expect(slot == dictionary[replacement], "\(replacement)")
        }
        for kind in Kind.allCases.map(\.rawValue) + ["", "users", "Host", "i", "ids"] {
            #expect(Scrubber.isEchoKind(kind) == Scrubber.echoKinds.contains(kind), "\(kind)")
        }
    }

    /// The redacted text written straight to UTF-8 equals the scalar
    /// redaction encoded afterwards (non-ASCII text and placeholders included).
    @Test func redactedStringMatchesScalarRedaction() {
        var rng = SplitMix64(seed: 91)
        for _ in 0..<1500 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in EngineTests.alphabet.randomElement(using: &rng)! }.joined()
            let scalars = Array(text.unicodeScalars)
            let findings = numberedScrubber.scrub(text).findings
            #expect(Scrubber.redactedString(scalars, findings) == Scrubber.string(Scrubber.redactScalars(scalars, findings).text),
                    "\(text.debugDescription)")
        }
    }

    /// Numbered placeholders come from the precomputed texts and agree
    /// with spelling the number out, past the precomputed range too.
    @Test func numberingPastTheCachedTexts() {
        var text = ""
        for k in 0..<80 { text += "mail u\(k)@example.com, " }
        let result = numberedScrubber.scrub(text)
        #expect(result.findings.count == 80)
        #expect(result.findings.map(\.replacement) == (1...80).map { "[EMAIL-\($0)]" })
        // A text that already holds "[EMAIL-70]" numbers after it.
        let again = numberedScrubber.scrub("[EMAIL-70] and a@example.com")
        #expect(again.findings.map(\.replacement) == ["[EMAIL-71]"])
    }
}

extension FastPathTests {
    /// The person detector asks `NameFilter` before the generated name
    /// lists: it must answer "maybe" for every name in them (no false
    /// negative), and "no" for most other words.
    @Test func nameFilterKeepsEveryName() {
        var names = 0, missed = 0
        for list in [PersonNames.givenASCII, PersonNames.givenAccented, PersonNames.surnameASCII, PersonNames.surnameAccented] {
            for name in list.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                names += 1
                if !PersonDetector.nameFilter.mayContain(WordSet.hash(Array(name.unicodeScalars)[...], folded: false)) { missed += 1 }
            }
        }
        #expect(names > 40_000)
        #expect(missed == 0)
        let others = ["Firewall", "Backups", "The", "Veeam", "LockBit", "Tuesday", "Report", "Regulator", "Endpoint", "Helpdesk"]
        let maybes = others.filter { PersonDetector.nameFilter.mayContain(WordSet.hash(Array($0.unicodeScalars)[...], folded: false)) }
        #expect(maybes.count <= 2, "filter lets through \(maybes)")
    }
}

extension FastPathTests {
    /// The person detector reads a word's small sets from `WordClasses`
    /// (one probe, behind a bit filter) instead of asking each set: for
    /// every word of the sets, the English list and a sample of names, in
    /// four spellings, each bit must be what its set answers.
    @Test func wordClassesAgreeWithTheirSets() {
        let sets = PersonDetector.classSets
        let classes = WordClasses(sets)
        var words: [String] = []
        for list in [Names.titles, Names.roles, Names.stop, Names.given, Vocabulary.keepWords, Vocabulary.legalSuffixes] {
            words += list
        }
        words += PersonDetector.greetingWords + PersonDetector.signOffWords + Array(PersonDetector.particles)
        words += ["and", "the", "our", "from", "names", "ping", "said", "team", "operator", "der", "não", "été", "m", "fr"]
        words += EnglishWords.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        words += PersonNames.givenAccented.split(separator: " ").prefix(3000).map(String.init)
        var checked = 0, wrong: [String] = []
        for word in words {
            for variant in Set([word, word.lowercased(), word.uppercased(), word.capitalized]) {
                let scalars = Array(variant.unicodeScalars)[...]
                let lower = WordSet.hash(scalars, folded: true), exact = WordSet.hash(scalars, folded: false)
                let got = classes.classes(lower: lower, exact: exact)
                for (bit, set) in sets.enumerated() where (got >> bit & 1 != 0) != set.contains(hash: set.folded ? lower : exact) {
                    wrong.append("\(variant) (set \(bit))")
                }
                checked += 1
            }
        }
        #expect(checked > 100_000)
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
    }
}

extension FastPathTests {
    /// The identifier detector asks for a keyword after a word with digits
    /// or a joiner only when `Keywords.mayMatchASCII` lets it: that must
    /// never turn away a word `Keywords.match` takes — every keyword, the
    /// English list, "-nummer" compounds and random letters and digits,
    /// long ones too (match looks at 20 scalars at most).
    @Test(arguments: [71, 72] as [UInt64])
    func keywordGateNeverMissesAMatch(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var words = Keywords.latinWords.filter { $0.unicodeScalars.allSatisfy { ScalarClass.isASCIIAlnum($0) } }
        words += words.map { $0.uppercased() } + words.map { $0.capitalized }
        words += ["Ausweisnummer", "Kundenkontonummer", "Portnummer", "Versionsnummer", "KUNDENNUMMERABCDEFGHIJ",
                  "abcdefghijklmnnummer", "abcdefghijklmnnummerx", "account1", "ticket2024", "acct42"]
        words += EnglishWords.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).prefix(20_000).map(String.init)
        let letters = Array("acekmnorstuACKMNRT0123456789".unicodeScalars)
        for _ in 0..<20_000 {
            words.append(String(String.UnicodeScalarView((0..<Int.random(in: 2...30, using: &rng)).map { _ in letters.randomElement(using: &rng)! })))
        }
        var matched = 0, missed: [String] = []
        // The gate's words: runs of ASCII letters and digits.
        for word in words where word.unicodeScalars.allSatisfy({ ScalarClass.isASCIIAlnum($0) }) {
            for after in [" ", "-", ".", ""] {
                let s = Array((word + after).unicodeScalars)
                let w = word.unicodeScalars.count
                let got = Keywords.match(s, 0)
                if got != nil { matched += 1 }
                if got != nil, !Keywords.mayMatchASCII(s, 0, w, Keywords.pairAndLength) { missed.append(word + after) }
            }
        }
        #expect(matched > 100)
        #expect(missed.isEmpty, "\(missed.prefix(20))")
    }
}
