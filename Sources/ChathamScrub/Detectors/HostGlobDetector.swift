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
    }

    var isEmpty: Bool { byFirst.isEmpty && anyFirst.isEmpty }

    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        guard !isEmpty else { return }
        let s = text.scalars
        var token: [UInt32] = []
        var i = 0
        while i < s.count {
            guard Self.isHostChar(s[i]) else { i += 1; continue }
            var j = i
            while j < s.count, Self.isHostChar(s[j]) { j += 1 }
            var start = i, end = j
            while start < end, !ScalarClass.isAlnum(s[start]) { start += 1 }
            while end > start, !ScalarClass.isAlnum(s[end - 1]) { end -= 1 }
            // Most tokens cannot match: no glob starts with their first two
            // letters, and none of the globs starting with a wildcard ends
            // with their last one. Decided on ASCII without folding the token.
            if end > start, quickReject(s, start, end) { i = j; continue }
            if end > start {
                token.removeAll(keepingCapacity: true)
                HostGlobDetector.lower(s[start..<end], into: &token)
                let pair = token.count > 1 && token[0] < 0x80 && token[1] < 0x80 ? Int(token[0]) << 7 | Int(token[1]) : -1
                let hit = (byPair[pair]?.contains { HostGlobDetector.matches(token, $0) } ?? false)
                    || (firstOnly[token[0]]?.contains { HostGlobDetector.matches(token, $0) } ?? false)
                    || anyFirst.contains { HostGlobDetector.matches(token, $0) }
                if hit { candidates.append(Candidate(kind: .host, start: start, end: end)) }
            }
            i = j
        }
    }

    /// Whether the ASCII token `s[start..<end]` certainly matches no glob.
    @inline(__always)
    private func quickReject(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        @inline(__always) func lower(_ v: UInt32) -> UInt32 { v >= 0x41 && v <= 0x5A ? v + 0x20 : v }
        let a = s[start].value, b = start + 1 < end ? s[start + 1].value : 0
        let z = s[end - 1].value
        guard a < 0x80, b < 0x80, z < 0x80 else { return false }
        let pair = Int(lower(a)) << 7 | Int(lower(b))
        let startsLikeOne = start + 1 < end
            ? (openers[pair >> 6] >> UInt64(pair & 63)) & 1 != 0 || loneOpeners[Int(lower(a))]
            : loneOpeners[Int(lower(a))]
        if startsLikeOne { return false }
        return !(anyFirstAnyLast || anyFirstLasts.contains(lower(z)))
    }

    @inline(__always)
    private static func isHostChar(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x2D || v == 0x5F || v == 0x2E
        }
        return ScalarClass.isAlnum(c)
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
