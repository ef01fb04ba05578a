extension Array {
    /// The index of the first element whose `key` is `value` or more, in an
    /// array sorted by `key`, or `count` when there is none: a binary
    /// search ("the token after this name", "the first word of this
    /// finding").
    @inline(__always)
    func firstIndex(atOrAfter value: Int, by key: (Element) -> Int) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if key(self[mid]) < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
