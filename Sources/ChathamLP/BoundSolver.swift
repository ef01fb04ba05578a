import CClp

/// Computes `[min, max]` of single variables over one `LinearSystem` with COIN-OR Clp.
///
/// The system is loaded once; each bound changes only the objective and re-solves with Clp's primal
/// simplex from the previous basis, which is what makes auditing every hidden cell of a release
/// (two LPs per cell) cheap. Clp is EPL-2.0, compatible with an Apache-2.0 project; GLPK would have
/// been GPL.
///
/// Not thread-safe (a Clp model is mutable state); make one per thread. Not `Sendable` for that reason.
public final class BoundSolver {
    private let model: UnsafeMutableRawPointer
    private let columns: Int
    private var objective: [Double]
    private var lastColumn: Int?

    /// Loads `system` into a fresh Clp model.
    public init(_ system: LinearSystem) {
        guard let model = Clp_newModel() else { fatalError("Clp_newModel returned NULL (out of memory)") }
        self.model = model
        columns = system.variableCount
        objective = Array(repeating: 0, count: columns)
        Clp_setLogLevel(model, 0)

        // Column-major (CSC) form, which is what Clp_loadProblem takes.
        var perColumn = Array(repeating: [(row: Int32, value: Double)](), count: columns)
        for (r, row) in system.rows.enumerated() {
            for (c, a) in zip(row.columns, row.coefficients) where a != 0 {
                perColumn[c].append((Int32(r), a))
            }
        }
        var start: [CoinBigIndex] = [0]
        var index: [Int32] = []
        var value: [Double] = []
        for entries in perColumn {
            for e in entries {
                index.append(e.row)
                value.append(e.value)
            }
            start.append(CoinBigIndex(index.count))
        }
        func clp(_ x: Double) -> Double {
            // Clp's own infinity is DBL_MAX.
            x == .infinity ? Double.greatestFiniteMagnitude : x == -.infinity ? -Double.greatestFiniteMagnitude : x
        }
        let colLower = system.lower.map(clp)
        let colUpper = system.upper.map(clp)
        let rowLower = system.rows.map { clp($0.lower) }
        let rowUpper = system.rows.map { clp($0.upper) }
        Clp_loadProblem(model, Int32(columns), Int32(system.rows.count), start, index, value,
                        colLower, colUpper, objective, rowLower, rowUpper)
        Clp_setObjSense(model, 1)
    }

    deinit { Clp_deleteModel(model) }

    /// The smallest value of variable `column`.
    public func minimum(of column: Int) throws(LinearProgramError) -> Extremum {
        try solve(column, sign: 1)
    }

    /// The largest value of variable `column`.
    public func maximum(of column: Int) throws(LinearProgramError) -> Extremum {
        switch try solve(column, sign: -1) {
        case .value(let v): return .value(-v)
        case let other: return other
        }
    }

    private func solve(_ column: Int, sign: Double) throws(LinearProgramError) -> Extremum {
        precondition(column >= 0 && column < columns, "no such variable")
        if let last = lastColumn { objective[last] = 0 }
        objective[column] = sign
        lastColumn = column
        Clp_chgObjCoefficients(model, objective)
        _ = Clp_primal(model, 0)
        switch Clp_status(model) {
        case 0: return .value(Clp_objectiveValue(model))
        case 1: return .infeasible
        case 2: return .unbounded
        default:
            // Stopped on limits or numerical trouble: try once more from scratch before giving up.
            _ = Clp_initialSolve(model)
            switch Clp_status(model) {
            case 0: return .value(Clp_objectiveValue(model))
            case 1: return .infeasible
            case 2: return .unbounded
            default: throw LinearProgramError("the LP solver (Clp) did not reach an answer (status \(Clp_status(model)))")
            }
        }
    }
}
