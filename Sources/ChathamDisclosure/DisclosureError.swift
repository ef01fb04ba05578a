/// The one error type of ChathamDisclosure: bad policies, bad table specifications and
/// observations that do not fit their table.
///
/// Messages name tables and dimensions only — never contributors, values from a report or counts —
/// so an error can be shown or logged without disclosing anything.
public struct DisclosureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code. A struct rather than an enum so codes can be added
    /// without breaking exhaustive switches in callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidPolicy = "invalid_policy"
            case invalidSpec = "invalid_spec"
            case invalidObservation = "invalid_observation"
            case tooManyValues = "too_many_values"
            case unprotectable
            case solverFailed = "solver_failed"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A disclosure policy outside its safe range (for example fewer than 3 contributors).
        public static let invalidPolicy = Code(.invalidPolicy)
        /// A table specification with no name, repeated or empty dimension names, too many dimensions,
        /// or multi-valued dimensions that are not among its dimensions.
        public static let invalidSpec = Code(.invalidSpec)
        /// An observation whose tuples do not fit the table (wrong arity, empty values).
        public static let invalidObservation = Code(.invalidObservation)
        /// A dimension has more distinct values than the table's packed cell keys can hold.
        public static let tooManyValues = Code(.tooManyValues)
        /// Secondary suppression found no further cell to hide although a hidden cell is still not
        /// protected (only possible when cells already published elsewhere pin it down).
        public static let unprotectable = Code(.unprotectable)
        /// The LP solver gave no answer.
        public static let solverFailed = Code(.solverFailed)

        /// The stable code string, e.g. `invalid_policy`.
        public var description: String { base.rawValue }
    }

    /// What went wrong, as a stable code.
    public let code: Code
    /// One line for a person: what went wrong and, where it helps, what to do.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
