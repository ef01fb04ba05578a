/// A set of words looked up straight from a scalar range, without building a
/// String per word: the detectors ask "is this word a title / role / given
/// name / keyword?" for every word of the text, and an allocation per word
/// was most of their cost. Words are kept as 64-bit FNV-1a hashes of their
/// scalars (lower-cased when `folded`); a false hit would need a 64-bit
/// collision with one of a few thousand words.
struct WordSet: Sendable {
    private let hashes: Set<UInt64>
    let folded: Bool

    init<S: Sequence>(_ words: S, folded: Bool) where S.Element == String {
        self.folded = folded
        hashes = Set(words.map { w in
            let scalars = Array((folded ? w.lowercased() : w).unicodeScalars)
            return WordSet.hash(scalars[...], folded: false)
        })
    }

    func contains(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        hashes.contains(WordSet.hash(s[start..<end], folded: folded))
    }

    func contains(hash: UInt64) -> Bool { hashes.contains(hash) }

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
                    for l in c.properties.lowercaseMapping.unicodeScalars { h = (h ^ UInt64(l.value)) &* 0x100_0000_01B3 }
                }
            } else {
                h = (h ^ UInt64(c.value)) &* 0x100_0000_01B3
            }
        }
        return h
    }
}
