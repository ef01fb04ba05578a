import ChathamDisclosure

/// SplitMix64: a tiny seeded generator so random tests are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `n` reports, one tuple each, each from its own contributor starting at `first`.
func reports(_ n: Int, _ tuple: [String], firstContributor first: Int32) -> [Observation] {
    (0..<Int32(n)).map { Observation(contributor: first + $0, tuples: [tuple]) }
}

/// `n` reports, one tuple each, all from `contributor`.
func reports(_ n: Int, _ tuple: [String], by contributor: Int32) -> [Observation] {
    (0..<n).map { _ in Observation(contributor: contributor, tuples: [tuple]) }
}

extension ProtectedTable {
    func cell(_ key: String...) -> ProtectedCell? { cells.first { $0.key == key } }
}

extension Array where Element == CellStats {
    func cell(_ key: String...) -> CellStats? { first { $0.key == key } }
}

extension ProtectedCell {
    /// The cell as a reader-facing status, for comparing with literals.
    var withoutContributions: ProtectedCell {
        ProtectedCell(key: key, count: count, published: published, primary: primary)
    }
}
