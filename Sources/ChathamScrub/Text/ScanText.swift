import Foundation

/// The text being scrubbed, prepared once and shared by every detector.
///
/// Offsets everywhere in ChathamScrub are **Unicode scalar offsets into the
/// original text** (0-based, end exclusive): `Array(text.unicodeScalars)[start..<end]`
/// is the matched text. Scalars rather than UTF-8 bytes or Characters because
/// scalars are stable under every encoding a caller may use, and grapheme
/// clustering (Characters) is both slow and locale-sensitive.
struct ScanText {
    /// The original text as scalars; detectors index into this.
    let scalars: [Unicode.Scalar]
    /// 1 where a scalar belongs to a placeholder such as "[ORG]". Placeholders
    /// are inert: nothing may match inside them, which makes scrubbing idempotent.
    let protected: [Bool]
    /// The normalised, separator-free "skeleton" used for profile matching.
    let skeleton: Skeleton

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        protected = ScanText.placeholderMask(scalars)
        skeleton = Skeleton(scalars, protected: protected)
    }

    var count: Int { scalars.count }

    /// Whether `range` touches a placeholder.
    func touchesPlaceholder(_ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end { if protected[i] { return true }; i += 1 }
        return false
    }

    @inline(__always)
    func isAlnum(at i: Int) -> Bool { i >= 0 && i < scalars.count && ScalarClass.isAlnum(scalars[i]) }

    /// Like `isAlnum`, but a placeholder also counts as part of a word: it
    /// stands for text that was there, so a detector must treat what touches
    /// it the same before and after scrubbing (idempotence).
    @inline(__always)
    func isWordy(at i: Int) -> Bool { i >= 0 && i < scalars.count && (protected[i] || ScalarClass.isAlnum(scalars[i])) }

    @inline(__always)
    func scalar(at i: Int) -> Unicode.Scalar? { i >= 0 && i < scalars.count ? scalars[i] : nil }

    func string(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    private static func placeholderMask(_ s: [Unicode.Scalar]) -> [Bool] {
        var mask = [Bool](repeating: false, count: s.count)
        var i = 0
        while i < s.count {
            if s[i] == "[" {
                var j = i + 1
                while j < s.count, j - i <= 9, s[j].value >= 0x41, s[j].value <= 0x5A { j += 1 }
                let nameEnd = j
                // Numbered form "[PERSON-2]".
                if j + 1 < s.count, s[j] == "-", ScalarClass.isASCIIDigit(s[j + 1]) {
                    j += 1
                    while j < s.count, j - nameEnd <= 6, ScalarClass.isASCIIDigit(s[j]) { j += 1 }
                }
                if j < s.count, s[j] == "]", nameEnd > i + 1 {
                    var name = ""
                    name.unicodeScalars.append(contentsOf: s[(i + 1)..<nameEnd])
                    if Placeholder.names.contains(name) {
                        for k in i...j { mask[k] = true }
                        i = j + 1
                        continue
                    }
                }
            }
            i += 1
        }
        return mask
    }
}

/// The folded form of a text for matching profile entries: letters and digits
/// only, case- and accent-folded, width-folded, separators dropped, invisible
/// characters ignored, and any other punctuation (or a placeholder) turned into
/// a barrier no match can cross. `origin[k]` maps symbol `k` back to the
/// original scalar it came from, so a match on the skeleton becomes a range in
/// the original text.
///
/// This is the normalisation stage the later look-alike/leetspeak work extends:
/// anything that folds more characters onto the same symbol plugs in at `fold`.
struct Skeleton {
    static let barrier: UInt32 = .max

    var symbols: [UInt32] = []
    var origin: [Int] = []

    /// Look-alike folding for ASCII: digits and signs that stand in for
    /// letters in "acmeb4nk", "4CME", "Acm3", "B@nk", and "l" read as "i"
    /// ("AcmeBankl" / "AcmeBank1"). Applied to entries and text alike, so an
    /// entry still matches itself; short entries re-check the plain letters
    /// (`plain`) so "BLG" never matches "BIG" or "8LG".
    @inline(__always)
    static func leet(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x30: 0x6F // 0 → o
        case 0x31, 0x6C: 0x69 // 1, l → i
        case 0x33: 0x65 // 3 → e
        case 0x34, 0x40: 0x61 // 4, @ → a
        case 0x35, 0x24: 0x73 // 5, $ → s
        case 0x37: 0x74 // 7 → t
        default: v
        }
    }

    /// - Parameter plain: no look-alike folding (case, accents and width only).
    init(_ s: [Unicode.Scalar], protected: [Bool], plain: Bool = false) {
        symbols.reserveCapacity(s.count)
        origin.reserveCapacity(s.count)
        var cache: [UInt32: [UInt32]] = [:]
        var lastWasBarrier = true
        for i in 0..<s.count {
            let c = s[i]
            // "@" and "$" between two letters are look-alikes ("B@nk", "Acme$ec").
            let sign = !plain && (c == "@" || c == "$") && i > 0 && i + 1 < s.count
                && s[i - 1].properties.isAlphabetic && s[i + 1].isASCII && ScalarClass.isASCIIAlnum(s[i + 1])
            if protected[i] || !(sign || ScalarClass.isAnyAlnum(c) || ScalarClass.isIgnorable(c) || ScalarClass.isSeparator(c)
                                  || (c == "." && i + 1 < s.count && ScalarClass.isAnyAlnum(s[i + 1]))) {
                if !lastWasBarrier {
                    symbols.append(Skeleton.barrier)
                    origin.append(i)
                    lastWasBarrier = true
                }
                continue
            }
            guard sign || ScalarClass.isAnyAlnum(c) else { continue } // separators and ignorables vanish
            lastWasBarrier = false
            if c.isASCII {
                var v = c.value
                if v >= 0x41 && v <= 0x5A { v += 0x20 }
                symbols.append(plain ? v : Skeleton.leet(v))
                origin.append(i)
            } else {
                let folded: [UInt32]
                if let hit = cache[c.value] {
                    folded = hit
                } else {
                    folded = Skeleton.fold(c).map { plain ? $0 : Skeleton.leet($0) }
                    cache[c.value] = folded
                }
                for v in folded {
                    symbols.append(v)
                    origin.append(i)
                }
            }
        }
    }

    /// Homoglyphs from other scripts that phishing uses for Latin letters
    /// (Cyrillic "Асme", Greek "Αcme"); folded before the general folding.
    static let confusables: [UInt32: UInt32] = {
        let pairs: [(String, String)] = [
            ("аАɑα", "a"), ("вВβ", "b"), ("сСϲ", "c"), ("ԁ", "d"), ("еЕεΕ", "e"), ("һ", "h"), ("іІιΙӏ", "i"),
            ("јЈ", "j"), ("кКκΚ", "k"), ("мМΜ", "m"), ("нНΗ", "h"), ("оОοΟσ", "o"), ("рРρΡ", "p"),
            ("ԛ", "q"), ("ѕЅ", "s"), ("тТτΤ", "t"), ("уУγΥ", "y"), ("хХχΧ", "x"), ("ԝ", "w"), ("ΖΖ", "z"),
            ("ΝνΝ", "n"), ("Β", "b"),
        ]
        var map: [UInt32: UInt32] = [:]
        for (from, to) in pairs { for f in from.unicodeScalars { map[f.value] = to.unicodeScalars.first!.value } }
        return map
    }()

    /// Folds one scalar to the symbols it matches as. ASCII is handled inline
    /// by the caller; this covers the rest through look-alike letters and
    /// Foundation's case, diacritic and width folding ("É" → "e", "ß" → "ss",
    /// fullwidth "Ａ" → "a", Cyrillic "а" → "a").
    static func fold(_ c: Unicode.Scalar) -> [UInt32] {
        if c.isASCII {
            var v = c.value
            if v >= 0x41 && v <= 0x5A { v += 0x20 }
            return ScalarClass.isASCIIAlnum(c) ? [v] : []
        }
        if let latin = confusables[c.value] { return [latin] }
        let folded = String(Character(c)).folding(
            options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out: [UInt32] = []
        for f in folded.unicodeScalars where ScalarClass.isAnyAlnum(f) {
            if f.isASCII {
                out.append(f.value >= 0x41 && f.value <= 0x5A ? f.value + 0x20 : f.value)
            } else {
                out.append(contentsOf: f.properties.lowercaseMapping.unicodeScalars.map(\.value))
            }
        }
        return out
    }

    /// The skeleton of a profile entry, exactly as text is folded.
    static func of(_ entry: String, plain: Bool = false) -> [UInt32] {
        let scalars = Array(entry.unicodeScalars)
        let skeleton = Skeleton(scalars, protected: [Bool](repeating: false, count: scalars.count), plain: plain)
        return skeleton.symbols
    }

    /// The plain skeleton of `s[start..<end]`, for re-checking a short entry.
    static func plain(_ s: ArraySlice<Unicode.Scalar>) -> [UInt32] {
        let scalars = Array(s)
        return Skeleton(scalars, protected: [Bool](repeating: false, count: scalars.count), plain: true)
            .symbols.filter { $0 != barrier }
    }
}

/// Placeholders that replace findings (DESIGN "Narrative policy").
enum Placeholder {
    static let names: Set<String> = [
        "ORG", "PERSON", "EMAIL", "IP", "DOMAIN", "URL", "HOST", "PHONE", "LOCATION", "TERM", "ID",
    ]
}
