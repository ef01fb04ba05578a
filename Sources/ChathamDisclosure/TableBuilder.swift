/// Counts observations into the cells of one table, margins included.
///
/// Counting rule: a cell key has, per dimension, a value or `"*"`. A report counts in a cell when at
/// least one of its tuples matches all of the cell's non-`"*"` components; `"*"` also matches reports
/// without tuples, so the grand total is the number of observations. A cell's count is a number of
/// reports — a report with two matching tuples counts once.
///
/// Built for a million reports per table: values are interned per dimension (code 0 is `"*"`), a
/// cell is found by direct indexing into a small grid of codes (a hash map only when the grid would
/// be large), a report is counted once per cell by a per-cell "last report" mark rather than by
/// sorting its keys, and each cell keeps only a count and a contributor → reports tally, never the
/// reports themselves. Callers that already hold integer codes (the release's column scan) use
/// `code(of:dimension:)` once per distinct value and `add(contributor:codes:tupleCount:)` per report,
/// which allocates nothing.
public struct TableBuilder: Sendable {
    /// The table being built.
    public let spec: TableSpec

    /// A cell's count and reports per contributor. Starts as a hash map; once a cell holds a good
    /// share of all contributor indices (the grand total and big margins always do), it switches to an
    /// array indexed by contributor, which turns the hot path's hash probe into one array store.
    /// Dense only at ≥ 1/8 occupancy, so memory stays within a small factor of the map's.
    struct Accumulator: Sendable {
        var count = 0
        var sparse: [Int32: Int] = [:]
        var dense: [Int32] = []
        var denseDistinct = 0

        @inline(__always)
        mutating func add(_ contributor: Int32) {
            count += 1
            if !dense.isEmpty, contributor >= 0 {
                let i = Int(contributor)
                if i >= dense.count { dense.append(contentsOf: repeatElement(0, count: max(i + 1, dense.count * 2) - dense.count)) }
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
    private var codes: [[String: UInt32]]
    private var values: [[String]]

    /// Cell slots: `packed key → slot` for decoding, and the accumulators by slot.
    private var keyOfSlot: [UInt64] = []
    private var accumulators: [Accumulator] = []
    /// Serial number of the last report counted in each slot (a report counts once per cell).
    private var lastReport: [Int] = []
    /// Direct index: per dimension a capacity (codes 0..<capacity), the grid holds slot + 1 (0 = none).
    /// Nil once the grid would exceed `gridLimit` entries; then `slotOfKey` is used.
    private var capacities: [Int]
    private var strides: [Int]
    private var grid: [Int32]?
    private var slotOfKey: [UInt64: Int32] = [:]
    private static let gridLimit = 1 << 20
    private var reports = 0
    // Reused between observations so the hot loop does not allocate.
    private var scratch: [UInt32] = []

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
        capacities = Array(repeating: 16, count: dimensionCount)
        strides = []
        var stride = 1
        for d in 0..<dimensionCount {
            strides.append(stride)
            stride *= capacities[d]
        }
        grid = stride <= Self.gridLimit ? Array(repeating: 0, count: stride) : nil
    }

    /// Number of observations added: the table's grand total.
    public var reportCount: Int { reports }

    /// Whether the grand total's contributions are tallied here. Every table of one set of reports
    /// has the same grand total (all reports, per contributor), so a caller counting many tables
    /// over the same reports tallies it in one and passes it to the others' `cellStats(grandTotal:)`.
    public var tracksGrandTotal = true

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
        var coded = scratch
        scratch = []
        coded.removeAll(keepingCapacity: true)
        for tuple in observation.tuples {
            for d in 0..<dimensionCount {
                do {
                    coded.append(try code(of: tuple[d], dimension: d))
                } catch {
                    scratch = coded
                    throw error
                }
            }
        }
        coded.withUnsafeBufferPointer { add(contributor: observation.contributor, codes: $0, tupleCount: observation.tuples.count) }
        scratch = coded
    }

    /// Adds many reports, stopping at the first invalid one (those before it stay counted).
    public mutating func add<S: Sequence>(contentsOf observations: S) throws(DisclosureError) where S.Element == Observation {
        for observation in observations { try add(observation) }
    }

    /// The code of `value` on dimension `d` (0 for `"*"`), interning it on first sight; for
    /// `add(contributor:codes:tupleCount:)`.
    /// - Throws: `invalidObservation` for an empty value; `tooManyValues` when the dimension is full.
    public mutating func code(of value: String, dimension d: Int) throws(DisclosureError) -> UInt32 {
        if value == Disclosure.margin { return 0 }
        if let code = codes[d][value] { return code }
        guard !value.isEmpty else {
            throw DisclosureError(.invalidObservation,
                "table \(spec.name): empty value for \(spec.dimensions[d]); use \"*\" for no value")
        }
        let code = UInt32(values[d].count + 1)
        guard UInt64(code) <= maxCode else {
            throw DisclosureError(.tooManyValues,
                "table \(spec.name): more than \(maxCode) distinct values for \(spec.dimensions[d])")
        }
        codes[d][value] = code
        values[d].append(value)
        if Int(code) >= capacities[d] { growGrid(dimension: d, toInclude: Int(code)) }
        return code
    }

    /// Adds one report from codes made by `code(of:dimension:)`: `codes` holds `tupleCount` tuples of
    /// one code per dimension each, back to back (0 = no value on that dimension).
    public mutating func add(contributor: Int32, codes: UnsafeBufferPointer<UInt32>, tupleCount: Int) {
        precondition(codes.count >= tupleCount * dimensionCount, "one code per dimension and tuple")
        reports += 1
        let serial = reports
        if tupleCount == 0 {
            if tracksGrandTotal { count(slot: slot(packed: 0, gridIndex: 0), contributor: contributor, serial: serial) }
            return
        }
        let subsets = 1 << dimensionCount
        let firstMask = tracksGrandTotal ? 0 : 1
        for t in 0..<tupleCount {
            let base = t * dimensionCount
            for mask in firstMask..<subsets {
                var packed: UInt64 = 0
                var index = 0
                var rest = mask
                var d = 0
                while rest != 0 {
                    if rest & 1 != 0 {
                        let c = codes[base + d]
                        packed |= UInt64(c) << UInt64(bits * d)
                        // Only meaningful with a grid (then it cannot overflow); wrapping otherwise.
                        index &+= Int(c) &* strides[d]
                    }
                    rest >>= 1
                    d += 1
                }
                count(slot: slot(packed: packed, gridIndex: index), contributor: contributor, serial: serial)
            }
        }
    }

    @inline(__always)
    private mutating func count(slot s: Int, contributor: Int32, serial: Int) {
        if lastReport[s] == serial { return }
        lastReport[s] = serial
        accumulators[s].add(contributor)
    }

    @inline(__always)
    private mutating func slot(packed: UInt64, gridIndex: Int) -> Int {
        if grid != nil {
            let s = grid![gridIndex]
            if s != 0 { return Int(s) - 1 }
            let new = newSlot(packed)
            grid![gridIndex] = Int32(new + 1)
            return new
        }
        if let s = slotOfKey[packed] { return Int(s) }
        let new = newSlot(packed)
        slotOfKey[packed] = Int32(new)
        return new
    }

    private mutating func newSlot(_ packed: UInt64) -> Int {
        keyOfSlot.append(packed)
        accumulators.append(Accumulator())
        lastReport.append(0)
        return keyOfSlot.count - 1
    }

    /// Doubles a dimension's capacity (rare: once per power of two of distinct values) and
    /// re-indexes the grid, or gives the grid up for the hash map when it would be too large.
    private mutating func growGrid(dimension d: Int, toInclude code: Int) {
        while capacities[d] <= code { capacities[d] *= 2 }
        var stride = 1
        strides = []
        for e in 0..<dimensionCount {
            strides.append(stride)
            stride = stride.multipliedReportingOverflow(by: capacities[e]).overflow ? Int.max / 2 : stride * capacities[e]
        }
        if grid == nil { return }
        guard stride <= Self.gridLimit else {
            grid = nil
            for (s, packed) in keyOfSlot.enumerated() { slotOfKey[packed] = Int32(s) }
            return
        }
        var fresh = [Int32](repeating: 0, count: stride)
        for (s, packed) in keyOfSlot.enumerated() { fresh[gridIndex(packed)] = Int32(s + 1) }
        grid = fresh
    }

    private func gridIndex(_ packed: UInt64) -> Int {
        var index = 0
        for d in 0..<dimensionCount { index += Int((packed >> UInt64(bits * d)) & maxCode) * strides[d] }
        return index
    }

    /// Every cell with a count above zero, plus the grand total (even for an empty table), sorted by
    /// key with `"*"` after values (`Disclosure.precedes`).
    ///
    /// `grandTotal` replaces the grand total's contributions (see `tracksGrandTotal`); its key is
    /// this table's all-`"*"` key, its count must be `reportCount`.
    public func cellStats(grandTotal: CellStats? = nil) -> [CellStats] {
        var result: [CellStats] = []
        result.reserveCapacity(keyOfSlot.count + 1)
        for (s, packed) in keyOfSlot.enumerated() where packed != 0 {
            result.append(CellStats(key: decode(packed), count: accumulators[s].count, contributions: accumulators[s].contributions))
        }
        let totalKey = Array(repeating: Disclosure.margin, count: dimensionCount)
        if let grandTotal {
            precondition(grandTotal.count == reports, "the grand total of other reports")
            result.append(CellStats(key: totalKey, count: grandTotal.count, contributions: grandTotal.contributions))
        } else if let s = keyOfSlot.firstIndex(of: 0) {
            result.append(CellStats(key: totalKey, count: accumulators[s].count, contributions: accumulators[s].contributions))
        } else {
            result.append(CellStats(key: totalKey, count: 0, contributions: [:]))
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
