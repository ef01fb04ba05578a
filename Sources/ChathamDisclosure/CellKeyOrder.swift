extension Disclosure {
    /// The margin marker in cell keys: "total over this dimension".
    public static let margin = "*"

    /// The one ordering of cell keys used everywhere (tables, releases, audits): component by
    /// component, values by their UTF-8 bytes, `"*"` after every value, shorter keys first on a tie.
    /// Byte order rather than `String`'s `<` so the order is the same on every platform and in every
    /// language that re-checks a release.
    public static func precedes(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            if x == margin { return false }
            if y == margin { return true }
            return x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        return a.count < b.count
    }
}
