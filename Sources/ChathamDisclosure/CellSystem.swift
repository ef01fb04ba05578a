import ChathamLP

/// Everything a reader can write down about a set of published tables, as a linear system over the
/// distinct cells ("variables"): the same cell in several tables of one scope is one variable.
///
/// Relations, all of them true of the data and all of them known to any reader of the documentation:
/// - a line along a single-valued dimension: margin = Σ parts (or margin ≥ Σ parts when some
///   reports have no value there, which the data shows);
/// - a line along a multi-valued dimension: every part ≤ margin, and margin ≤ Σ parts where that
///   is true (reports with no value on the dimension count in the margin only);
/// - an aggregation: a cell of the union scope = Σ of the same cell (in the same kind of table)
///   over its parts; with roll-up (`ScopedTable.rolledUp`) the union's `other` also takes in the
///   parts' cells of values only the union rolls up, and where a part rolled up a value the union
///   lists, the union's cell lies between the exact terms and those plus the part's `other`;
/// - cells not listed are zero; listed cells hold at least one report (grand totals at least zero);
/// - an insider's own contributions bound the cells it is in from below.
struct CellSystem {
    struct Variable {
        var scope: String
        var canonical: String
        var table: String
        var key: [String]
        var count: Int
        var contributions: [Int32: Int]
        var largest: Int
        var published: Bool
        var primary: Bool
        /// Whether protection may still change it (a cell of the release being made, not of one
        /// already published).
        var mutable: Bool
        var isGrandTotal: Bool
        /// How many tables show this cell (hiding it hides it in all of them).
        var appearances = 1
    }

    struct Row: Hashable {
        var variables: [Int]
        var coefficients: [Double]
        var lower: Double
        var upper: Double
    }

    /// Integer bounds of one hidden variable; nil = unbounded on that side.
    struct Bounds {
        var lower: Int?
        var upper: Int?
        var infeasible: Bool
    }

    var variables: [Variable] = []
    var rows: [Row] = []
    var rowsOf: [[Int]] = []
    /// Per input table, per cell: its variable.
    var cellVariable: [[Int]] = []

    /// `tables[mutableFrom...]` are the ones protection may change.
    init(tables: [ScopedTable], mutableFrom: Int, aggregations: [Aggregation]) {
        var index: [String: Int] = [:]
        // The same cell in the same kind of table (same dimensions) of a scope: what a union
        // scope's cell is the sum of. By table, because tables of one scope can disagree on a
        // cell with the same fixed values (sector 52 has reports without an action, so the
        // (*, 52) of action × sector is not the sector table's 52) and are then separate cells.
        var byTable: [String: Int] = [:]
        for (t, scoped) in tables.enumerated() {
            let spec = scoped.table.spec
            let dimensionsKey = spec.dimensions.sorted().joined(separator: "\u{1F}")
            let byName = spec.dimensions.indices.sorted { spec.dimensions[$0] < spec.dimensions[$1] }
            var here: [Int] = []
            here.reserveCapacity(scoped.table.cells.count)
            for cell in scoped.table.cells {
                let canonical = byName.filter { cell.key[$0] != Disclosure.margin }
                    .map { spec.dimensions[$0] + "=" + cell.key[$0] }.joined(separator: "\u{1F}")
                var id = scoped.scope + "\u{1E}" + canonical
                let mutable = t >= mutableFrom
                if let v = index[id], variables[v].count != cell.count {
                    // Tables that disagree on a shared cell are not linked: a reader could not
                    // equate them either.
                    id += "\u{1D}\(t)"
                }
                defer { byTable[scoped.scope + "\u{1E}" + dimensionsKey + "\u{1E}" + canonical] = here.last! }
                if let v = index[id] {
                    variables[v].published = variables[v].published || cell.published
                    variables[v].primary = variables[v].primary || cell.primary
                    variables[v].mutable = variables[v].mutable && mutable
                    variables[v].appearances += 1
                    here.append(v)
                } else {
                    index[id] = variables.count
                    here.append(variables.count)
                    variables.append(Variable(
                        scope: scoped.scope, canonical: canonical, table: spec.name, key: cell.key, count: cell.count,
                        contributions: cell.contributions, largest: cell.largestContribution,
                        published: cell.published, primary: cell.primary, mutable: mutable,
                        isGrandTotal: canonical.isEmpty))
                }
            }
            cellVariable.append(here)
        }

        var seen = Set<Row>()
        func add(_ row: Row) {
            if seen.insert(row).inserted { rows.append(row) }
        }
        for (t, scoped) in tables.enumerated() {
            let spec = scoped.table.spec
            let keys = scoped.table.cells.map(\.key)
            let lines = LineIndex(keys: keys, dimensionCount: spec.dimensions.count)
            for line in lines.lines {
                guard let margin = line.margin else { continue }
                let m = cellVariable[t][margin]
                let parts = line.parts.map { cellVariable[t][$0] }
                if spec.multiValued.contains(spec.dimensions[line.dimension]) {
                    for p in parts {
                        add(Row(variables: [m, p], coefficients: [1, -1], lower: 0, upper: .infinity))
                    }
                    // margin ≤ Σ parts only when it is true: reports without any value on the
                    // dimension (a report with no technique) count in the margin and in no part.
                    // A true relation only makes the modelled reader stronger; a false one would
                    // make the system infeasible.
                    let sum = parts.reduce(0) { $0 + variables[$1].count }
                    if sum >= variables[m].count {
                        add(Row(variables: parts + [m], coefficients: Array(repeating: 1, count: parts.count) + [-1],
                                lower: 0, upper: .infinity))
                    }
                } else {
                    let sum = parts.reduce(0) { $0 + variables[$1].count }
                    let exact = sum == variables[m].count
                    add(Row(variables: parts + [m], coefficients: Array(repeating: 1, count: parts.count) + [-1],
                            lower: exact ? 0 : -.infinity, upper: 0))
                }
            }
        }

        // A cell of a union scope is linked to its parts only when every part shows cells with
        // those dimensions at all (otherwise an absent cell there is unknown, not zero).
        var dimensionSets: [String: [Set<String>]] = [:]
        for scoped in tables {
            dimensionSets[scoped.scope, default: []].append(Set(scoped.table.spec.dimensions))
        }
        // Roll-up: per scope and dimension, the values a scope's tables show only inside `other`.
        var rolledOf: [String: [String: Set<String>]] = [:]
        for scoped in tables where !scoped.rolledUp.isEmpty {
            rolledOf[scoped.scope, default: [:]].merge(scoped.rolledUp) { $0.union($1) }
        }
        for aggregation in aggregations {
            guard aggregation.parts.allSatisfy({ dimensionSets[$0] != nil }) else { continue }
            for (t, scoped) in tables.enumerated() where scoped.scope == aggregation.total {
                let dimensionsKey = scoped.table.spec.dimensions.sorted().joined(separator: "\u{1F}")
                for v in Set(cellVariable[t]).sorted() {
                    let variable = variables[v]
                    let components: [(dimension: String, value: String)] = variable.canonical.isEmpty ? [] :
                        variable.canonical.split(separator: "\u{1F}").map {
                            let pair = $0.split(separator: "=", maxSplits: 1)
                            return (String(pair[0]), pair.count > 1 ? String(pair[1]) : "")
                        }
                    let dims = Set(components.map(\.dimension))
                    guard aggregation.parts.allSatisfy({ part in dimensionSets[part]!.contains { dims.isSubset(of: $0) } }) else { continue }
                    func lookup(_ part: String, _ comps: [(dimension: String, value: String)]) -> Int? {
                        let canonical = comps.map { $0.dimension + "=" + $0.value }.joined(separator: "\u{1F}")
                        return byTable[part + "\u{1E}" + dimensionsKey + "\u{1E}" + canonical] ?? index[part + "\u{1E}" + canonical]
                    }
                    // The one rolled-up dimension of this cell, if any part or the total rolls one.
                    let rolledDimension = components.indices.first { i in
                        let d = components[i].dimension
                        return !(rolledOf[aggregation.total]?[d] ?? []).isEmpty
                            || aggregation.parts.contains { !(rolledOf[$0]?[d] ?? []).isEmpty }
                    }
                    guard let i = rolledDimension else {
                        let members = aggregation.parts.compactMap { lookup($0, components) }
                        add(Row(variables: members + [v], coefficients: Array(repeating: 1, count: members.count) + [-1],
                                lower: 0, upper: 0))
                        continue
                    }
                    // With roll-up the total is the parts' same cells, exactly where the codings agree;
                    // where a part shows inside its `other` a value the total lists on its own (or the
                    // other way round), only a share of that part's `other` belongs here: the total is
                    // then bounded by the exact terms and the exact terms plus those `other`s.
                    let d = components[i].dimension, u = components[i].value
                    let totalRolled = rolledOf[aggregation.total]?[d] ?? []
                    var exact: [Int] = [], slack: [Int] = []
                    for part in aggregation.parts {
                        let partRolled = rolledOf[part]?[d] ?? []
                        var with = components
                        if u == Disclosure.other {
                            for value in totalRolled.subtracting(partRolled).sorted() {
                                with[i].value = value
                                if let p = lookup(part, with) { exact.append(p) }
                            }
                            with[i].value = Disclosure.other
                            if let p = lookup(part, with) {
                                if partRolled.isSubset(of: totalRolled) { exact.append(p) } else { slack.append(p) }
                            }
                        } else if partRolled.contains(u) {
                            with[i].value = Disclosure.other
                            if let p = lookup(part, with) { slack.append(p) }
                        } else if let p = lookup(part, with) {
                            exact.append(p)
                        }
                    }
                    if slack.isEmpty {
                        add(Row(variables: exact + [v], coefficients: Array(repeating: 1, count: exact.count) + [-1], lower: 0, upper: 0))
                    } else {
                        // Σ exact ≤ total ≤ Σ exact + Σ slack
                        add(Row(variables: exact + [v], coefficients: Array(repeating: 1, count: exact.count) + [-1], lower: -.infinity, upper: 0))
                        add(Row(variables: exact + slack + [v], coefficients: Array(repeating: 1, count: exact.count + slack.count) + [-1],
                                lower: 0, upper: .infinity))
                    }
                }
            }
        }

        rowsOf = Array(repeating: [], count: variables.count)
        for (r, row) in rows.enumerated() {
            for v in row.variables { rowsOf[v].append(r) }
        }
    }

    func lowerBound(_ v: Int, _ knowledge: AttackerKnowledge) -> Double {
        let variable = variables[v]
        let base = variable.isGrandTotal ? 0 : 1
        switch knowledge {
        case .outsider: return Double(base)
        case .anyMember: return Double(max(base, variable.largest))
        case .member(let c): return Double(max(base, variable.contributions[c] ?? 0))
        case .equationsOnly: return -.infinity
        }
    }

    /// Integer bounds of every hidden variable in a component that contains one of `targets`
    /// (all hidden variables when `targets` is nil).
    func bounds(_ knowledge: AttackerKnowledge, targets: Set<Int>? = nil) throws(DisclosureError) -> [Int: Bounds] {
        // Union–find over hidden variables joined by a row.
        var parent: [Int: Int] = [:]
        func find(_ x: Int) -> Int {
            var x = x
            while let p = parent[x], p != x {
                let g = parent[p] ?? p
                parent[x] = g
                x = g
            }
            return x
        }
        for (v, variable) in variables.enumerated() where !variable.published { parent[v] = v }
        var activeRows: [Int] = []
        for (r, row) in rows.enumerated() {
            var first: Int?
            for v in row.variables where !variables[v].published {
                if let f = first {
                    let a = find(f), b = find(v)
                    if a != b { parent[a] = b }
                } else {
                    first = v
                }
            }
            if first != nil { activeRows.append(r) }
        }
        var members: [Int: [Int]] = [:]
        for v in parent.keys.sorted() { members[find(v), default: []].append(v) }
        var rowsOfComponent: [Int: [Int]] = [:]
        for r in activeRows {
            let v = rows[r].variables.first { !variables[$0].published }!
            rowsOfComponent[find(v), default: []].append(r)
        }

        var result: [Int: Bounds] = [:]
        for (root, component) in members.sorted(by: { $0.key < $1.key }) {
            if let targets, !component.contains(where: targets.contains) { continue }
            let local = Dictionary(uniqueKeysWithValues: component.enumerated().map { ($1, $0) })
            var lpRows: [LinearSystem.Row] = []
            for r in rowsOfComponent[root] ?? [] {
                let row = rows[r]
                var columns: [Int] = [], coefficients: [Double] = [], constant = 0.0
                for (v, a) in zip(row.variables, row.coefficients) {
                    if let j = local[v] {
                        columns.append(j)
                        coefficients.append(a)
                    } else {
                        constant += a * Double(variables[v].count)
                    }
                }
                lpRows.append(.init(columns: columns, coefficients: coefficients,
                                    lower: row.lower - constant, upper: row.upper - constant))
            }
            let lower = component.map { lowerBound($0, knowledge) }
            if lpRows.isEmpty {
                for (j, v) in component.enumerated() {
                    result[v] = Bounds(lower: lower[j].isFinite ? Int(lower[j]) : nil, upper: nil, infeasible: false)
                }
                continue
            }
            let solver = BoundSolver(LinearSystem(lower: lower, upper: Array(repeating: .infinity, count: component.count), rows: lpRows))
            for (j, v) in component.enumerated() {
                do {
                    let lo = try solver.minimum(of: j), hi = try solver.maximum(of: j)
                    var bounds = Bounds(lower: nil, upper: nil, infeasible: false)
                    switch lo {
                    case .value(let x): bounds.lower = Int((x - 1e-6).rounded(.up))
                    case .unbounded: break
                    case .infeasible: bounds.infeasible = true
                    }
                    switch hi {
                    case .value(let x): bounds.upper = Int((x + 1e-6).rounded(.down))
                    case .unbounded: break
                    case .infeasible: bounds.infeasible = true
                    }
                    result[v] = bounds
                } catch {
                    throw DisclosureError(.solverFailed, error.message)
                }
            }
        }
        return result
    }
}
