/// Secondary suppression — INTERIM RULE.
///
/// Rule: no line (see `LineIndex`) may contain exactly one suppressed cell, the margin counted as a
/// member. When one does:
/// - only the margin is suppressed → also suppress its published part with the smallest count;
/// - one part is suppressed and the margin published → also suppress another published part with the
///   smallest count, or the margin when the line has no other part.
/// Ties go to the first cell in key order. Each new suppression re-checks every line through that cell,
/// until nothing changes (a fixed point; it terminates because cells are only ever added).
///
/// Along multi-valued dimensions a margin is not the sum of its parts, so subtraction does not
/// recover a lone suppressed cell exactly; the rule is applied there anyway, as a conservative choice.
///
/// What this does not prove: that no suppressed cell can be narrowed to a small interval by
/// combining several lines, tables or releases (a member subtracting its own reports included).
/// `Disclosure.protect(_:policy:history:aggregations:)` runs this first and then the LP audit, adding
/// suppressions until the intervals are wide enough; this stays a pure `suppressed in → suppressed
/// out` step.
enum SecondarySuppression {
    /// Extends `suppressed` (indexed like `keys`, which must be sorted and distinct) to the fixed point.
    static func apply(keys: [[String]], counts: [Int], dimensionCount: Int, suppressed: inout [Bool]) {
        let index = LineIndex(keys: keys, dimensionCount: dimensionCount)
        // FIFO worklist seeded in line order: with sorted keys the order of choices, and so the
        // result, is the same on every run.
        var queue = Array(index.lines.indices)
        var queued = Array(repeating: true, count: index.lines.count)
        var head = 0
        while head < queue.count {
            let l = queue[head]
            head += 1
            queued[l] = false
            let line = index.lines[l]

            var lone: Int?
            var hidden = 0
            for member in line.members where suppressed[member] {
                hidden += 1
                lone = member
            }
            guard hidden == 1, let lone else { continue }

            var pick: Int?
            for part in line.parts where part != lone && !suppressed[part] {
                // Parts are in key order, so a strict `<` keeps the first of equal counts.
                if pick == nil || counts[part] < counts[pick!] { pick = part }
            }
            if pick == nil, let margin = line.margin, margin != lone { pick = margin }
            guard let pick else { continue }  // a line without a margin and with a single part

            suppressed[pick] = true
            for other in index.linesOfCell[pick] where !queued[other] {
                queued[other] = true
                queue.append(other)
            }
        }
    }
}
