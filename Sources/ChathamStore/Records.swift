/// A member as the operator sees it. There is no activity time: only the last epoch a credential
/// was issued for.
public struct MemberRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var label: String
    public var revoked: Bool
    public var lastIssuedEpoch: String?

    public init(id: Int64, label: String, revoked: Bool, lastIssuedEpoch: String?) {
        self.id = id
        self.label = label
        self.revoked = revoked
        self.lastIssuedEpoch = lastIssuedEpoch
    }
}

/// One action of a stored report.
public struct ActionRow: Sendable, Equatable, Hashable {
    public var category: String
    public var variety: String?
    public var vector: String?

    public init(category: String, variety: String?, vector: String?) {
        self.category = category
        self.variety = variety
        self.vector = vector
    }
}

/// One mitigation of a stored report.
public struct MitigationRow: Sendable, Equatable, Hashable {
    public var id: String
    public var stage: String?
    public var effective: String?

    public init(id: String, stage: String?, effective: String?) {
        self.id = id
        self.stage = stage
        self.effective = effective
    }
}

/// A report as it is stored: its pseudonym and period, its fields flattened so that tables
/// aggregate with plain SQL, and its canonical JSON. Deliberately no member, token, address or
/// time: nothing here can say who sent it or when it arrived.
public struct ReportRow: Sendable, Equatable {
    public var id: String
    public var receipt: String
    public var pseudonym: String
    public var epoch: String
    public var period: String
    public var sector: String
    public var size: String
    public var region: String
    public var actorKind: String
    public var actorMotive: String?
    public var discovery: String?
    public var dwell: String?
    public var containment: String?
    public var loss: String?
    public var downtime: String?
    public var actions: [ActionRow]
    public var techniques: [String]
    public var assets: [String]
    public var attributes: [String]
    public var mitigations: [MitigationRow]
    public var narrative: String?
    public var shareNarrative: Bool

    public init(id: String, receipt: String, pseudonym: String, epoch: String, period: String,
                sector: String, size: String, region: String, actorKind: String, actorMotive: String?,
                discovery: String?, dwell: String?, containment: String?, loss: String?, downtime: String?,
                actions: [ActionRow], techniques: [String], assets: [String], attributes: [String],
                mitigations: [MitigationRow], narrative: String?, shareNarrative: Bool) {
        self.id = id
        self.receipt = receipt
        self.pseudonym = pseudonym
        self.epoch = epoch
        self.period = period
        self.sector = sector
        self.size = size
        self.region = region
        self.actorKind = actorKind
        self.actorMotive = actorMotive
        self.discovery = discovery
        self.dwell = dwell
        self.containment = containment
        self.loss = loss
        self.downtime = downtime
        self.actions = actions
        self.techniques = techniques
        self.assets = assets
        self.attributes = attributes
        self.mitigations = mitigations
        self.narrative = narrative
        self.shareNarrative = shareNarrative
    }
}

/// What inserting a report did.
public enum InsertOutcome: Sendable, Equatable {
    /// Committed; the receipt is the new report's.
    case inserted(receipt: String)
    /// The report id was already stored; the receipt is the first one.
    case duplicate(receipt: String)
}
