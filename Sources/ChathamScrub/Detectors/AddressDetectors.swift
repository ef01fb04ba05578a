/// Every e-mail address: local part, "@", a dotted domain whose last label
/// has a letter. Removed whole, whoever it belongs to.
///
/// Near-misses left alone: "@handle" (no local part), "lodash@4.17.21"
/// (no letter in the last label), "user@localhost" (no dot).
struct EmailDetector: Detector {
    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        for at in 0..<s.count where s[at] == "@" || s[at] == "[" || s[at] == "(" {
            let atLength = Defang.at(s, at)
            guard atLength > 0 else { continue }
            var start = at
            while start > 0, isLocal(s[start - 1]) { start -= 1 }
            while start < at, s[start] == "." { start += 1 }
            guard start < at else { continue }
            guard let end = EmailDetector.domainEnd(s, at + atLength) else { continue }
            candidates.append(Candidate(kind: .email, start: start, end: end))
        }
    }

    private func isLocal(_ c: Unicode.Scalar) -> Bool {
        ScalarClass.isAlnum(c) || c == "." || c == "_" || c == "%" || c == "+" || c == "-" || c == "'"
            || ScalarClass.isIgnorable(c)
    }

    /// End of a dotted domain starting at `i` (labels of letters, digits and
    /// hyphens), or nil if there is none with at least two labels.
    static func domainEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i
        var labels = 0
        var lastLabelStart = i
        while j < s.count, ScalarClass.isAlnum(s[j]) {
            lastLabelStart = j
            while j < s.count, ScalarClass.isLabel(s[j]) || ScalarClass.isIgnorable(s[j]) { j += 1 }
            labels += 1
            let dot = Defang.dot(s, j)
            if dot > 0, j + dot < s.count, ScalarClass.isAlnum(s[j + dot]) { j += dot } else { break }
        }
        while j > i, s[j - 1] == "-" { j -= 1 }
        guard labels >= 2, j - lastLabelStart >= 2,
              s[lastLabelStart..<j].contains(where: { ScalarClass.isAlnum($0) && !ScalarClass.isASCIIDigit($0) })
        else { return nil }
        return j
    }
}

/// Every URL with a scheme ("https://…", defanged "hxxps://…", "smb://…"),
/// removed whole with its path and query: paths and parameters carry tenant
/// names and user ids as often as hosts do.
struct URLDetector: Detector {
    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        var i = 0
        while i + 3 < s.count {
            // Find "://" and walk back over the scheme.
            guard s[i] == ":", s[i + 1] == "/", s[i + 2] == "/" else { i += 1; continue }
            var start = i
            while start > 0, i - start < 16, !text.protected[start - 1], s[start - 1].isASCII,
                  ScalarClass.isASCIIAlnum(s[start - 1]) || s[start - 1] == "+" || s[start - 1] == "-" || s[start - 1] == "." {
                start -= 1
            }
            // The longest known scheme ending at "://", even if glued to a word
            // ("xhttps://…"): better to leave "x" than the URL.
            var known = false
            while start < i {
                var scheme = ""
                scheme.unicodeScalars.append(contentsOf: s[start..<i])
                if Vocabulary.urlSchemes.contains(scheme.lowercased()) { known = true; break }
                start += 1
            }
            let end = URLDetector.tailEnd(text, i + 3)
            if known, end > i + 3 {
                candidates.append(Candidate(kind: .url, start: start, end: end))
                i = end
            } else {
                i += 3
            }
        }
    }

    /// How far a URL runs from `i`: to whitespace or a character that cannot be
    /// in a URL as written in prose, minus trailing sentence punctuation and
    /// unbalanced closing brackets.
    static func tailEnd(_ text: ScanText, _ i: Int) -> Int {
        let s = text.scalars
        var j = i
        while j < s.count, !text.protected[j] {
            let c = s[j]
            if c.properties.isWhitespace || c.value < 0x20 { break }
            if c == "<" || c == ">" || c == "\"" || c == "`" || c == "{" || c == "}" || c == "|" || c == "\\" || c == "^" { break }
            j += 1
        }
        while j > i {
            let c = s[j - 1]
            if ".,;:!?'*".unicodeScalars.contains(c) || c == "\u{2019}" || c == "\u{201D}" {
                j -= 1
            } else if c == ")" || c == "]" {
                let open: Unicode.Scalar = c == ")" ? "(" : "["
                let opens = s[i..<j].filter { $0 == open }.count
                let closes = s[i..<j].filter { $0 == c }.count
                if closes > opens { j -= 1 } else { break }
            } else {
                break
            }
        }
        return j
    }
}

/// Dotted names: domains and FQDNs ending in a known TLD → [DOMAIN]; names
/// ending in an internal suffix (.local, .internal, .corp, …) → [HOST]; any
/// other dotted name that contains a profile entry → [DOMAIN] (so
/// "vpn.acmebank.example" goes whole, not as "vpn.[ORG].example"). A name
/// followed by a path or port becomes a [URL] with that path.
///
/// Near-misses left alone: file names ("invoice.pdf", "payload.exe",
/// "script.ps1", "report.doc.zip"), version numbers ("1.2.3"), abbreviations
/// ("e.g.", "i.e."), dotted numbers (IPs are the IP detector's).
struct DottedNameDetector: Sendable {
    func detect(_ text: ScanText, tainted: (Int, Int) -> Bool, into candidates: inout [Candidate]) {
        let s = text.scalars
        var i = 0
        while i < s.count {
            let midLabel = text.isWordy(at: i - 1) || text.scalar(at: i - 1) == "." || (text.scalar(at: i - 1).map(ScalarClass.isIgnorable) ?? false)
                || (text.scalar(at: i - 1) == "-" && (text.isWordy(at: i - 2) || text.scalar(at: i - 2) == "-"))
            guard ScalarClass.isAlnum(s[i]), !text.protected[i], !midLabel else {
                i += 1
                continue
            }
            // Fast path: most words are not dotted names.
            var probe = i
            while probe < s.count, ScalarClass.isLabel(s[probe]) || ScalarClass.isIgnorable(s[probe]) { probe += 1 }
            let probeDot = Defang.dot(s, probe)
            guard probeDot > 0, probe + probeDot < s.count, ScalarClass.isAlnum(s[probe + probeDot]) else {
                i = probe + 1
                continue
            }
            var labels: [(Int, Int)] = []
            var j = i
            while j < s.count, ScalarClass.isAlnum(s[j]) {
                let start = j
                while j < s.count, ScalarClass.isLabel(s[j]) || ScalarClass.isIgnorable(s[j]) { j += 1 }
                var end = j
                while end > start, s[end - 1] == "-" { end -= 1 }
                labels.append((start, end))
                let dot = Defang.dot(s, j)
                if end == j, dot > 0, j + dot < s.count, ScalarClass.isAlnum(s[j + dot]) { j += dot } else { j = end; break }
            }
            defer { i = max(j, i + 1) }
            guard labels.count >= 2 else { continue }
            let end = labels.last!.1
            if labels.allSatisfy({ s[$0.0..<$0.1].allSatisfy(ScalarClass.isASCIIDigit) }) { continue }
            func name(_ label: (Int, Int)) -> String {
                var name = String.UnicodeScalarView()
                for c in s[label.0..<label.1] where !ScalarClass.isIgnorable(c) {
                    name.append(c.isASCII && c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 0x20)! : c)
                }
                return String(name)
            }
            let last = name(labels[labels.count - 1])
            let isFile = Vocabulary.fileExtensions.contains(last)
                && (labels.count == 2 || Vocabulary.fileExtensions.contains(name(labels[labels.count - 2])))
            var kind: Kind?
            if isFile {
                kind = nil
            } else if Vocabulary.isTLD(last) {
                kind = .domain
            } else if Vocabulary.internalSuffixes.contains(last) {
                kind = .host
            } else if tainted(i, end) {
                kind = .domain
            }
            guard var found = kind else { continue }
            // Glued to a placeholder: the first pass saw a longer last label
            // here, so do what it did (idempotence).
            var after = end
            while after < s.count, ScalarClass.isIgnorable(s[after]) { after += 1 }
            if after < s.count, text.protected[after] { continue }
            var stop = end
            if stop + 1 < s.count, s[stop] == "/" || (s[stop] == ":" && ScalarClass.isASCIIDigit(s[stop + 1])) {
                let tail = URLDetector.tailEnd(text, stop)
                if tail > stop + 1 {
                    stop = tail
                    found = .url
                }
            }
            candidates.append(Candidate(kind: found, start: i, end: stop))
        }
    }
}

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
