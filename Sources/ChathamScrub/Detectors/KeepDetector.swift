/// Spans that must survive: the profile's keep list and a built-in vocabulary
/// of malware/tool/actor names (matched by `ProfileDetector`, in the same
/// automaton pass as the profile), and CVE and ATT&CK identifiers (here).
struct KeepDetector: Sendable {
    /// Adds the CVE and ATT&CK identifiers in `text` to `out`.
    func spans(_ text: ScanText, into out: inout [(Int, Int)]) {
        identifiers(text, into: &out)
    }

    /// CVE-2024-3400, T1566, T1566.001, TA0001, M1032, S0002, G0016, DS0009, C0011.
    private func identifiers(_ text: ScanText, into out: inout [(Int, Int)]) {
        let s = text.scalars
        text.forEachToken(ScanText.Token.digit) { from, tokenEnd in
            var i = from
            while i < tokenEnd {
                let c = s[i].value | 0x20
                // Only word starts with a possible first letter: c, t, m, s, g, d.
                guard c == 0x63 || c == 0x74 || c == 0x6D || c == 0x73 || c == 0x67 || c == 0x64,
                      s[i].isASCII, !text.isWordy(at: i - 1),
                      let end = identifierEnd(s, i), !text.isWordy(at: end) else {
                    i += 1
                    continue
                }
                out.append((i, end))
                i = end
            }
            return i
        }
    }

    private func identifierEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        func letter(_ k: Int, _ l: UInt32) -> Bool { k < s.count && s[k].value | 0x20 == l }
        func digits(_ k: Int, _ min: Int, _ max: Int) -> Int? {
            var e = k
            while e < s.count, e - k < max, ScalarClass.isASCIIDigit(s[e]) { e += 1 }
            if e - k < min || (e < s.count && ScalarClass.isASCIIDigit(s[e])) { return nil }
            return e
        }
        // CVE-yyyy-nnnn(nnn)
        if letter(i, 0x63), letter(i + 1, 0x76), letter(i + 2, 0x65), i + 3 < s.count, s[i + 3] == "-" {
            guard let year = digits(i + 4, 4, 4), year < s.count, s[year] == "-" else { return nil }
            return digits(year + 1, 4, 7)
        }
        // Two-letter prefixes, then one-letter ones.
        var k = i + 1
        if (letter(i, 0x74) && letter(i + 1, 0x61)) || (letter(i, 0x64) && letter(i + 1, 0x73)) {
            k = i + 2
        } else if !(letter(i, 0x74) || letter(i, 0x6D) || letter(i, 0x73) || letter(i, 0x67) || letter(i, 0x63)) {
            return nil
        }
        guard let end = digits(k, 4, 4) else { return nil }
        // Sub-technique: T1566.001
        if k == i + 1, letter(i, 0x74), end + 1 < s.count, s[end] == ".", let sub = digits(end + 1, 3, 3) {
            return sub
        }
        return end
    }
}
