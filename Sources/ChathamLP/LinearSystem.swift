/// A system of linear constraints over real variables: `lower[j] ≤ x[j] ≤ upper[j]` and, for every
/// row, `row.lower ≤ Σ row.coefficients[i] · x[row.columns[i]] ≤ row.upper`. Infinite bounds are
/// written as `±.infinity`.
///
/// This is the attacker's knowledge in the disclosure audit: what a reader knows about the hidden
/// cells of a release, as linear equations and inequalities.
public struct LinearSystem: Sendable, Hashable {
    /// One constraint row, sparse.
    public struct Row: Sendable, Hashable {
        /// Column indices (each at most once).
        public var columns: [Int]
        /// One coefficient per entry of `columns`.
        public var coefficients: [Double]
        /// `-.infinity` for none.
        public var lower: Double
        /// `.infinity` for none.
        public var upper: Double

        public init(columns: [Int], coefficients: [Double], lower: Double, upper: Double) {
            self.columns = columns
            self.coefficients = coefficients
            self.lower = lower
            self.upper = upper
        }
    }

    /// Lower bound per variable.
    public var lower: [Double]
    /// Upper bound per variable.
    public var upper: [Double]
    /// The constraint rows.
    public var rows: [Row]

    public init(lower: [Double], upper: [Double], rows: [Row]) {
        precondition(lower.count == upper.count, "one lower and one upper bound per variable")
        self.lower = lower
        self.upper = upper
        self.rows = rows
    }

    /// Number of variables.
    public var variableCount: Int { lower.count }
}

/// The smallest or largest value a variable can take over a `LinearSystem`.
public enum Extremum: Sendable, Hashable {
    /// Attained at this value.
    case value(Double)
    /// No finite bound in that direction.
    case unbounded
    /// The system has no solution at all (for a disclosure audit: the published figures contradict
    /// the data, which is itself a finding).
    case infeasible
}

/// Why the solver could not answer. Carries no data from the problem.
public struct LinearProgramError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line for a person.
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
