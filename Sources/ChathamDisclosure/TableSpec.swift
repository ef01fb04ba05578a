/// Names a release table and its dimensions, in the order cell keys use.
///
/// `multiValued` lists dimensions on which one report may carry several values (a report with two
/// actions counts in both action cells), so margins along them are not sums of their parts.
/// The `Codable` form matches a release table's header: `name`, `dimensions`, `multi_valued`
/// (the latter written sorted, so encoding is deterministic).
public struct TableSpec: Sendable, Hashable, Codable {
    /// The most dimensions a table may have. Each report touches up to 2^dimensions cells per tuple,
    /// and a cell key packs one code per dimension into 64 bits; beyond a handful of dimensions every
    /// cell would be suppressed anyway.
    public static let maximumDimensions = 8

    /// The table's name in the release, e.g. `action-by-sector`.
    public var name: String
    /// Dimension names in key order, e.g. `["action.category", "victim.sector"]`.
    public var dimensions: [String]
    /// The dimensions on which one report may have several values (a subset of `dimensions`).
    public var multiValued: Set<String>

    /// Makes a specification; `validate()` (called by every builder) checks it.
    public init(name: String, dimensions: [String], multiValued: Set<String> = []) {
        self.name = name
        self.dimensions = dimensions
        self.multiValued = multiValued
    }

    /// Checks the specification: a non-empty name, at most `maximumDimensions` distinct non-empty
    /// dimension names that are not the margin marker, and `multiValued` among them.
    public func validate() throws(DisclosureError) {
        guard !name.isEmpty else { throw DisclosureError(.invalidSpec, "a table needs a name") }
        guard dimensions.count <= Self.maximumDimensions else {
            throw DisclosureError(.invalidSpec,
                "table \(name): \(dimensions.count) dimensions, at most \(Self.maximumDimensions) allowed")
        }
        guard Set(dimensions).count == dimensions.count else {
            throw DisclosureError(.invalidSpec, "table \(name): a dimension is named twice")
        }
        guard dimensions.allSatisfy({ !$0.isEmpty && $0 != Disclosure.margin }) else {
            throw DisclosureError(.invalidSpec, "table \(name): dimension names must be non-empty and not \"*\"")
        }
        guard multiValued.isSubset(of: dimensions) else {
            throw DisclosureError(.invalidSpec, "table \(name): multi_valued names a dimension the table does not have")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case name, dimensions
        case multiValued = "multi_valued"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        dimensions = try container.decode([String].self, forKey: .dimensions)
        multiValued = Set(try container.decodeIfPresent([String].self, forKey: .multiValued) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(dimensions, forKey: .dimensions)
        // Dimension order, so the same spec always encodes to the same bytes.
        try container.encode(dimensions.filter(multiValued.contains), forKey: .multiValued)
    }
}
