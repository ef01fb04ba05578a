/// The "lines" of a table: for a dimension d, the cells that agree on every other dimension and
/// differ on d (the parts), together with the cell that has `"*"` on d (the margin).
///
/// A table is viewed as these hierarchical groups for secondary suppression and its audit: a line
/// with exactly one hidden member gives that member away by subtraction whenever the margin is the
/// sum of its parts. Only lines with at least one part exist.
struct LineIndex {
    struct Line {
        /// The dimension the line runs along.
        let dimension: Int
        /// The margin's cell index, if the margin is among the cells.
        let margin: Int?
        /// Part cell indices, in cell order.
        var parts: [Int]
        /// Key of the margin (also the line's identity): the parts' key with `"*"` on `dimension`.
        let marginKey: [String]

        var members: [Int] { (margin.map { [$0] } ?? []) + parts }
    }

    let lines: [Line]
    /// For each cell, the lines it belongs to (as a part or as the margin), in line order.
    let linesOfCell: [[Int]]

    /// `keys` must be distinct; lines are numbered in a deterministic order when `keys` is sorted:
    /// by dimension, then by first part.
    init(keys: [[String]], dimensionCount: Int) {
        var indexOfKey: [[String]: Int] = [:]
        indexOfKey.reserveCapacity(keys.count)
        for (i, key) in keys.enumerated() where indexOfKey[key] == nil { indexOfKey[key] = i }

        var lines: [Line] = []
        for d in 0..<dimensionCount {
            var lineOfMargin: [[String]: Int] = [:]
            for (i, key) in keys.enumerated() where key[d] != Disclosure.margin {
                var marginKey = key
                marginKey[d] = Disclosure.margin
                if let l = lineOfMargin[marginKey] {
                    lines[l].parts.append(i)
                } else {
                    lineOfMargin[marginKey] = lines.count
                    lines.append(Line(dimension: d, margin: indexOfKey[marginKey], parts: [i], marginKey: marginKey))
                }
            }
        }
        var linesOfCell = Array(repeating: [Int](), count: keys.count)
        for (l, line) in lines.enumerated() {
            for member in line.members { linesOfCell[member].append(l) }
        }
        self.lines = lines
        self.linesOfCell = linesOfCell
    }
}
