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
    }

    var isEmpty: Bool { byFirst.isEmpty && anyFirst.isEmpty }

    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        guard !isEmpty else { return }
        let s = text.scalars
        var token: [UInt32] = []
        var i = 0
        while i < s.count {
            guard isHostChar(s[i]) else { i += 1; continue }
            var j = i
            while j < s.count, isHostChar(s[j]) { j += 1 }
            var start = i, end = j
            while start < end, !ScalarClass.isAlnum(s[start]) { start += 1 }
            while end > start, !ScalarClass.isAlnum(s[end - 1]) { end -= 1 }
            if end > start {
                token.removeAll(keepingCapacity: true)
                HostGlobDetector.lower(s[start..<end], into: &token)
                let hit = (byFirst[token[0]]?.contains { HostGlobDetector.matches(token, $0) } ?? false)
                    || anyFirst.contains { HostGlobDetector.matches(token, $0) }
                if hit { candidates.append(Candidate(kind: .host, start: start, end: end)) }
            }
            i = j
        }
    }

    private func isHostChar(_ c: Unicode.Scalar) -> Bool {
        ScalarClass.isAlnum(c) || c == "-" || c == "_" || c == "."
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
