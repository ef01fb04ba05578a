/// Character classes the detectors agree on. One definition so that, say, the
/// profile matcher and the domain detector never disagree about where a word ends.
enum ScalarClass {
    @inline(__always)
    static func isASCIIAlnum(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
    }

    @inline(__always)
    static func isASCIIDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    @inline(__always)
    static func isHexDigit(_ s: Unicode.Scalar) -> Bool {
        let v = s.value | 0x20
        return isASCIIDigit(s) || (v >= 0x61 && v <= 0x66)
    }

    /// Letters and digits of scripts that separate words with spaces: the
    /// characters a word is made of. Han, kana, Hangul and Thai are left out
    /// on purpose: those scripts write no spaces, so every such character is a
    /// word boundary for the detectors ("サーバーSSK-FS-01が" holds a host name).
    @inline(__always)
    static func isAlnum(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return isASCIIAlnum(s) }
        return isAnyAlnum(s) && !isCJK(s)
    }

    /// Scripts written without spaces between words.
    @inline(__always)
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x3040 && v <= 0x30FF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF)
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFF66 && v <= 0xFF9F) || (v >= 0xAC00 && v <= 0xD7AF)
            || (v >= 0x1100 && v <= 0x11FF) || (v >= 0x3130 && v <= 0x318F) || (v >= 0x0E00 && v <= 0x0E7F)
            || (v >= 0x31F0 && v <= 0x31FF) || (v >= 0x20000 && v <= 0x2FFFF)
    }

    /// Letters and digits in any script, the symbols the profile skeleton keeps.
    ///
    /// The Unicode look-ups sit in separate functions that are never
    /// inlined: `Unicode.Scalar.Properties` is a resilient type, and a
    /// function that touches it fetches its metadata and sizes its stack
    /// on every call — on the ASCII path too, where these helpers are
    /// called for nearly every scalar.
    @inline(__always)
    static func isAnyAlnum(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return isASCIIAlnum(s) }
        return isAnyAlnumSlow(s)
    }

    @inline(never)
    static func isAnyAlnumSlow(_ s: Unicode.Scalar) -> Bool {
        if isIgnorableSlow(s) { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Invisible characters that must not split a word: format characters
    /// (zero-width space and joiners, soft hyphen, bidi controls), combining
    /// marks (so "Acme" with a stray accent still matches) and variation selectors.
    /// Hostile text uses them to slip a name past a matcher.
    @inline(__always)
    static func isIgnorable(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return false }
        return isIgnorableSlow(s)
    }

    @inline(never)
    static func isIgnorableSlow(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .format, .nonspacingMark, .enclosingMark, .spacingMark:
            return true
        default:
            return s.properties.isVariationSelector
        }
    }

    /// Characters a writer may put between the words of a name without
    /// changing it: spaces, dashes, underscores, apostrophes ("O'Brien").
    /// A dot counts only when a letter or digit follows ("acme.bank"), so a
    /// sentence end does not glue two sentences into one name.
    @inline(__always)
    static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case " ", "\t", "\n", "\r", "-", "_", "'", "\u{2019}", "\u{02BC}", "\u{00A0}":
            return true
        default:
            if s.isASCII { return false }
            return isSeparatorSlow(s)
        }
    }

    @inline(never)
    static func isSeparatorSlow(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace || s.properties.generalCategory == .dashPunctuation
    }

    /// Characters allowed in a DNS label as people write them (IDN letters included).
    @inline(__always)
    static func isLabel(_ s: Unicode.Scalar) -> Bool { isAlnum(s) || s == "-" }
}
