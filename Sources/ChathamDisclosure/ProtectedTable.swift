/// A table after primary and secondary suppression: every cell with a count above zero, margins and
/// the grand total included, sorted by key (`Disclosure.precedes`: values by UTF-8 bytes, `"*"` last).
public struct ProtectedTable: Sendable, Hashable {
    /// The table's specification.
    public var spec: TableSpec
    /// The cells, in key order.
    public var cells: [ProtectedCell]

    public init(spec: TableSpec, cells: [ProtectedCell]) {
        self.spec = spec
        self.cells = cells
    }

    /// The cells as an audit's `published` argument: counts of suppressed cells replaced by `nil`,
    /// exactly what a reader sees.
    public var publishedView: [(key: [String], count: Int?)] {
        cells.map { (key: $0.key, count: $0.published ? $0.count : nil) }
    }
}
