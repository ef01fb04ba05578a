import ChathamDisclosure
import ChathamTestKit

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
