/// Counts observations into the cells of one table, margins included.
///
/// Counting rule: a cell key has, per dimension, a value or `"*"`. A report counts in a cell when at
/// least one of its tuples matches all of the cell's non-`"*"` components; `"*"` also matches reports
/// without tuples, so the grand total is the number of observations. A cell's count is a number of
/// reports — a report with two matching tuples counts once.
///
/// Built for a million reports per table: values are interned per dimension and a cell key is packed
/// into one `UInt64` (a code per dimension, 0 for `"*"`), so the hot loop hashes integers, and each
/// cell keeps only a count and a contributor → reports map, never the reports themselves.
public struct TableBuilder: Sendable {
    /// The table being built.
    public let spec: TableSpec

    /// A cell's count and reports per contributor. Starts as a hash map; once a cell holds a good
    /// share of all contributor indices (the grand total and big margins always do), it switches to an
    /// array indexed by contributor, which turns the hot path's hash probe into one array store.
    /// Dense only at ≥ 1/8 occupancy, so memory stays within a small factor of the map's.
    private struct Accumulator: Sendable {
        var count = 0
        var sparse: [Int32: Int] = [:]
        var dense: [Int32] = []
        var denseDistinct = 0

        mutating func add(_ contributor: Int32) {
            count += 1
            if !dense.isEmpty, contributor >= 0 {
                let i = Int(contributor)
                if i >= dense.count { dense.append(contentsOf: repeatElement(0, count: i + 1 - dense.count)) }
                if dense[i] == 0 { denseDistinct += 1 }
                dense[i] += 1
                return
            }
            let distinctBefore = sparse.count
            sparse[contributor, default: 0] += 1
            // Try at every 64th new contributor, not on every report.
            if dense.isEmpty, sparse.count != distinctBefore, sparse.count & 63 == 0 { densify() }
        }

        private mutating func densify() {
            let largest = sparse.keys.max() ?? 0
            guard largest >= 0, Int(largest) + 1 <= sparse.count * 8 else { return }
            var array = [Int32](repeating: 0, count: Int(largest) + 1)
            for (c, n) in sparse where c >= 0 {
                array[Int(c)] = Int32(n)
                denseDistinct += 1
            }
            sparse = sparse.filter { $0.key < 0 }  // negative indices (not expected) stay in the map
            dense = array
        }

        var contributions: [Int32: Int] {
            guard !dense.isEmpty else { return sparse }
            var all = sparse
            all.reserveCapacity(sparse.count + denseDistinct)
            for (i, n) in dense.enumerated() where n > 0 { all[Int32(i)] = Int(n) }
            return all
        }
    }

    private let dimensionCount: Int
    /// Bits per dimension in a packed key; code 0 is the margin, so a dimension holds 2^bits − 1 values.
    private let bits: Int
    private let maxCode: UInt64
    private var codes: [[String: UInt64]]
    private var values: [[String]]
    private var cells: [UInt64: Accumulator] = [:]
    private var reports = 0
    // Reused between observations so the hot loop does not allocate.
    private var touched: [UInt64] = []
    private var tupleCodes: [[UInt64]] = []

    /// Starts an empty table.
    /// - Throws: `invalidSpec` when the specification is not valid.
    public init(spec: TableSpec) throws(DisclosureError) {
        try spec.validate()
        self.spec = spec
        dimensionCount = spec.dimensions.count
        bits = dimensionCount == 0 ? 0 : min(32, 64 / dimensionCount)
        maxCode = bits == 0 ? 0 : (UInt64(1) << UInt64(bits)) - 1
        codes = Array(repeating: [:], count: dimensionCount)
        values = Array(repeating: [], count: dimensionCount)
    }

    /// Number of observations added: the table's grand total.
    public var reportCount: Int { reports }

    /// Adds one report. On a throw the counts are unchanged.
    /// - Throws: `invalidObservation` for a tuple of the wrong length or with an empty value;
    ///   `tooManyValues` when a dimension outgrows its share of the packed key.
    public mutating func add(_ observation: Observation) throws(DisclosureError) {
        for tuple in observation.tuples {
            guard tuple.count == dimensionCount else {
                throw DisclosureError(.invalidObservation,
                    "table \(spec.name): a tuple has \(tuple.count) values for \(dimensionCount) dimensions")
            }
            if let empty = tuple.firstIndex(where: \.isEmpty) {
                throw DisclosureError(.invalidObservation,
                    "table \(spec.name): empty value for \(spec.dimensions[empty]); use \"*\" for no value")
            }
        }

        // Intern every value first, so a tooManyValues throw leaves no count half-made.
        while tupleCodes.count < observation.tuples.count { tupleCodes.append([]) }
        var anyMargin = false
        for (t, tuple) in observation.tuples.enumerated() {
            tupleCodes[t].removeAll(keepingCapacity: true)
            for d in 0..<dimensionCount {
                let code = try intern(tuple[d], dimension: d)
                if code == 0 { anyMargin = true }
                tupleCodes[t].append(code << UInt64(bits * d))
            }
        }

        touched.removeAll(keepingCapacity: true)
        if observation.tuples.isEmpty {
            touched.append(0)  // the grand total only
        } else {
            let subsets = 1 << dimensionCount
            for t in 0..<observation.tuples.count {
                let shifted = tupleCodes[t]
                for mask in 0..<subsets {
                    var key: UInt64 = 0
                    var rest = mask
                    var d = 0
                    while rest != 0 {
                        if rest & 1 != 0 { key |= shifted[d] }
                        rest >>= 1
                        d += 1
                    }
                    touched.append(key)
                }
            }
            // One tuple without "*" gives 2^d distinct keys; otherwise keys repeat and a report
            // must count once per cell.
            if observation.tuples.count > 1 || anyMargin {
                touched.sort()
                var write = 0
                for read in touched.indices where read == 0 || touched[read] != touched[read - 1] {
                    touched[write] = touched[read]
                    write += 1
                }
                touched.removeLast(touched.count - write)
            }
        }

        for key in touched {
            cells[key, default: Accumulator()].add(observation.contributor)
        }
        reports += 1
    }

    /// Adds many reports, stopping at the first invalid one (those before it stay counted).
    public mutating func add<S: Sequence>(contentsOf observations: S) throws(DisclosureError) where S.Element == Observation {
        for observation in observations { try add(observation) }
    }

    private mutating func intern(_ value: String, dimension d: Int) throws(DisclosureError) -> UInt64 {
        if value == Disclosure.margin { return 0 }
        if let code = codes[d][value] { return code }
        let code = UInt64(values[d].count + 1)
        guard code <= maxCode else {
            throw DisclosureError(.tooManyValues,
                "table \(spec.name): more than \(maxCode) distinct values for \(spec.dimensions[d])")
        }
        codes[d][value] = code
        values[d].append(value)
        return code
    }

    /// Every cell with a count above zero, plus the grand total (even for an empty table), sorted by
    /// key with `"*"` after values (`Disclosure.precedes`).
    public func cellStats() -> [CellStats] {
        var result: [CellStats] = []
        result.reserveCapacity(cells.count + 1)
        for (packed, accumulator) in cells {
            result.append(CellStats(key: decode(packed), count: accumulator.count, contributions: accumulator.contributions))
        }
        if cells[0] == nil {
            result.append(CellStats(key: Array(repeating: Disclosure.margin, count: dimensionCount), count: 0, contributions: [:]))
        }
        result.sort { Disclosure.precedes($0.key, $1.key) }
        return result
    }

    private func decode(_ packed: UInt64) -> [String] {
        (0..<dimensionCount).map { d in
            let code = (packed >> UInt64(bits * d)) & maxCode
            return code == 0 ? Disclosure.margin : values[d][Int(code) - 1]
        }
    }
}
