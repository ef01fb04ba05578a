/// The kinds of finding and their placeholders and tie-break priority.
enum Kind: String, Sendable, CaseIterable {
    case org, person, email, ip, domain, url, host, location, term, phone, id, user

    var placeholder: String {
        switch self {
        case .org: "[ORG]"
        case .person: "[PERSON]"
        case .email: "[EMAIL]"
        case .ip: "[IP]"
        case .domain: "[DOMAIN]"
        case .url: "[URL]"
        case .host: "[HOST]"
        case .location: "[LOCATION]"
        case .term: "[TERM]"
        case .phone: "[PHONE]"
        case .id, .user: "[ID]"
        }
    }

    /// Used only when two overlapping candidates have the same length and the
    /// same core: structural kinds first, then what the member's profile
    /// says it is, then the generic host/domain guesses.
    var priority: Int {
        switch self {
        case .email: 12
        case .url: 11
        case .ip: 10
        case .id: 9
        case .phone: 8
        case .org: 7
        case .person: 6
        case .term: 5
        case .location: 4
        case .user: 3
        case .host: 2
        case .domain: 1
        }
    }
}

/// A detector's proposal, before keep-list filtering and overlap resolution.
struct Candidate: Sendable, Equatable {
    var kind: Kind
    var start: Int
    var end: Int
    /// Length of what actually matched before the span grew to whole words,
    /// so "AcmePay" as a term beats "Acme" grown to "AcmePay" as an org.
    var core: Int

    init(kind: Kind, start: Int, end: Int, core: Int? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.core = core ?? end - start
    }

    var length: Int { end - start }

    /// Longest, then longest core, then priority.
    func beats(_ other: Candidate) -> Bool {
        if length != other.length { return length > other.length }
        if core != other.core { return core > other.core }
        return kind.priority > other.kind.priority
    }
}

/// A detector looks at the prepared text and appends candidates. Detectors are
/// independent and order-free; resolution happens afterwards in one place.
protocol Detector: Sendable {
    func detect(_ text: ScanText, into candidates: inout [Candidate])
}
