/// Every e-mail address: local part, "@", a dotted domain whose last label
/// has a letter. Removed whole, whoever it belongs to.
///
/// Near-misses left alone: "@handle" (no local part), "lodash@4.17.21"
/// (no letter in the last label), "user@localhost" (no dot).
struct EmailDetector: Detector {
    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        text.forEachToken(ScanText.Token.open) { from, tokenEnd in
            for at in from..<tokenEnd where s[at] == "@" || s[at] == "[" || s[at] == "(" {
                let atLength = Defang.at(s, at)
                guard atLength > 0 else { continue }
                var start = at
                while start > 0, isLocal(s[start - 1]) { start -= 1 }
                while start < at, s[start] == "." { start += 1 }
                guard start < at else { continue }
                guard let end = EmailDetector.domainEnd(s, at + atLength) else { continue }
                candidates.append(Candidate(kind: .email, start: start, end: end))
            }
            return tokenEnd
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
