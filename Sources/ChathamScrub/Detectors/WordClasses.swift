/// Which of several word sets hold a word, answered by one probe of one
/// table instead of one probe per set: the people detector asks a dozen
/// small sets (titles, roles, stop words, cue words …) about the same word,
/// each a table of its own, and those probes were most of its per-word cost.
///
/// Bit `i` of an answer is `sets[i].contains(hash:)` for the word's hash as
/// that set takes it — lower-cased for a folded set, as written otherwise —
/// so the answer is exactly what asking each set would give (the keys are
/// the sets' own stored hashes; FastPathTests checks it).
struct WordClasses: Sendable {
    /// Open addressing by the hash's low bits, as `WordSet`: key (a
    /// `WordSet.slot` value, 0 for empty) at 2k, its classes at 2k + 1, so
    /// a hit reads one cache line.
    private let table: [UInt64]
    private let mask: Int
    /// Bits of the sets that take the lower-cased hash.
    let foldedSets: UInt32
    /// One bit per stored key (by the key's high bits): most words of
    /// prose are in no set, and this answers for them without the table.
    private let filter: [UInt64]

    init(_ sets: [WordSet]) {
        precondition(sets.count <= 32)
        var classes: [UInt64: UInt32] = [:]
        var folded: UInt32 = 0
        for (bit, set) in sets.enumerated() {
            if set.folded { folded |= 1 << bit }
            for key in set.slots { classes[key, default: 0] |= 1 << bit }
        }
        // Half full at most: short probes, and a table small enough to
        // stay in cache (the sets hold a few thousand words).
        var size = 16
        while size < classes.count * 2 { size <<= 1 }
        var table = [UInt64](repeating: 0, count: 2 * size)
        var filter = [UInt64](repeating: 0, count: 1 << 9)
        for (key, bits) in classes {
            var k = Int(truncatingIfNeeded: key) & (size - 1)
            while table[2 * k] != 0 { k = (k + 1) & (size - 1) }
            table[2 * k] = key
            table[2 * k + 1] = UInt64(bits)
            filter[Int(key >> 55)] |= 1 << ((key >> 49) & 63)
        }
        self.table = table
        mask = size - 1
        foldedSets = folded
        self.filter = filter
    }

    /// The sets holding a word whose hash is `hash` (0 for none), every
    /// set taken as holding it or not; `classes(lower:exact:)` keeps each
    /// set's answer for the hash it takes.
    @inline(__always)
    func sets(holding hash: UInt64) -> UInt32 {
        let h = WordSet.slot(hash)
        guard filter.withUnsafeBufferPointer({ $0[Int(h >> 55)] >> ((h >> 49) & 63) & 1 != 0 }) else { return 0 }
        return table.withUnsafeBufferPointer { t in
            var k = Int(truncatingIfNeeded: h) & mask
            while true {
                let v = t[2 * k]
                if v == h { return UInt32(truncatingIfNeeded: t[2 * k + 1]) }
                if v == 0 { return 0 }
                k = (k + 1) & mask
            }
        }
    }

    /// Bit `i` set when `sets[i]` holds the word: a folded set asked with
    /// `lower` (the word lower-cased), any other with `exact` (as written).
    @inline(__always)
    func classes(lower: UInt64, exact: UInt64) -> UInt32 {
        let l = sets(holding: lower)
        let e = exact == lower ? l : sets(holding: exact)
        return (l & foldedSets) | (e & ~foldedSets)
    }
}
