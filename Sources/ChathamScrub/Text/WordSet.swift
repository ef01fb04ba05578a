/// A set of words looked up straight from a scalar range, without building a
/// String per word: the detectors ask "is this word a title / role / given
/// name / keyword?" for every word of the text, and an allocation per word
/// was most of their cost. Words are kept as 64-bit FNV-1a hashes of their
/// scalars (lower-cased when `folded`); a false hit would need a 64-bit
/// collision with one of a few thousand words.
///
/// The hashes sit in a small open-addressing table probed by the hash's own
/// low bits, so a lookup is one or two loads — no second (Sip) hash as a
/// `Set<UInt64>` would compute.
struct WordSet: Sendable {
    private let table: [UInt64]
    private let mask: Int
    let folded: Bool

    init<S: Sequence>(_ words: S, folded: Bool) where S.Element == String {
        self.init(slots: Set(words.map { w in
            let scalars = Array((folded ? w.lowercased() : w).unicodeScalars)
            return WordSet.slot(WordSet.hash(scalars[...], folded: false))
        }), folded: folded)
    }

    /// The words of `text`, ASCII separated by spaces or line breaks (a
    /// generated list such as `EnglishWords`), hashed straight from its
    /// UTF-8: tens of thousands of words without a String each.
    init(asciiWords text: String, folded: Bool) {
        var slots = Set<UInt64>()
        slots.reserveCapacity(text.utf8.count / 8)
        let basis: UInt64 = 0xCBF2_9CE4_8422_2325
        var h = basis
        var inWord = false
        for b in text.utf8 {
            if b == 0x20 || b == 0x0A {
                if inWord { slots.insert(WordSet.slot(h)) }
                h = basis
                inWord = false
            } else {
                let v = folded && b >= 0x41 && b <= 0x5A ? b + 0x20 : b
                h = (h ^ UInt64(v)) &* 0x100_0000_01B3
                inWord = true
            }
        }
        if inWord { slots.insert(WordSet.slot(h)) }
        self.init(slots: slots, folded: folded)
    }

    private init(slots: Set<UInt64>, folded: Bool) {
        self.folded = folded
        var size = 16
        while size < slots.count * 4 { size <<= 1 }
        var table = [UInt64](repeating: 0, count: size)
        for h in slots {
            var k = Int(truncatingIfNeeded: h) & (size - 1)
            while table[k] != 0 { k = (k + 1) & (size - 1) }
            table[k] = h
        }
        self.table = table
        mask = size - 1
    }

    /// 0 marks an empty slot, so a hash of 0 is stored as 1.
    @inline(__always)
    static func slot(_ h: UInt64) -> UInt64 { h == 0 ? 1 : h }

    /// The stored words, as `slot` values: what `contains(hash:)` answers
    /// true for (`WordClasses` merges several sets' words into one table).
    var slots: [UInt64] { table.filter { $0 != 0 } }

    func contains(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        // One hash loop per case, each with `folded` a constant (not a
        // test per scalar).
        contains(hash: folded ? WordSet.hash(s[start..<end], folded: true) : WordSet.hash(s[start..<end], folded: false))
    }

    @inline(__always)
    func contains(hash: UInt64) -> Bool {
        let h = WordSet.slot(hash)
        return table.withUnsafeBufferPointer { t in
            var k = Int(truncatingIfNeeded: h) & mask
            while true {
                let v = t[k]
                if v == h { return true }
                if v == 0 { return false }
                k = (k + 1) & mask
            }
        }
    }

    @inline(__always)
    static func hash(_ s: ArraySlice<Unicode.Scalar>, folded: Bool) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for c in s {
            if folded {
                if c.isASCII {
                    var v = c.value
                    if v >= 0x41 && v <= 0x5A { v += 0x20 }
                    h = (h ^ UInt64(v)) &* 0x100_0000_01B3
                } else {
                    h = hashLowercased(c, into: h)
                }
            } else {
                h = (h ^ UInt64(c.value)) &* 0x100_0000_01B3
            }
        }
        return h
    }

    /// `h` extended by the lower-case mapping of non-ASCII `c`. Never
    /// inlined: `Unicode.Scalar.Properties` is resilient, and a function
    /// that touches it fetches its metadata and sizes its stack on every
    /// call, which made every (ASCII) word's look-up pay for it.
    @inline(never)
    static func hashLowercased(_ c: Unicode.Scalar, into h: UInt64) -> UInt64 {
        var h = h
        for l in c.properties.lowercaseMapping.unicodeScalars { h = (h ^ UInt64(l.value)) &* 0x100_0000_01B3 }
        return h
    }
}
