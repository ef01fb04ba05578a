/// Host names matching the profile's glob patterns ("ACME-*",
/// "*.corp.acme.local"), case-insensitively, over whole host-name tokens
/// (letters, digits, "-", "_", "."). "*" matches any run, "?" one character;
/// a leading "*." also matches the bare suffix ("corp.acme.local").
struct HostGlobDetector: Detector {
    /// Globs whose first character is literal, by that character: a token is
    /// only tried against globs that can start with its first character.
    private let byFirst: [UInt32: [[UInt32]]]
    /// Globs starting with a wildcard, tried against every token.
    private let anyFirst: [[UInt32]]
    private let byPair: [Int: [[UInt32]]]
    private let firstOnly: [UInt32: [[UInt32]]]
    private let openers: [UInt64]
    private let loneOpeners: [Bool]
    private let anyFirstLasts: Set<UInt32>
    private let anyFirstAnyLast: Bool
    /// `anyFirstLasts` over ASCII as a table (a Set costs a hash per token).
    private let anyFirstLastASCII: [Bool]
    /// Per ASCII pair: 1 when some glob opening with it has no third
    /// literal ASCII symbol (then `triples` cannot rule a token out).
    private let pairNeedsFull: [UInt8]
    /// Bit set of (hashed) first three symbols of globs with three literal
    /// ASCII symbols first.
    private let triples: [UInt64]
    private static let tripleBits = 1 << 16

    @inline(__always)
    private static func triple(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> Int {
        Int(((a &* 0x9E37_79B1) ^ (b &* 0x85EB_CA77) ^ (c &* 0xC2B2_AE3D)) >> 8) & (tripleBits - 1)
    }
    /// `byPair` and `firstOnly` (ASCII keys) as flat tables of indexes into
    /// `globLists`, -1 for none: no dictionary hashing per token.
    private let pairIndex: [Int32]
    private let firstIndex: [Int32]
    private let globLists: [[[UInt32]]]
    /// Token flags (`ScanText.Token`) that every glob needs its token to
    /// have: `joiner` when each spells a literal "-" or "_" ("ACME-*"),
    /// else `digit` when each spells a digit, else 0 (every token). No
    /// other character folds to those, so a whitespace token without the
    /// flag holds no host token that can match, and is never visited.
    private let requiredFlags: UInt8

    init(profile: MemberProfile) {
        var byFirst: [UInt32: [[UInt32]]] = [:]
        var anyFirst: [[UInt32]] = []
        for pattern in profile.hostnames {
            let lowered = HostGlobDetector.lower(pattern.unicodeScalars)
            var variants = [lowered]
            if lowered.count > 2, lowered[0] == 0x2A, lowered[1] == 0x2E { variants.append(Array(lowered.dropFirst(2))) }
            for glob in variants {
                guard let first = glob.first else { continue }
                if first == 0x2A || first == 0x3F { anyFirst.append(glob) } else { byFirst[first, default: []].append(glob) }
            }
        }
        self.byFirst = byFirst
        self.anyFirst = anyFirst
        // Quick-reject tables over ASCII: the first two symbols of globs
        // that start with two literals, the first symbol of those that do
        // not (or start with a non-ASCII one: then any token may match), and
        // the last symbol of globs that start with a wildcard.
        var openers = [UInt64](repeating: 0, count: 128 * 128 / 64)
        var loneOpeners = [Bool](repeating: false, count: 128)
        var anyFirstLasts = Set<UInt32>()
        var anyFirstAnyLast = false
        for globs in byFirst.values {
            for glob in globs {
                let a = glob[0]
                let b = glob.count > 1 ? glob[1] : 0x2A
                if a >= 0x80 {
                    loneOpeners = [Bool](repeating: true, count: 128)
                } else if b == 0x2A || b == 0x3F || b >= 0x80 {
                    loneOpeners[Int(a)] = true
                } else {
                    let pair = Int(a) << 7 | Int(b)
                    openers[pair >> 6] |= 1 << UInt64(pair & 63)
                }
            }
        }
        for glob in anyFirst {
            let z = glob.last!
            if z == 0x2A || z == 0x3F || z >= 0x80 { anyFirstAnyLast = true } else { anyFirstLasts.insert(z) }
        }
        // The same split for matching: globs by their first two literal
        // symbols, and those with a wildcard or non-ASCII second symbol by
        // the first alone.
        var byPair: [Int: [[UInt32]]] = [:]
        var firstOnly: [UInt32: [[UInt32]]] = [:]
        for (first, globs) in byFirst {
            for glob in globs {
                let b = glob.count > 1 ? glob[1] : 0x2A
                if first < 0x80, b < 0x80, b != 0x2A, b != 0x3F {
                    byPair[Int(first) << 7 | Int(b), default: []].append(glob)
                } else {
                    firstOnly[first, default: []].append(glob)
                }
            }
        }
        self.byPair = byPair
        self.firstOnly = firstOnly
        self.openers = openers
        self.loneOpeners = loneOpeners
        self.anyFirstLasts = anyFirstLasts
        self.anyFirstAnyLast = anyFirstAnyLast
        anyFirstLastASCII = (0..<128).map { anyFirstLasts.contains(UInt32($0)) }
        var pairNeedsFull = [UInt8](repeating: 0, count: 128 * 128)
        var triples = [UInt64](repeating: 0, count: Self.tripleBits / 64)
        for (pair, globs) in byPair {
            for glob in globs {
                if glob.count >= 3, glob[2] < 0x80, glob[2] != 0x2A, glob[2] != 0x3F {
                    let bit = Self.triple(glob[0], glob[1], glob[2])
                    triples[bit >> 6] |= 1 << UInt64(bit & 63)
                } else {
                    pairNeedsFull[pair] = 1
                }
            }
        }
        self.pairNeedsFull = pairNeedsFull
        self.triples = triples
        var lists: [[[UInt32]]] = []
        var pairIndex = [Int32](repeating: -1, count: 128 * 128)
        for (pair, globs) in byPair { pairIndex[pair] = Int32(lists.count); lists.append(globs) }
        var firstIndex = [Int32](repeating: -1, count: 128)
        for (first, globs) in firstOnly where first < 0x80 { firstIndex[Int(first)] = Int32(lists.count); lists.append(globs) }
        self.pairIndex = pairIndex
        self.firstIndex = firstIndex
        globLists = lists
        let all = byFirst.values.flatMap { $0 } + anyFirst
        func spells(_ glob: [UInt32], _ test: (UInt32) -> Bool) -> Bool { glob.contains(where: test) }
        if !all.isEmpty, all.allSatisfy({ spells($0) { $0 == 0x2D || $0 == 0x5F } }) {
            requiredFlags = ScanText.Token.joiner
        } else if !all.isEmpty, all.allSatisfy({ spells($0) { $0 >= 0x30 && $0 <= 0x39 } }) {
            requiredFlags = ScanText.Token.digit
        } else {
            requiredFlags = 0
        }
    }

    var isEmpty: Bool { byFirst.isEmpty && anyFirst.isEmpty }

    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        guard !isEmpty else { return }
        let s = text.scalars
        var token: [UInt32] = []
        // One pass over the raw buffer with the ASCII classes from a table:
        // this loop visits every scalar of the text, and each host token
        // costs only its quick reject unless some glob may match it.
        s.withUnsafeBufferPointer { buffer in
            Self.hostASCII.withUnsafeBufferPointer { table in
                @inline(__always) func host(_ c: Unicode.Scalar) -> Bool {
                    c.value < 0x80 ? table[Int(c.value)] : ScalarClass.isAlnum(c)
                }
                // Host tokens never cross whitespace, so scanning the
                // whitespace tokens that may hold a match finds the same
                // host tokens as scanning the whole text.
                let required = requiredFlags
                for t in text.tokens where required == 0 || t.flags & required != 0 {
                    var i = t.start
                    let n = t.end
                    while i < n {
                        // The extent of the host token.
                        while i < n, !host(buffer[i]) { i += 1 }
                        guard i < n else { break }
                        var j = i
                        while j < n, host(buffer[j]) { j += 1 }
                        var start = i, end = j
                        while start < end, !ScalarClass.isAlnum(buffer[start]) { start += 1 }
                        while end > start, !ScalarClass.isAlnum(buffer[end - 1]) { end -= 1 }
                        // Most tokens cannot match: no glob starts with their first two
                        // letters, and none of the globs starting with a wildcard ends
                        // with their last one. Decided on ASCII without folding the token.
                        if end > start, !quickReject(buffer, start, end), matchesAny(s, start, end, &token) {
                            candidates.append(Candidate(kind: .host, start: start, end: end))
                        }
                        i = j
                    }
                }
            }
        }
    }

    /// Whether the host token `s[start..<end]`, folded into `token`, matches
    /// some glob: those opening with its first two symbols, those opening
    /// with its first alone, and those opening with a wildcard. Out of line:
    /// few tokens get this far.
    @inline(never)
    private func matchesAny(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, _ token: inout [UInt32]) -> Bool {
        token.removeAll(keepingCapacity: true)
        HostGlobDetector.lowerScalars(s, start, end, into: &token)
        let pair = token.count > 1 && token[0] < 0x80 && token[1] < 0x80 ? Int(token[0]) << 7 | Int(token[1]) : -1
        func any(_ list: Int32) -> Bool { list >= 0 && globLists[Int(list)].contains { HostGlobDetector.matches(token, $0) } }
        let firstList: Bool
        if let first = token.first {
            firstList = first < 0x80 ? any(firstIndex[Int(first)])
                : (firstOnly[first]?.contains { HostGlobDetector.matches(token, $0) } ?? false)
        } else {
            firstList = false
        }
        return (pair >= 0 && any(pairIndex[pair])) || firstList
            || anyFirst.contains { HostGlobDetector.matches(token, $0) }
    }

    /// Whether the ASCII token `s[start..<end]` certainly matches no glob.
    @inline(__always)
    private func quickReject(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> Bool {
        @inline(__always) func lower(_ v: UInt32) -> UInt32 { v >= 0x41 && v <= 0x5A ? v + 0x20 : v }
        let a = s[start].value, b = start + 1 < end ? s[start + 1].value : 0
        let z = s[end - 1].value
        guard a < 0x80, b < 0x80, z < 0x80 else { return false }
        let pair = Int(lower(a)) << 7 | Int(lower(b))
        var startsLikeOne = start + 1 < end
            ? (openers[pair >> 6] >> UInt64(pair & 63)) & 1 != 0 || loneOpeners[Int(lower(a))]
            : loneOpeners[Int(lower(a))]
        // A third look: when every glob opening with this pair spells a
        // third literal ASCII symbol, the token must open with one of those
        // three-symbol prefixes (a two-symbol token with none of them).
        if startsLikeOne, start + 1 < end, !loneOpeners[Int(lower(a))], pairNeedsFull[pair] == 0 {
            if start + 2 >= end {
                startsLikeOne = false
            } else {
                let c = s[start + 2].value
                if c < 0x80 {
                    let bit = Self.triple(lower(a), lower(b), lower(c))
                    startsLikeOne = (triples[bit >> 6] >> UInt64(bit & 63)) & 1 != 0
                }
            }
        }
        if startsLikeOne { return false }
        return !(anyFirstAnyLast || anyFirstLastASCII[Int(lower(z))])
    }

    /// `isHostChar` over ASCII.
    private static let hostASCII: [Bool] = (0..<128).map { isHostChar(Unicode.Scalar(UInt8($0))) }

    @inline(__always)
    private static func isHostChar(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x2D || v == 0x5F || v == 0x2E
        }
        return ScalarClass.isAlnum(c)
    }

    /// `lower` of `s[start..<end]`, with the ASCII case inline.
    @inline(__always)
    static func lowerScalars(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, into out: inout [UInt32]) {
        for k in start..<end {
            let v = s[k].value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? v + 0x20 : v)
            } else if !ScalarClass.isIgnorable(s[k]) {
                out.append(contentsOf: s[k].properties.lowercaseMapping.unicodeScalars.map(\.value))
            }
        }
    }

    static func lower(_ s: some Sequence<Unicode.Scalar>) -> [UInt32] {
        var out: [UInt32] = []
        lower(s, into: &out)
        return out
    }

    static func lower(_ s: some Sequence<Unicode.Scalar>, into out: inout [UInt32]) {
        for c in s {
            if c.isASCII {
                out.append(c.value >= 0x41 && c.value <= 0x5A ? c.value + 0x20 : c.value)
            } else if !ScalarClass.isIgnorable(c) {
                out.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars.map(\.value))
            }
        }
    }

    /// Linear-time wildcard match with single backtrack point.
    static func matches(_ text: [UInt32], _ glob: [UInt32]) -> Bool {
        var t = 0, g = 0
        var starG = -1, starT = 0
        while t < text.count {
            if g < glob.count, glob[g] == 0x3F || glob[g] == text[t] {
                t += 1; g += 1
            } else if g < glob.count, glob[g] == 0x2A {
                starG = g; starT = t; g += 1
            } else if starG >= 0 {
                g = starG + 1; starT += 1; t = starT
            } else {
                return false
            }
        }
        while g < glob.count, glob[g] == 0x2A { g += 1 }
        return g == glob.count
    }
}
