/// One problem an audit found in what a table publishes.
///
/// Findings name the table, the cell (or the line's margin) and the dimension; they never carry
/// contributor indices, true counts or contributor numbers, so they can be printed by
/// `chatham-server audit` without disclosing what they are about.
public struct AuditFinding: Sendable, Hashable, CustomStringConvertible {
    /// A stable code. A struct with constants, not an enum, so the LP, p% and cross-release audits of
    /// later issues can add codes without breaking callers.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A published count differs from the one the data gives.
        public static let wrongCount = Code(rawValue: "wrong_count")
        /// A published cell rests on fewer than `min_contributors` distinct contributors.
        public static let belowThreshold = Code(rawValue: "below_threshold")
        /// A published cell is dominated by its largest contributors.
        public static let dominated = Code(rawValue: "dominated")
        /// A published or suppressed cell that has no reports in the data.
        public static let unknownCell = Code(rawValue: "unknown_cell")
        /// A cell with reports in the data that the table leaves out (a reader could recover it by
        /// subtraction, so the audit treats it as unprotected).
        public static let missingCell = Code(rawValue: "missing_cell")
        /// The same key appears more than once.
        public static let duplicateCell = Code(rawValue: "duplicate_cell")
        /// A key with the wrong number of components or an empty component.
        public static let malformedKey = Code(rawValue: "malformed_key")
        /// A line (parts along one dimension and their margin) with exactly one suppressed cell.
        public static let singleSuppression = Code(rawValue: "single_suppression")

        public var description: String { rawValue }
    }

    /// What kind of problem.
    public let code: Code
    /// The table's name.
    public let table: String
    /// The cell concerned; for `singleSuppression`, the line's margin key.
    public let key: [String]?
    /// For `singleSuppression`, the dimension the line runs along.
    public let dimension: String?
    /// One line for a person.
    public let message: String

    public init(code: Code, table: String, key: [String]?, dimension: String?, message: String) {
        self.code = code
        self.table = table
        self.key = key
        self.dimension = dimension
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
