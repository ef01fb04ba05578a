/// Every URL with a scheme ("https://…", defanged "hxxps://…", "smb://…"),
/// removed whole with its path and query: paths and parameters carry tenant
/// names and user ids as often as hosts do.
struct URLDetector: Detector {
    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        text.forEachToken(ScanText.Token.colon) { from, tokenEnd in
            var i = from
            while i < tokenEnd, i + 3 < s.count {
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
                    // Lower-cased as it is built (the scheme is ASCII), one
                    // scalar at a time: `append(contentsOf:)` takes a slow
                    // generic path.
                    var scheme = ""
                    for c in s[start..<i] { scheme.unicodeScalars.append(c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 0x20)! : c) }
                    if Vocabulary.urlSchemes.contains(scheme) { known = true; break }
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
            return i
        }
    }

    /// Whether a non-ASCII scalar ends a URL written in prose: white space,
    /// CJK and full-width punctuation ("。", "、", "「", "）"), and CJK
    /// letters. Japanese, Chinese and Korean prose puts no space after a URL
    /// ("C2はhxxp://x[.]com:8080。佐藤さんが…"), so without this the URL
    /// would swallow the rest of the sentence. (A URL with a path in kana or
    /// kanji loses that path's tail to the prose; its host is still taken.)
    @inline(never)
    static func endsProse(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if (v >= 0x3000 && v <= 0x303F) || (v >= 0xFF01 && v <= 0xFF0F) || (v >= 0xFF1A && v <= 0xFF20)
            || (v >= 0xFF3B && v <= 0xFF40) || (v >= 0xFF5B && v <= 0xFF65) { return true }
        return ScalarClass.isCJK(c) || c.properties.isWhitespace
    }

    /// How far a URL runs from `i`: to whitespace or a character that cannot be
    /// in a URL as written in prose, minus trailing sentence punctuation and
    /// unbalanced closing brackets.
    static func tailEnd(_ text: ScanText, _ i: Int) -> Int {
        let s = text.scalars
        var j = i
        while j < s.count, !text.protected[j] {
            let c = s[j]
            // ASCII white space is "\t"…"\r" and " ": the look-up only for the rest.
            if c.value < 0x80 ? (c.value <= 0x20) : URLDetector.endsProse(c) { break }
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
