/// Defanged spellings threat reports use so indicators are not clickable:
/// "evil[.]com", "1.2.3(.)4", "jane[at]evil[dot]com", "hxxps://". The
/// detectors accept them wherever they accept "." and "@", so a defanged
/// address is removed like a live one.
enum Defang {
    /// Length of a dot at `i`: 1 for ".", 3 for "[.]" "(.)" "{.}", 5 for
    /// "[dot]" "(dot)"; 0 if there is none.
    @inline(__always)
    static func dot(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        guard i < s.count else { return 0 }
        if s[i] == "." { return 1 }
        return bracketed(s, i, "dot", ".")
    }

    /// Length of an at-sign at `i`: 1 for "@", 3 for "[@]" "(@)", 4 for
    /// "[at]" "(at)"; 0 if there is none.
    @inline(__always)
    static func at(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        guard i < s.count else { return 0 }
        if s[i] == "@" { return 1 }
        return bracketed(s, i, "at", "@")
    }

    private static func bracketed(_ s: [Unicode.Scalar], _ i: Int, _ word: String, _ symbol: Unicode.Scalar) -> Int {
        let open = s[i]
        let close: Unicode.Scalar
        switch open {
        case "[": close = "]"
        case "(": close = ")"
        case "{": close = "}"
        default: return 0
        }
        if i + 2 < s.count, s[i + 1] == symbol, s[i + 2] == close { return 3 }
        let letters = Array(word.unicodeScalars)
        guard open != "{", i + letters.count + 1 < s.count else { return 0 }
        for (k, l) in letters.enumerated() where s[i + 1 + k].value | 0x20 != l.value { return 0 }
        return s[i + 1 + letters.count] == close ? letters.count + 2 : 0
    }
}
