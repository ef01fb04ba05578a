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
    /// Whether the text holds a "[" at all (numbering looks for "[NAME-n]"
    /// only then).
    let hasBracket: Bool
    /// The normalised, separator-free "skeleton" used for profile matching.
    let skeleton: Skeleton
    /// Whether the text is known to be all ASCII (so scalar offsets are
    /// UTF-8 byte offsets); false also when it was not checked.
    let isASCII: Bool
    /// The text's whitespace-separated tokens with what they contain, so
    /// detectors that need a digit, "@", ":" or "." skip every token without
    /// one (most of a narrative's words) instead of visiting each scalar.
    let tokens: [Token]

    /// A maximal run of scalars other than ASCII space, tab, CR and LF.
    struct Token {
        var start: Int
        var end: Int
        var flags: UInt8

        static let digit: UInt8 = 1
        /// "@", "[", "(" or "{": e-mail at-signs, defanged dots and at-signs.
        static let open: UInt8 = 2
        static let colon: UInt8 = 4
        /// A "." with more of the token after it.
        static let innerDot: UInt8 = 8
        static let at: UInt8 = 16
        /// "-", "_", "\\", "/" or "+".
        static let joiner: UInt8 = 32
        static let nonASCII: UInt8 = 64
        /// Anything an identifier shape needs besides letters.
        static let notPlain: UInt8 = digit | open | colon | innerDot | joiner | nonASCII
    }

    /// Runs `body` over the positions of every token with one of `flags`,
    /// in order, never going back before where the previous run stopped
    /// (`body` returns the position it reached).
    @inline(__always)
    func forEachToken(_ flags: UInt8, _ body: (_ from: Int, _ end: Int) -> Int) {
        forEachToken(flags) { from, end, _ in body(from, end) }
    }

    @inline(__always)
    func forEachToken(_ flags: UInt8, _ body: (_ from: Int, _ end: Int, _ flags: UInt8) -> Int) {
        var cursor = 0
        for t in tokens where t.flags & flags != 0 || flags == 0 {
            let from = max(t.start, cursor)
            if from < t.end { cursor = body(from, t.end, t.flags) }
        }
    }

    init(_ text: String) {
        var text = text
        if let prepared = text.withUTF8({ ScanText.prepareASCII($0) }) {
            self.init(ascii: prepared)
        } else {
            self.init(scalars: ScanText.decode(text))
        }
    }

    private init(ascii prepared: (scalars: [Unicode.Scalar], protected: [Bool], hasBracket: Bool, tokens: [Token], skeleton: Skeleton)) {
        (scalars, protected, hasBracket, tokens, skeleton) = prepared
        isASCII = true
    }

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        (protected, hasBracket) = ScanText.placeholderMask(scalars)
        skeleton = Skeleton(scalars, protected: protected)
        tokens = ScanText.tokenize(scalars)
        isASCII = false
    }

    /// What each ASCII scalar adds to its token's flags; `tokenSpace` ends a
    /// token, `tokenDot` is an inner dot when more of the token follows.
    private static let tokenSpace: UInt8 = 255
    private static let tokenDot: UInt8 = 254
    private static let tokenTable: [UInt8] = (0..<128).map { v -> UInt8 in
        switch v {
        case 0x20, 0x0A, 0x09, 0x0D: ScanText.tokenSpace
        case 0x30...0x39: Token.digit
        case 0x3A: Token.colon
        case 0x2E: ScanText.tokenDot
        case 0x28, 0x5B, 0x7B: Token.open
        case 0x40: Token.open | Token.at
        case 0x2D, 0x2F, 0x2B, 0x5F, 0x5C: Token.joiner
        default: 0
        }
    }

    static func tokenize(_ s: [Unicode.Scalar]) -> [Token] {
        s.withUnsafeBufferPointer { s in tokenize(count: s.count) { s[$0].value } }
    }

    /// The tokens of a text of `n` scalars, `at(i)` being scalar `i`'s value
    /// (one rule set for scalars and for the bytes of ASCII text).
    @inline(__always)
    private static func tokenize(count n: Int, _ at: (Int) -> UInt32) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(n / 5)
        tokenTable.withUnsafeBufferPointer { table in
            @inline(__always) func space(_ v: UInt32) -> Bool { v == 0x20 || v == 0x0A || v == 0x09 || v == 0x0D }
            var i = 0
            while i < n {
                if space(at(i)) { i += 1; continue }
                let start = i
                var flags: UInt8 = 0
                while i < n {
                    let v = at(i)
                    if v &- 0x61 < 26 { i += 1; continue } // a lower-case letter adds nothing
                    if v >= 0x80 { flags |= Token.nonASCII; i += 1; continue }
                    let f = table[Int(v)]
                    if f >= tokenDot { // (one compare for the two rare cases)
                        if f == tokenSpace { break }
                        if i + 1 < n, !space(at(i + 1)) { flags |= Token.innerDot }
                    } else {
                        flags |= f
                    }
                    i += 1
                }
                tokens.append(Token(start: start, end: i, flags: flags))
            }
        }
        return tokens
    }

    /// Everything `init(scalars:)` builds, straight from the UTF-8 of an
    /// all-ASCII text (nil for any other: the caller decodes and takes the
    /// general route). Scalar and byte offsets agree, so each part is a
    /// short loop over the bytes with the same rules as the general one:
    /// the scalars widened, the tokens (`tokenize`), the placeholder mask
    /// (a placeholder lies inside one token holding a "[", so only tokens
    /// flagged `open` are searched) and the skeleton (`Skeleton.ascii`).
    static func prepareASCII(_ bytes: UnsafeBufferPointer<UInt8>)
        -> (scalars: [Unicode.Scalar], protected: [Bool], hasBracket: Bool, tokens: [Token], skeleton: Skeleton)?
    {
        let n = bytes.count
        guard n < Int(Int32.max), isASCII(bytes) else { return nil }
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: n) { out, count in
            let raw = UnsafeMutableRawPointer(out.baseAddress!).assumingMemoryBound(to: UInt32.self)
            for i in 0..<n { raw[i] = UInt32(bytes[i]) }
            count = n
        }
        let tokens = tokenize(count: n) { UInt32(bytes[$0]) }
        var protected = [Bool](repeating: false, count: n)
        var bracket = false
        protected.withUnsafeMutableBufferPointer { mask in
            for t in tokens where t.flags & Token.open != 0 {
                var i = t.start
                while i < t.end {
                    if bytes[i] == 0x5B {
                        bracket = true
                        let close = placeholderClose(bytes, i)
                        if close >= 0 {
                            for k in i...close { mask[k] = true }
                            i = close + 1
                            continue
                        }
                    }
                    i += 1
                }
            }
        }
        // Without a "[" nothing is protected: the builder then reads no mask.
        let skeleton = bracket ? protected.withUnsafeBufferPointer { mask in
            Skeleton(asciiCount: n, { UInt32(bytes[$0]) }, { mask[$0] })!
        } : Skeleton(asciiCount: n, { UInt32(bytes[$0]) }, { _ in false })!
        return (scalars, protected, bracket, tokens, skeleton)
    }

    /// Whether every byte is below 0x80, eight at a time.
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return true }
        var acc: UInt64 = 0
        var i = 0
        while i + 8 <= n {
            acc |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < n { acc |= UInt64(bytes[i]); i += 1 }
        return acc & 0x8080_8080_8080_8080 == 0
    }

    /// The byte offset of the "]" closing the placeholder whose "[" is at
    /// `bytes[i]`, or -1 (the rules of `placeholderMask`; a placeholder is
    /// ASCII, so byte and scalar offsets agree inside it).
    @inline(never)
    private static func placeholderClose(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        @inline(__always) func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var j = i + 1
        while j < s.count, j - i <= 9, s[j] >= 0x41, s[j] <= 0x5A { j += 1 }
        let nameEnd = j
        if j + 1 < s.count, s[j] == 0x2D, digit(s[j + 1]) {
            j += 1
            while j < s.count, j - nameEnd <= 6, digit(s[j]) { j += 1 }
        }
        if j < s.count, s[j] == 0x5D, nameEnd > i + 1 {
            let name = String(decoding: UnsafeBufferPointer(rebasing: s[(i + 1)..<nameEnd]), as: UTF8.self)
            if Placeholder.names.contains(name) { return j }
        }
        return -1
    }

    /// The scalars of `text`, decoded straight from its UTF-8 (a String is
    /// always valid UTF-8), with a fast path for runs of ASCII.
    static func decode(_ text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, count in
                var i = 0, n = 0
                let end = bytes.count
                while i < end {
                    let b = UInt32(bytes[i])
                    var v: UInt32
                    if b < 0x80 {
                        v = b; i += 1
                    } else if b < 0xE0 {
                        v = (b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); i += 2
                    } else if b < 0xF0 {
                        v = (b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); i += 3
                    } else {
                        v = (b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                            | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    }
                    (out.baseAddress! + n).initialize(to: unsafeBitCast(v, to: Unicode.Scalar.self))
                    n += 1
                }
                count = n
            }
        }
    }

    var count: Int { scalars.count }

    /// Whether `range` touches a placeholder (never, in a text without a
    /// "[": the usual case, answered without a look at the mask).
    func touchesPlaceholder(_ start: Int, _ end: Int) -> Bool {
        guard hasBracket else { return false }
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

    static func placeholderMask(_ s: [Unicode.Scalar]) -> ([Bool], Bool) {
        var mask = [Bool](repeating: false, count: s.count)
        var bracket = false
        var i = 0
        while i < s.count {
            if s[i] == "[" {
                bracket = true
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
        return (mask, bracket)
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

    /// The automaton's dense alphabet: codes 0–25 are "a"–"z", 26–35 "0"–"9",
    /// 36 the barrier; `wideCode` marks any other symbol.
    static let denseCount = 37
    static let barrierCode: UInt8 = 36
    static let wideCode: UInt8 = 37

    /// One code per symbol (one byte each: the automaton reads these, and
    /// preparation writes a quarter of what 32-bit symbols took).
    var codes: [UInt8] = []
    /// `origin[k]`: the scalar offset symbol `k` came from.
    var origin: [Int32] = []
    /// Every symbol's value, kept only when some symbol is outside the dense
    /// alphabet (non-Latin letters); empty otherwise.
    var wide: [UInt32] = []

    /// The symbols' values (letters lower-cased, digits, `barrier`).
    var symbols: [UInt32] {
        wide.isEmpty ? codes.map { Skeleton.codeValues[Int($0)] } : wide
    }

    /// The code of symbol `v`.
    @inline(__always)
    static func code(_ v: UInt32) -> UInt8 {
        if v >= 0x61 && v <= 0x7A { return UInt8(v - 0x61) }
        if v >= 0x30 && v <= 0x39 { return UInt8(v - 0x30) + 26 }
        if v == barrier { return barrierCode }
        return wideCode
    }

    private static let codeValues: [UInt32] = (0..<denseCount).map { (d: Int) -> UInt32 in
        if d < 26 { return 0x61 + UInt32(d) }
        if d < 36 { return 0x30 + UInt32(d - 26) }
        return barrier
    }

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

    /// The code of an ASCII character's symbol: letters lower-cased, then
    /// look-alike folded ("@" and "$" included, for where they are letters).
    fileprivate static let asciiCode: [UInt8] = (0..<128).map { v -> UInt8 in
        code(leet(v >= 0x41 && v <= 0x5A ? v + 0x20 : v))
    }

    /// Entries of `asciiEntry` besides symbol codes and `barrierCode`.
    fileprivate static let vanishCode: UInt8 = 0x40
    fileprivate static let lookCode: UInt8 = 0x80

    /// How an ASCII character enters the skeleton, for the ASCII builder:
    /// its symbol's code, `barrierCode`, `vanishCode` (a separator) or
    /// `lookCode` ("." and "@"/"$": the neighbours decide), from `asciiClass`.
    fileprivate static let asciiEntry: [UInt8] = (0..<128).map { v -> UInt8 in
        switch asciiClass[v] {
        case 2: asciiCode[v]
        case 1: vanishCode
        case 3, 4: lookCode
        default: barrierCode
        }
    }

    /// What writing `code` does after a barrier (`lastWasBarrier` 1) or a
    /// symbol (0): the code in the low byte, bit 8 set when the slot is
    /// kept (not a separator, and not a second barrier in a row), bit 9 the
    /// next `lastWasBarrier` (a barrier, or a separator after one). In 0/1
    /// integers: as Bools the compiler made branches of it, mispredicted at
    /// every space.
    @inline(__always)
    fileprivate static func step(_ code: UInt8, lastWasBarrier: Int) -> UInt16 {
        let barrier = code == barrierCode ? 1 : 0
        let vanish = code == vanishCode ? 1 : 0 // (a code is never both)
        let keep = (1 &- vanish) & (1 &- (barrier & lastWasBarrier))
        let next = (lastWasBarrier & vanish) | barrier
        return UInt16(code) | UInt16(keep) << 8 | UInt16(next) << 9
    }

    /// `step` of each ASCII character's `asciiEntry`, by `lastWasBarrier << 7 | value`;
    /// `stepLook` for "." "@" "$", whose neighbours decide.
    fileprivate static let stepLook: UInt16 = 0xFFFF
    fileprivate static let asciiStep: [UInt16] = (0..<256).map { k -> UInt16 in
        let entry = asciiEntry[k & 0x7F]
        return entry == lookCode ? stepLook : step(entry, lastWasBarrier: k >> 7)
    }

    /// How an ASCII character enters the skeleton: 0 barrier, 1 vanishes
    /// (a separator), 2 a symbol, 3 "." (vanishes before a letter or digit,
    /// else a barrier), 4 "@" or "$" (a look-alike between letters, else a barrier).
    fileprivate static let asciiClass: [UInt8] = (0..<128).map { v -> UInt8 in
        let c = Unicode.Scalar(UInt8(v))
        if ScalarClass.isASCIIAlnum(c) { return 2 }
        if c == "." { return 3 }
        if c == "@" || c == "$" { return 4 }
        return ScalarClass.isSeparator(c) ? 1 : 0
    }

    init(symbols: [UInt32], origin: [Int32]) {
        codes = symbols.map(Skeleton.code)
        self.origin = origin
        if codes.contains(Skeleton.wideCode) { wide = symbols }
    }

    /// - Parameter plain: no look-alike folding (case, accents and width only).
    /// - Parameter fastASCII: take the all-ASCII fast path when it applies
    ///   (off only in tests that compare it with the general loop).
    init(_ s: [Unicode.Scalar], protected: [Bool], plain: Bool = false, fastASCII: Bool = true) {
        if !plain, fastASCII, let ascii = s.withUnsafeBufferPointer({ s in
            protected.withUnsafeBufferPointer { protected in
                Skeleton(asciiCount: s.count, { s[$0].value }, { protected[$0] })
            }
        }) {
            self = ascii
            return
        }
        var symbols: [UInt32] = []
        var origin: [Int32] = []
        symbols.reserveCapacity(s.count)
        origin.reserveCapacity(s.count)
        var cache: [UInt32: [UInt32]] = [:]
        var lastWasBarrier = true
        let asciiClass = Skeleton.asciiClass
        for i in 0..<s.count {
            let c = s[i]
            let v = c.value
            if v < 0x80, !protected[i] {
                // ASCII: one table look-up decides.
                var symbol = v
                switch asciiClass[Int(v)] {
                case 2:
                    if v >= 0x41 && v <= 0x5A { symbol = v + 0x20 }
                    if !plain { symbol = Skeleton.leet(symbol) }
                case 1:
                    continue
                case 3:
                    if i + 1 < s.count, ScalarClass.isAnyAlnum(s[i + 1]) { continue }
                    symbol = Skeleton.barrier
                case 4:
                    // "@" and "$" between two letters are look-alikes ("B@nk", "Acme$ec").
                    let sign = !plain && i > 0 && i + 1 < s.count
                        && s[i - 1].properties.isAlphabetic && s[i + 1].isASCII && ScalarClass.isASCIIAlnum(s[i + 1])
                    symbol = sign ? Skeleton.leet(v) : Skeleton.barrier
                default:
                    symbol = Skeleton.barrier
                }
                if symbol == Skeleton.barrier {
                    if !lastWasBarrier {
                        symbols.append(Skeleton.barrier)
                        origin.append(Int32(i))
                        lastWasBarrier = true
                    }
                } else {
                    lastWasBarrier = false
                    symbols.append(symbol)
                    origin.append(Int32(i))
                }
                continue
            }
            if protected[i] || !(ScalarClass.isAnyAlnum(c) || ScalarClass.isIgnorable(c) || ScalarClass.isSeparator(c)) {
                if !lastWasBarrier {
                    symbols.append(Skeleton.barrier)
                    origin.append(Int32(i))
                    lastWasBarrier = true
                }
                continue
            }
            guard ScalarClass.isAnyAlnum(c) else { continue } // separators and ignorables vanish
            lastWasBarrier = false
            let folded: [UInt32]
            if let hit = cache[c.value] {
                folded = hit
            } else {
                folded = Skeleton.fold(c).map { plain ? $0 : Skeleton.leet($0) }
                cache[c.value] = folded
            }
            for v in folded {
                symbols.append(v)
                origin.append(Int32(i))
            }
        }
        self.init(symbols: symbols, origin: origin)
    }

    /// The skeleton of an all-ASCII text (the usual case) of `n` scalars,
    /// `at(i)` being scalar `i`'s value and `isProtected(i)` whether it lies
    /// in a placeholder, written straight into preallocated arrays (one
    /// symbol per scalar at most); nil as soon as a non-ASCII scalar turns
    /// up. Same rules as the general loop; one definition serves the
    /// scalars (`init(_:protected:)`) and the bytes of ASCII text
    /// (`ScanText.prepareASCII`).
    @inline(__always)
    init?(asciiCount n: Int, _ at: (Int) -> UInt32, _ isProtected: (Int) -> Bool) {
        precondition(n <= Int(Int32.max), "skeleton origins are 32-bit")
        var count = 0
        var ok = false
        var origin: [Int32] = []
        @inline(__always) func alnum(_ v: UInt32) -> Bool {
            (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        // Written straight into uninitialised storage (no zero fill); the
        // element types are trivial, so a failed attempt just keeps none.
        let codes = [UInt8](unsafeUninitializedCapacity: n) { out, codeCount in
            origin = [Int32](unsafeUninitializedCapacity: n) { org, orgCount in
                ok = Skeleton.asciiStep.withUnsafeBufferPointer { step in
                    var lastWasBarrier = 1 // 0 or 1
                    for i in 0..<n {
                        let v = at(i)
                        if v &- 0x61 < 26, !isProtected(i) {
                            // A lower-case letter, most of a text: a symbol,
                            // kept, whatever came before.
                            out[count] = UInt8(truncatingIfNeeded: step[Int(v)])
                            org[count] = Int32(truncatingIfNeeded: i)
                            count &+= 1
                            lastWasBarrier = 0
                            continue
                        }
                        if v >= 0x80 { return false }
                        // One look-up gives the code and what it does to the
                        // count, given whether a barrier was kept last (`asciiStep`);
                        // only "." "@" "$" and placeholders look further.
                        var entry = step[lastWasBarrier << 7 | Int(v)]
                        if entry == Skeleton.stepLook || isProtected(i) {
                            let code: UInt8
                            if isProtected(i) {
                                code = Skeleton.barrierCode
                            } else if v == 0x2E {
                                // "." vanishes before a letter or digit.
                                if i + 1 < n {
                                    let next = at(i + 1)
                                    if next >= 0x80 { return false }
                                    code = alnum(next) ? Skeleton.vanishCode : Skeleton.barrierCode
                                } else {
                                    code = Skeleton.barrierCode
                                }
                            } else {
                                // "@" and "$" between a letter and a letter or digit are look-alikes.
                                if i + 1 < n, at(i + 1) >= 0x80 { return false }
                                let sign = i > 0 && i + 1 < n && alnum(at(i + 1))
                                    && at(i - 1) < 0x80 && (at(i - 1) | 0x20) >= 0x61 && (at(i - 1) | 0x20) <= 0x7A
                                code = sign ? Skeleton.code(Skeleton.leet(v)) : Skeleton.barrierCode
                            }
                            entry = Skeleton.step(code, lastWasBarrier: lastWasBarrier)
                        }
                        // A symbol, a barrier (kept unless one was just kept)
                        // or nothing, decided without a branch on which: the
                        // slot is written anyway and kept by counting it.
                        out[count] = UInt8(truncatingIfNeeded: entry)
                        org[count] = Int32(truncatingIfNeeded: i)
                        count &+= Int(entry >> 8) & 1
                        lastWasBarrier = Int(entry >> 9) & 1
                    }
                    return true
                }
                orgCount = ok ? count : 0
            }
            codeCount = ok ? count : 0
        }
        guard ok else { return nil }
        self.codes = codes
        self.origin = origin
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
