/// Every e-mail address: local part, "@", a dotted domain whose last label
/// has a letter. Removed whole, whoever it belongs to.
///
/// Near-misses left alone: "@handle" (no local part), "lodash@4.17.21"
/// (no letter in the last label), "user@localhost" (no dot).
struct EmailDetector: Detector {
    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        for at in 0..<s.count where s[at] == "@" {
            var start = at
            while start > 0, isLocal(s[start - 1]) { start -= 1 }
            while start < at, s[start] == "." { start += 1 }
            guard start < at else { continue }
            guard let end = EmailDetector.domainEnd(s, at + 1) else { continue }
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
            if j + 1 < s.count, s[j] == ".", ScalarClass.isAlnum(s[j + 1]) { j += 1 } else { break }
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
            while start > 0, s[start - 1].isASCII, ScalarClass.isASCIIAlnum(s[start - 1]) || s[start - 1] == "+" || s[start - 1] == "-" || s[start - 1] == "." {
                start -= 1
            }
            var scheme = ""
            scheme.unicodeScalars.append(contentsOf: s[start..<i])
            let end = URLDetector.tailEnd(s, i + 3)
            if Vocabulary.urlSchemes.contains(scheme.lowercased()), end > i + 3 {
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
    static func tailEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        var j = i
        while j < s.count {
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
            guard ScalarClass.isAlnum(s[i]), !text.protected[i], !(i > 0 && (text.isWordy(at: i - 1) || s[i - 1] == "-" || s[i - 1] == "." || ScalarClass.isIgnorable(s[i - 1]))) else {
                i += 1
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
                if end == j, j + 1 < s.count, s[j] == ".", ScalarClass.isAlnum(s[j + 1]) { j += 1 } else { j = end; break }
            }
            defer { i = max(j, i + 1) }
            guard labels.count >= 2 else { continue }
            let end = labels.last!.1
            let names = labels.map { label in
                var name = String.UnicodeScalarView()
                name.append(contentsOf: s[label.0..<label.1].filter { !ScalarClass.isIgnorable($0) })
                return String(name).lowercased()
            }
            if names.allSatisfy({ $0.unicodeScalars.allSatisfy(ScalarClass.isASCIIDigit) }) { continue }
            let last = names[names.count - 1]
            let isFile = Vocabulary.fileExtensions.contains(last)
                && (names.count == 2 || Vocabulary.fileExtensions.contains(names[names.count - 2]))
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
            var stop = end
            if stop + 1 < s.count, s[stop] == "/" || (s[stop] == ":" && ScalarClass.isASCIIDigit(s[stop + 1])) {
                let tail = URLDetector.tailEnd(s, stop)
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
    private let globs: [[UInt32]]

    init(profile: MemberProfile) {
        var globs: [[UInt32]] = []
        for pattern in profile.hostnames {
            let lowered = HostGlobDetector.lower(pattern.unicodeScalars)
            globs.append(lowered)
            if lowered.count > 2, lowered[0] == 0x2A, lowered[1] == 0x2E { globs.append(Array(lowered.dropFirst(2))) }
        }
        self.globs = globs
    }

    var isEmpty: Bool { globs.isEmpty }

    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        guard !globs.isEmpty else { return }
        let s = text.scalars
        var i = 0
        while i < s.count {
            guard isHostChar(s[i]) else { i += 1; continue }
            var j = i
            while j < s.count, isHostChar(s[j]) { j += 1 }
            var start = i, end = j
            while start < end, !ScalarClass.isAlnum(s[start]) { start += 1 }
            while end > start, !ScalarClass.isAlnum(s[end - 1]) { end -= 1 }
            if end > start {
                let token = HostGlobDetector.lower(s[start..<end])
                if globs.contains(where: { HostGlobDetector.matches(token, $0) }) {
                    candidates.append(Candidate(kind: .host, start: start, end: end))
                }
            }
            i = j
        }
    }

    private func isHostChar(_ c: Unicode.Scalar) -> Bool {
        ScalarClass.isAlnum(c) || c == "-" || c == "_" || c == "."
    }

    static func lower(_ s: some Sequence<Unicode.Scalar>) -> [UInt32] {
        var out: [UInt32] = []
        for c in s {
            if c.isASCII {
                out.append(c.value >= 0x41 && c.value <= 0x5A ? c.value + 0x20 : c.value)
            } else if !ScalarClass.isIgnorable(c) {
                out.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars.map(\.value))
            }
        }
        return out
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
