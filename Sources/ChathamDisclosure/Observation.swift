/// One report as one table sees it: who (as a dense pseudonym index) and which value tuples.
///
/// Each tuple holds one value per dimension of the table, in the spec's order. A report with two
/// actions gives two tuples to an action table; a report with no value on a multi-valued dimension
/// gives none and counts only in the grand total. A tuple component equal to `"*"`
/// (`Disclosure.margin`) means "no value on this dimension": it matches only margins there.
///
/// `contributor` is the index the caller assigned to the report's pseudonym (0, 1, 2, … per
/// release); this module never sees pseudonyms, so nothing it returns can name one.
public struct Observation: Sendable, Hashable {
    /// Dense index of the report's pseudonym.
    public var contributor: Int32
    /// Value tuples, one value per table dimension each.
    public var tuples: [[String]]

    public init(contributor: Int32, tuples: [[String]]) {
        self.contributor = contributor
        self.tuples = tuples
    }
}
