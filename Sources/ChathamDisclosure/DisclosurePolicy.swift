/// The rules a published cell must meet: a minimum number of distinct contributors (threshold rule)
/// and an (n, k) dominance rule.
///
/// Its `Codable` form is exactly the `policy` member of a `chatham.release/1` document:
/// `{"min_contributors": 5, "dominance": {"n": 2, "k": 0.85}}`. Decoding validates like `init`,
/// so a tampered or hand-written policy cannot weaken protection below the floor.
public struct DisclosurePolicy: Sendable, Equatable, Hashable, Codable {
    /// The floor for `minContributors`. Below 3, two colluding contributors (or one member who knows
    /// its own reports) could recover a third party's contribution from a single published figure.
    public static let minimumContributorFloor = 3

    /// The project's default policy: 5 contributors, (2, 0.85) dominance.
    public static let standard = DisclosurePolicy(unchecked: 5, 2, 0.85)

    /// A published cell must rest on at least this many distinct pseudonyms.
    public let minContributors: Int
    /// How many of the largest contributors the dominance rule adds up.
    public let dominanceN: Int
    /// The largest share of a cell's count that its `dominanceN` largest contributors may hold.
    /// A cell is dominated when their share is strictly greater than this.
    public let dominanceK: Double

    /// `dominanceK` in parts per million, so the dominance test is exact integer arithmetic:
    /// with a binary `Double` 0.85 × 20 is not reliably 17, and the edge case "exactly k" must be
    /// decided the same way on every machine. k is honoured to six decimal places.
    let dominancePPM: Int

    /// The p% rule, off when nil: a cell is sensitive when the contributions of everyone except its
    /// two largest contributors add up to less than p% of the largest one (the second largest could
    /// then estimate the largest to within p%). In percent, e.g. 10.
    public let pPercent: Double?
    /// `pPercent` in parts per million of one percent-unit, for exact integer tests (see `dominancePPM`).
    let pPPM: Int?

    /// The smallest width every suppressed cell's interval must have, for any attacker the audit
    /// models (an outsider, or any single member knowing its own reports): the attacker's interval
    /// [lo, hi] satisfies hi − lo ≥ max(`protectionMinimum`, ⌈`protectionRelative` · count⌉).
    /// At least 1 ("never exactly determined"); the default 2 leaves at least three possible values.
    public let protectionMinimum: Int
    /// The relative part of the protection level (default 0.1: the attacker's interval is at least
    /// 10% of the cell's count wide).
    public let protectionRelative: Double
    let protectionPPM: Int

    /// Makes a policy, refusing unsafe values rather than clamping them, so a configuration
    /// mistake is seen instead of silently changed.
    /// - Throws: `DisclosureError.Code.invalidPolicy` if `minContributors < 3`, `dominanceN < 1`,
    ///   `dominanceK` is not in (0, 1], `pPercent` is not in (0, 100], `protectionMinimum < 1` or
    ///   `protectionRelative` is not in [0, 1].
    public init(minContributors: Int = 5, dominanceN: Int = 2, dominanceK: Double = 0.85, pPercent: Double? = nil,
                protectionMinimum: Int = 2, protectionRelative: Double = 0.1) throws(DisclosureError) {
        if let p = pPercent, !(p.isFinite && p > 0 && p <= 100) {
            throw DisclosureError(.invalidPolicy, "p% must be in (0, 100] (got \(p))")
        }
        guard protectionMinimum >= 1 else {
            throw DisclosureError(.invalidPolicy, "the protection minimum must be at least 1 (got \(protectionMinimum))")
        }
        guard protectionRelative.isFinite, protectionRelative >= 0, protectionRelative <= 1 else {
            throw DisclosureError(.invalidPolicy, "the relative protection must be in [0, 1] (got \(protectionRelative))")
        }
        guard minContributors >= Self.minimumContributorFloor else {
            throw DisclosureError(.invalidPolicy,
                "min_contributors must be at least \(Self.minimumContributorFloor) (got \(minContributors))")
        }
        guard dominanceN >= 1 else {
            throw DisclosureError(.invalidPolicy, "dominance n must be at least 1 (got \(dominanceN))")
        }
        guard dominanceK.isFinite, dominanceK > 0, dominanceK <= 1 else {
            throw DisclosureError(.invalidPolicy, "dominance k must be in (0, 1] (got \(dominanceK))")
        }
        self.init(unchecked: minContributors, dominanceN, dominanceK, pPercent: pPercent,
                  protectionMinimum: protectionMinimum, protectionRelative: protectionRelative)
    }

    private init(unchecked minContributors: Int, _ dominanceN: Int, _ dominanceK: Double, pPercent: Double? = nil,
                 protectionMinimum: Int = 2, protectionRelative: Double = 0.1) {
        self.minContributors = minContributors
        self.dominanceN = dominanceN
        self.dominanceK = dominanceK
        self.dominancePPM = Int((dominanceK * 1_000_000).rounded())
        self.pPercent = pPercent
        self.pPPM = pPercent.map { Int(($0 * 10_000).rounded()) }
        self.protectionMinimum = protectionMinimum
        self.protectionRelative = protectionRelative
        self.protectionPPM = Int((protectionRelative * 1_000_000).rounded())
    }

    /// The width the attacker's interval for a suppressed cell of `count` reports must at least have.
    public func requiredWidth(count: Int) -> Int {
        max(protectionMinimum, (count * protectionPPM + 999_999) / 1_000_000)
    }

    // MARK: Codable — the release document's shape

    private enum CodingKeys: String, CodingKey {
        case minContributors = "min_contributors"
        case dominance
        case pPercent = "p_percent"
        case protection
    }

    private enum DominanceKeys: String, CodingKey {
        case n, k
    }

    private enum ProtectionKeys: String, CodingKey {
        case minimum, relative
    }

    /// Decodes the `policy` member of a release (or the operator's configuration file, which has the
    /// same shape). `p_percent` and `protection` are optional: absent means the p% rule is off and
    /// the default protection level.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let dominance = try container.nestedContainer(keyedBy: DominanceKeys.self, forKey: .dominance)
        let minContributors = try container.decode(Int.self, forKey: .minContributors)
        let n = try dominance.decode(Int.self, forKey: .n)
        let k = try dominance.decode(Double.self, forKey: .k)
        let p = try container.decodeIfPresent(Double.self, forKey: .pPercent)
        var minimum = 2, relative = 0.1
        if container.contains(.protection) {
            let protection = try container.nestedContainer(keyedBy: ProtectionKeys.self, forKey: .protection)
            minimum = try protection.decode(Int.self, forKey: .minimum)
            relative = try protection.decode(Double.self, forKey: .relative)
        }
        do {
            try self.init(minContributors: minContributors, dominanceN: n, dominanceK: k, pPercent: p,
                          protectionMinimum: minimum, protectionRelative: relative)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes every parameter: the p% rule only when it is on, the protection level always.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(minContributors, forKey: .minContributors)
        var dominance = container.nestedContainer(keyedBy: DominanceKeys.self, forKey: .dominance)
        try dominance.encode(dominanceN, forKey: .n)
        try dominance.encode(dominanceK, forKey: .k)
        try container.encodeIfPresent(pPercent, forKey: .pPercent)
        var protection = container.nestedContainer(keyedBy: ProtectionKeys.self, forKey: .protection)
        try protection.encode(protectionMinimum, forKey: .minimum)
        try protection.encode(protectionRelative, forKey: .relative)
    }

    // Equality and hashing on the stored rule, not on the derived ppm values.
    public static func == (a: Self, b: Self) -> Bool {
        a.minContributors == b.minContributors && a.dominanceN == b.dominanceN && a.dominanceK == b.dominanceK
            && a.pPercent == b.pPercent && a.protectionMinimum == b.protectionMinimum
            && a.protectionRelative == b.protectionRelative
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(minContributors)
        hasher.combine(dominanceN)
        hasher.combine(dominanceK)
        hasher.combine(pPercent)
        hasher.combine(protectionMinimum)
        hasher.combine(protectionRelative)
    }
}
