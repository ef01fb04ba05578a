/// An incident report, `chatham.report/1`: what one member says attacked it and what helped.
///
/// The fields mirror the YAML and JSON document member for member (the coding keys are the
/// document's snake_case names). Decoding is strict: a member the format does not define is an
/// error naming its path, so a misspelt field is never dropped without a word. Decoding checks
/// shape only; `ReportValidator` checks values against the taxonomy.
public struct Report: Codable, Sendable, Equatable {
    /// The only value `schema` may have in this version.
    public static let schemaName = "chatham.report/1"

    /// Always `chatham.report/1`.
    public var schema: String
    /// 32 lowercase hex digits, random; the CLI makes one when absent. Lets the server
    /// recognise a retried submission.
    public var id: String?
    /// `YYYY-MM`, the month the incident was discovered.
    public var period: String
    public var victim: Victim
    public var actor: Actor
    /// One or more actions.
    public var actions: [Action]
    /// ATT&CK technique ids (`T1566.001`).
    public var techniques: [String]
    /// Asset classes (`server`, `user-device`, …).
    public var assets: [String]
    /// `confidentiality`, `integrity`, `availability`.
    public var attributes: [String]
    /// Who discovered it: `internal`, `external`, `partner`, `unknown`.
    public var discovery: String?
    public var timeline: Timeline?
    public var impact: Impact?
    public var mitigations: [Mitigation]
    /// Free text, scrubbed on the member's machine before it leaves.
    public var narrative: String?
    /// Whether the member agrees to the narrative leaving its machine at all.
    public var shareNarrative: Bool?

    public init(
        schema: String = Report.schemaName,
        id: String? = nil,
        period: String,
        victim: Victim,
        actor: Actor,
        actions: [Action],
        techniques: [String] = [],
        assets: [String] = [],
        attributes: [String] = [],
        discovery: String? = nil,
        timeline: Timeline? = nil,
        impact: Impact? = nil,
        mitigations: [Mitigation] = [],
        narrative: String? = nil,
        shareNarrative: Bool? = nil
    ) {
        self.schema = schema
        self.id = id
        self.period = period
        self.victim = victim
        self.actor = actor
        self.actions = actions
        self.techniques = techniques
        self.assets = assets
        self.attributes = attributes
        self.discovery = discovery
        self.timeline = timeline
        self.impact = impact
        self.mitigations = mitigations
        self.narrative = narrative
        self.shareNarrative = shareNarrative
    }

    /// The victim organisation, in bands coarse enough not to name it.
    public struct Victim: Codable, Sendable, Equatable {
        /// NAICS two-digit sector as a string (`"52"`), or `unknown`.
        public var sector: String
        /// Employee band (`1001-10000`).
        public var size: String
        /// Continent (`europe`).
        public var region: String

        public init(sector: String, size: String, region: String) {
            self.sector = sector
            self.size = size
            self.region = region
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case sector, size, region }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            // YAML readers see `sector: 52` as a number; the sector is a code, not a quantity.
            sector = try c.decodeLenientString(forKey: .sector)
            size = try c.decode(String.self, forKey: .size)
            region = try c.decode(String.self, forKey: .region)
        }
    }

    /// Who did it.
    public struct Actor: Codable, Sendable, Equatable {
        /// `external`, `internal`, `partner` or `unknown`.
        public var kind: String
        /// VERIS motive slug (`financial`).
        public var motive: String?

        public init(kind: String, motive: String? = nil) {
            self.kind = kind
            self.motive = motive
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case kind, motive }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decode(String.self, forKey: .kind)
            motive = try c.decodeIfPresent(String.self, forKey: .motive)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encodeIfPresent(motive, forKey: .motive)
        }
    }

    /// One VERIS action: a category and, optionally, the variety and vector within it.
    public struct Action: Codable, Sendable, Equatable, Hashable {
        public var category: String
        public var variety: String?
        public var vector: String?

        public init(category: String, variety: String? = nil, vector: String? = nil) {
            self.category = category
            self.variety = variety
            self.vector = vector
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case category, variety, vector }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            category = try c.decode(String.self, forKey: .category)
            variety = try c.decodeIfPresent(String.self, forKey: .variety)
            vector = try c.decodeIfPresent(String.self, forKey: .vector)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(category, forKey: .category)
            try c.encodeIfPresent(variety, forKey: .variety)
            try c.encodeIfPresent(vector, forKey: .vector)
        }
    }

    /// Orders of magnitude of durations, as VERIS timeline units (`days`).
    public struct Timeline: Codable, Sendable, Equatable {
        /// How long the attacker was in before discovery.
        public var dwell: String?
        /// How long containment took after discovery.
        public var containment: String?

        public init(dwell: String? = nil, containment: String? = nil) {
            self.dwell = dwell
            self.containment = containment
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case dwell, containment }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            dwell = try c.decodeIfPresent(String.self, forKey: .dwell)
            containment = try c.decodeIfPresent(String.self, forKey: .containment)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(dwell, forKey: .dwell)
            try c.encodeIfPresent(containment, forKey: .containment)
        }
    }

    /// What it cost, in bands.
    public struct Impact: Codable, Sendable, Equatable {
        /// Loss band (`100k-1m`).
        public var loss: String?
        /// Downtime as a timeline unit (`days`).
        public var downtime: String?

        public init(loss: String? = nil, downtime: String? = nil) {
            self.loss = loss
            self.downtime = downtime
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case loss, downtime }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            loss = try c.decodeIfPresent(String.self, forKey: .loss)
            downtime = try c.decodeIfPresent(String.self, forKey: .downtime)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(loss, forKey: .loss)
            try c.encodeIfPresent(downtime, forKey: .downtime)
        }
    }

    /// An ATT&CK mitigation the member had or applied, and whether it worked.
    public struct Mitigation: Codable, Sendable, Equatable, Hashable {
        /// ATT&CK mitigation id (`M1032`).
        public var id: String
        /// `before`, `during` or `after`.
        public var stage: String?
        /// `yes`, `partial`, `no` or `unknown`.
        public var effective: String?

        public init(id: String, stage: String? = nil, effective: String? = nil) {
            self.id = id
            self.stage = stage
            self.effective = effective
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case id, stage, effective }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            stage = try c.decodeIfPresent(String.self, forKey: .stage)
            effective = try c.decodeIfPresent(String.self, forKey: .effective)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encodeIfPresent(stage, forKey: .stage)
            try c.encodeIfPresent(effective, forKey: .effective)
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, id, period, victim, actor, actions, techniques, assets, attributes, discovery
        case timeline, impact, mitigations, narrative
        case shareNarrative = "share_narrative"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        // `period: 2026-10` is a string to YAML, but guard against a reader that disagrees.
        period = try c.decodeLenientString(forKey: .period)
        victim = try c.decode(Victim.self, forKey: .victim)
        actor = try c.decode(Actor.self, forKey: .actor)
        actions = try c.decode([Action].self, forKey: .actions)
        techniques = try c.decodeIfPresent([String].self, forKey: .techniques) ?? []
        assets = try c.decodeIfPresent([String].self, forKey: .assets) ?? []
        attributes = try c.decodeIfPresent([String].self, forKey: .attributes) ?? []
        discovery = try c.decodeIfPresent(String.self, forKey: .discovery)
        timeline = try c.decodeIfPresent(Timeline.self, forKey: .timeline)
        impact = try c.decodeIfPresent(Impact.self, forKey: .impact)
        mitigations = try c.decodeIfPresent([Mitigation].self, forKey: .mitigations) ?? []
        narrative = try c.decodeIfPresent(String.self, forKey: .narrative)
        shareNarrative = try c.decodeIfPresent(Bool.self, forKey: .shareNarrative)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(period, forKey: .period)
        try c.encode(victim, forKey: .victim)
        try c.encode(actor, forKey: .actor)
        try c.encode(actions, forKey: .actions)
        try c.encode(techniques, forKey: .techniques)
        try c.encode(assets, forKey: .assets)
        try c.encode(attributes, forKey: .attributes)
        try c.encodeIfPresent(discovery, forKey: .discovery)
        try c.encodeIfPresent(timeline, forKey: .timeline)
        try c.encodeIfPresent(impact, forKey: .impact)
        try c.encode(mitigations, forKey: .mitigations)
        try c.encodeIfPresent(narrative, forKey: .narrative)
        try c.encodeIfPresent(shareNarrative, forKey: .shareNarrative)
    }
}
