extension Disclosure {
    /// One table of a release to protect: its scope (see `ScopedTable`), specification and counted cells.
    public struct TableInput: Sendable {
        public var scope: String
        public var spec: TableSpec
        public var cells: [CellStats]
        /// Values rolled up into `Disclosure.other`, per dimension (see `ScopedTable.rolledUp`).
        public var rolledUp: [String: Set<String>]
        public init(scope: String, spec: TableSpec, cells: [CellStats], rolledUp: [String: Set<String>] = [:]) {
            self.scope = scope
            self.spec = spec
            self.cells = cells
            self.rolledUp = rolledUp
        }
    }

    /// Protects the tables of one release jointly, and jointly with everything published before.
    ///
    /// 1. Primary suppression per cell (threshold on distinct contributors, dominance, p% if set).
    ///    A cell shared by several tables (same scope, same fixed dimensions) is one cell: hidden in
    ///    one table, hidden in all.
    /// 2. The line rule (`SecondarySuppression`) in every table to a fixed point: cheap, and it does
    ///    most of the work.
    /// 3. The LP audit against `AttackerKnowledge.anyMember` over the whole system (these tables,
    ///    `history`, `aggregations`): while some hidden cell's interval is narrower than
    ///    `policy.requiredWidth`, hide a further published cell of this release that shares an
    ///    equation with it — the one with the fewest reports among those whose own uncertainty
    ///    (count minus largest contribution) covers the need, else the most uncertain one — and
    ///    re-solve. Hiding a cell only removes an equation's known term, so intervals only widen and
    ///    the loop ends; it ends with a proof, not a construction.
    ///
    /// `history` is everything published before, as published (its statuses are not changed).
    /// - Throws: `unprotectable` when a hidden cell (of `history`) cannot be protected by hiding more
    ///   of this release; `solverFailed`; the errors of `protect(spec:cells:policy:)`.
    public static func protect(_ inputs: [TableInput], policy: DisclosurePolicy, history: [ScopedTable] = [],
                               aggregations: [Aggregation] = []) throws(DisclosureError) -> [ScopedTable] {
        var protection = try Protection(inputs, policy: policy, history: history, aggregations: aggregations)
        protection.applyLineRule()
        try protection.prove()
        return protection.result
    }

    /// `protect(_:policy:history:aggregations:)` step by step, so a caller can see (and time) each
    /// step: `init` counts nothing and does primary suppression, `applyLineRule()` the line rule,
    /// `prove()` the LP rounds; `result` is the protected tables of the release.
    public struct Protection {
        let policy: DisclosurePolicy
        let historyCount: Int
        var tables: [ScopedTable]
        var system: CellSystem
        /// LP rounds `prove()` took (each solves the components that changed).
        public private(set) var rounds = 0
        /// Hidden cells (distinct variables) of this release after primary suppression alone.
        public private(set) var primaryCount = 0

        /// Primary suppression of `inputs` (see `protect(_:policy:history:aggregations:)`).
        public init(_ inputs: [TableInput], policy: DisclosurePolicy, history: [ScopedTable] = [],
                    aggregations: [Aggregation] = []) throws(DisclosureError) {
            self.policy = policy
            historyCount = history.count
            var tables = history
            for input in inputs {
                let cells = try canonical(input.cells, spec: input.spec)
                let protected = cells.map { cell in
                    let primary = policy.primaryReason(for: cell) != nil
                    return ProtectedCell(key: cell.key, count: cell.count, published: !primary, primary: primary,
                                         contributions: cell.contributions)
                }
                tables.append(ScopedTable(scope: input.scope, table: ProtectedTable(spec: input.spec, cells: protected),
                                          rolledUp: input.rolledUp))
            }
            self.tables = tables
            system = CellSystem(tables: tables, mutableFrom: history.count, aggregations: aggregations)
            // A cell primary in one table is hidden in every table that shows it.
            for v in system.variables.indices where system.variables[v].mutable && system.variables[v].primary {
                system.variables[v].published = false
                primaryCount += 1
            }
        }

        /// The line rule, table by table, until no table changes; returns the cells it hid.
        @discardableResult
        public mutating func applyLineRule() -> Set<Int> {
            var added = Set<Int>()
            var changed = true
            while changed {
                changed = false
                for t in historyCount..<tables.count {
                    let table = tables[t].table
                    let vars = system.cellVariable[t]
                    var suppressed = vars.map { !system.variables[$0].published }
                    let before = suppressed
                    // Information loss of hiding a cell: its reports, times the tables that show it.
                    let costs = vars.map { system.variables[$0].count * system.variables[$0].appearances }
                    SecondarySuppression.apply(keys: table.cells.map(\.key), counts: costs,
                                               dimensionCount: table.spec.dimensions.count, suppressed: &suppressed)
                    for i in vars.indices where suppressed[i] && !before[i] && system.variables[vars[i]].mutable
                        && system.variables[vars[i]].published {
                        system.variables[vars[i]].published = false
                        added.insert(vars[i])
                        changed = true
                    }
                }
            }
            return added
        }

        /// The LP rounds: prove every hidden cell wide enough against `AttackerKnowledge.anyMember`;
        /// while some is not, hide a complement per failing cell, re-apply the line rule and re-solve
        /// the components that changed.
        public mutating func prove() throws(DisclosureError) {
            var targets: Set<Int>? = nil
            while true {
                rounds += 1
                let bounds = try system.bounds(.anyMember, targets: targets)
                var failing: [Int] = []
                for (v, b) in bounds.sorted(by: { $0.key < $1.key }) {
                    let need = policy.requiredWidth(count: system.variables[v].count)
                    if b.infeasible { continue }  // cannot happen with true counts; the audit reports it
                    if let lo = b.lower, let hi = b.upper, hi - lo < need { failing.append(v) }
                }
                if failing.isEmpty { break }
                var touched = Set<Int>()
                var added: [Int] = []
                for v in failing {
                    if system.rowsOf[v].contains(where: touched.contains) { continue }
                    guard let pick = complement(for: v, in: system, need: policy.requiredWidth(count: system.variables[v].count)) else {
                        continue
                    }
                    system.variables[pick].published = false
                    added.append(pick)
                    touched.formUnion(system.rowsOf[pick])
                    touched.formUnion(system.rowsOf[v])
                }
                if added.isEmpty {
                    let v = failing[0]
                    throw DisclosureError(.unprotectable,
                        "table \(system.variables[v].table): a hidden cell cannot be protected by hiding more of this release")
                }
                // Only components that changed need solving again.
                targets = Set(added).union(failing).union(applyLineRule())
            }
        }

        /// The release's tables (not `history`) with their final statuses.
        public var result: [ScopedTable] {
            (historyCount..<tables.count).map { t in
                var scoped = tables[t]
                for (i, v) in system.cellVariable[t].enumerated() {
                    scoped.table.cells[i].published = system.variables[v].published
                }
                return scoped
            }
        }
    }

    /// A published, changeable cell sharing an equation with `v` (or, failing that, with a hidden
    /// cell that does); see `protect(_:policy:history:aggregations:)` for the choice.
    static func complement(for v: Int, in system: CellSystem, need: Int) -> Int? {
        // Information loss: the reports hidden, in every table that shows the cell.
        func loss(_ u: Int) -> Int { system.variables[u].count * system.variables[u].appearances }
        func best(_ candidates: Set<Int>) -> Int? {
            let ordered = candidates.sorted()
            let covering = ordered.filter { system.variables[$0].count - system.variables[$0].largest >= need }
            if let pick = covering.min(by: { loss($0) < loss($1) }) { return pick }
            return ordered.max { a, b in
                system.variables[a].count - system.variables[a].largest < system.variables[b].count - system.variables[b].largest
            }
        }
        // A grand total is the last resort: hiding it costs the most (it is in every table of its
        // scope), so the search goes on through hidden cells for any other complement first, and
        // takes the nearest grand total only when there is none.
        var totals = Set<Int>()
        func pick(_ candidates: Set<Int>) -> Int? {
            let inner = candidates.filter { !system.variables[$0].isGrandTotal }
            totals.formUnion(candidates.subtracting(inner))
            return best(inner)
        }
        var near = Set<Int>()
        var hiddenNeighbours = Set<Int>()
        for r in system.rowsOf[v] {
            for u in system.rows[r].variables where u != v {
                if system.variables[u].published {
                    if system.variables[u].mutable { near.insert(u) }
                } else {
                    hiddenNeighbours.insert(u)
                }
            }
        }
        if let choice = pick(near) { return choice }
        let nearestTotals = totals
        // Breadth-first through hidden cells: the equation that pins v may be several steps away.
        var frontier = hiddenNeighbours
        var visited: Set<Int> = [v]
        while !frontier.isEmpty {
            visited.formUnion(frontier)
            var next = Set<Int>()
            var candidates = Set<Int>()
            for u in frontier {
                for r in system.rowsOf[u] {
                    for w in system.rows[r].variables where !visited.contains(w) {
                        if system.variables[w].published {
                            if system.variables[w].mutable { candidates.insert(w) }
                        } else {
                            next.insert(w)
                        }
                    }
                }
            }
            if let choice = pick(candidates) { return choice }
            frontier = next
        }
        return best(nearestTotals.isEmpty ? totals : nearestTotals)
    }

    /// The LP audit: for every hidden cell of `tables` (one entry per distinct cell, however many
    /// tables show it), the interval an attacker with `knowledge` can narrow it to from everything
    /// the tables publish, linked by `aggregations`. Tables must carry true counts (and, for member
    /// knowledge, contributions).
    public static func intervals(_ tables: [ScopedTable], aggregations: [Aggregation] = [], policy: DisclosurePolicy,
                                 knowledge: AttackerKnowledge = .anyMember) throws(DisclosureError) -> [CellInterval] {
        let system = CellSystem(tables: tables, mutableFrom: tables.count, aggregations: aggregations)
        let bounds = try system.bounds(knowledge)
        return bounds.keys.sorted().map { v in
            let variable = system.variables[v]
            let b = bounds[v]!
            // An inconsistent system pins nothing honestly; report it as exact so it is seen.
            return CellInterval(scope: variable.scope, table: variable.table, key: variable.key, count: variable.count,
                                lower: b.infeasible ? variable.count : b.lower, upper: b.infeasible ? variable.count : b.upper,
                                required: policy.requiredWidth(count: variable.count))
        }
    }

    /// The LP audit as findings: one `intervalTooNarrow` finding per hidden cell that an outsider or
    /// any member (`AttackerKnowledge.anyMember`) can narrow below the protection level. Messages
    /// give the scope, table, cell and who can do it — never a count, bound or width, since the
    /// protection level grows with the count.
    public static func auditIntervals(_ tables: [ScopedTable], aggregations: [Aggregation] = [],
                                      policy: DisclosurePolicy) throws(DisclosureError) -> [AuditFinding] {
        let insider = try intervals(tables, aggregations: aggregations, policy: policy, knowledge: .anyMember)
        let failing = insider.filter { !$0.isProtected }
        guard !failing.isEmpty else { return [] }
        // Say whether an outsider already gets there, which is the worse failure.
        let outsider = try intervals(tables, aggregations: aggregations, policy: policy, knowledge: .outsider)
        var outsiderWidth: [String: Int?] = [:]
        for i in outsider { outsiderWidth[i.scope + "\u{1E}" + i.table + "\u{1E}" + i.key.joined(separator: "\u{1F}")] = i.width }
        return failing.map { i in
            let id = i.scope + "\u{1E}" + i.table + "\u{1E}" + i.key.joined(separator: "\u{1F}")
            let who: String
            if let w = outsiderWidth[id], let width = w, width < i.required {
                who = width == 0 ? "any reader can compute it exactly" : "any reader can narrow it below the protection level"
            } else {
                who = i.width == 0 ? "a member who knows its own reports can compute it exactly"
                    : "a member who knows its own reports can narrow it below the protection level"
            }
            return AuditFinding(code: .intervalTooNarrow, table: i.table, key: i.key, dimension: nil,
                                message: "\(i.scope) table \(i.table) suppressed cell (\(i.key.joined(separator: ", "))): \(who) from the published tables")
        }
    }
}

extension AuditFinding.Code {
    /// A suppressed cell that the published figures (with an attacker's own reports) narrow to an
    /// interval below the protection level, exactly determined included.
    public static let intervalTooNarrow = AuditFinding.Code(rawValue: "interval_too_narrow")
}
