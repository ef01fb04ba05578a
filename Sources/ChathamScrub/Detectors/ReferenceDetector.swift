/// Identifiers recognised by their shape alone, whatever word stands
/// before them:
///
/// - A file or case reference: groups of digits (and letters) joined by
///   "/" or "-", at least one "/", one group a year (19xx, 20xx), one
///   group of five digits or more, nine digits or more in all —
///   "ST/0412873/2026", "00412/2026/001873", "041-00872/2026". A police,
///   court or regulator reference is issued to the member's case, and the
///   word before it varies ("unter", "B.O.", "PV n°", "réf.").
/// - A student or staff login: one lower-case letter before six to nine
///   digits, as a whole token — "s2291847", "e1048832" — unless the text
///   lists abbreviated commit ids ("a367c71", of which "d617870" is one).
///
/// Near misses left alone: dates ("12/03/2026", "2024-01-15/2024-02-01":
/// no group of five digits), CVE ids (no "/"), CIDR ranges and versions
/// (dots), "T1059.001", "KB5034441" (capitals), hashes (more than one letter).
struct ReferenceDetector: Detector {
    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        var hashes: Bool? = nil // decided on first need (`shortHashes`)
        text.forEachToken(ScanText.Token.digit) { from, end in
            let (a, b) = PlaceDetector.word(s, ScanText.Token(start: from, end: end, flags: 0))
            guard b - a >= 7, !text.touchesPlaceholder(a, b) else { return end }
            if let kind = Self.shape(s, a, b) {
                // Among commit ids ("a367c71 fix flag d617870 revert"), a letter
                // and digits is one more.
                if kind == .user, hashes ?? { hashes = Self.shortHashes(text); return hashes! }() { return end }
                candidates.append(Candidate(kind: kind, start: a, end: b))
            }
            return end
        }
    }

    /// Whether the text holds a short hexadecimal id with both letters and
    /// digits (7–12 characters: an abbreviated commit id).
    static func shortHashes(_ text: ScanText) -> Bool {
        let s = text.scalars
        for t in text.tokens where t.flags & ScanText.Token.digit != 0 {
            let (a, b) = PlaceDetector.word(s, t)
            guard b - a >= 7, b - a <= 12 else { continue }
            var letters = 0, ok = true
            for k in a..<b {
                let v = s[k].value
                if v >= 0x61, v <= 0x66 { letters += 1 } else if !(v >= 0x30 && v <= 0x39) { ok = false; break }
            }
            if ok, letters >= 2 { return true }
        }
        return false
    }

    /// What `s[start..<end]` (a whole token) is by its shape alone, if anything.
    static func shape(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Kind? {
        let first = s[start].value
        // "s2291847": one lower-case letter, then only digits.
        if first >= 0x61, first <= 0x7A {
            let digits = end - start - 1
            guard digits >= 6, digits <= 9, (start + 1..<end).allSatisfy({ ScalarClass.isASCIIDigit(s[$0]) }) else { return nil }
            return .user
        }
        var slash = false, year = false, longGroup = false
        var digits = 0
        var k = start
        while k < end {
            let c = s[k]
            if c == "/" || c == "-" {
                // A joiner between two groups, never at an end or doubled.
                guard k > start, k + 1 < end, s[k + 1] != "/", s[k + 1] != "-" else { return nil }
                if c == "/" { slash = true }
                k += 1
                continue
            }
            var g = k, groupDigits = 0
            while g < end, ScalarClass.isASCIIAlnum(s[g]) {
                if ScalarClass.isASCIIDigit(s[g]) { groupDigits += 1 }
                g += 1
            }
            guard g > k, g == end || s[g] == "/" || s[g] == "-" else { return nil }
            if groupDigits == g - k {
                if groupDigits == 4, s[k] == "2" && s[k + 1] == "0" || s[k] == "1" && s[k + 1] == "9" { year = true }
                if groupDigits >= 5 { longGroup = true }
            } else if groupDigits > 0 {
                return nil // letters and digits mixed in one group: some other identifier's business
            }
            digits += groupDigits
            k = g
        }
        return slash && year && longGroup && digits >= 9 ? .id : nil
    }
}
