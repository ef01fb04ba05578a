import Yams

/// What identifies the member organisation: the entries the scrubber removes
/// from every narrative, in every spelling it can recognise.
///
/// The profile lives only on the member's machine (`$CHATHAM_HOME/profile.yaml`)
/// and never leaves it; its YAML shape is fixed by DESIGN.md ("Member profile").
public struct MemberProfile: Sendable, Equatable, Codable {
    /// Full legal or trading names, e.g. "Acme Bank plc".
    public var organisationNames: [String]
    /// Short forms and acronyms, e.g. "ACME", "AFG".
    public var organisationAliases: [String]
    /// The member's DNS names, e.g. "acmebank.co.uk", "corp.acme.local".
    public var domains: [String]
    /// The member's address space as IPs or CIDRs (validated on parse).
    public var networks: [String]
    /// Staff names that must never appear, e.g. "Jane Doe".
    public var people: [String]
    /// Glob patterns (`*` any run, `?` one character) for internal host names,
    /// e.g. "ACME-*", "*.corp.acme.local"; matched case-insensitively.
    public var hostnames: [String]
    /// Sites, towns, buildings that would locate the member.
    public var locations: [String]
    /// Anything else identifying: project names, product names.
    public var terms: [String]
    /// Words never to redact even if a detector or another entry would
    /// (malware and tool names the member wants to share).
    public var keep: [String]

    public init(
        organisationNames: [String] = [], organisationAliases: [String] = [],
        domains: [String] = [], networks: [String] = [], people: [String] = [],
        hostnames: [String] = [], locations: [String] = [], terms: [String] = [],
        keep: [String] = []
    ) {
        self.organisationNames = organisationNames
        self.organisationAliases = organisationAliases
        self.domains = domains
        self.networks = networks
        self.people = people
        self.hostnames = hostnames
        self.locations = locations
        self.terms = terms
        self.keep = keep
    }

    /// A profile with no entries: only the generic detectors (e-mail, IP, URL,
    /// domain) and the built-in keep vocabulary apply.
    public static let empty = MemberProfile()

    private static let topKeys = [
        "organisation", "domains", "networks", "people", "hostnames", "locations", "terms", "keep",
    ]
    private static let organisationKeys = ["names", "aliases"]

    /// Parses the profile YAML of DESIGN.md. Unknown keys are rejected rather
    /// than ignored: a misspelt `peple:` silently dropping every name would leak.
    ///
    /// - Throws: `ScrubError` with code `invalidYAML`, `unknownKey` or `invalidValue`
    ///   and a message naming the key path (e.g. `networks[1]`).
    public static func parse(yaml: String) throws -> MemberProfile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ScrubError(.invalidYAML, "profile is not valid YAML: \(error)")
        }
        guard let root, !isNull(root) else { return .empty }
        guard let mapping = root.mapping else {
            throw ScrubError(.invalidYAML, "profile must be a mapping of keys (organisation, domains, networks, …)")
        }
        var profile = MemberProfile()
        var seen = Set<String>()
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard topKeys.contains(key) else {
                throw unknownKey(key, path: "", allowed: topKeys)
            }
            guard seen.insert(key).inserted else {
                throw ScrubError(.invalidValue, "profile key '\(key)' appears twice")
            }
            switch key {
            case "organisation":
                if isNull(value) { continue }
                guard let org = value.mapping else {
                    throw ScrubError(.invalidValue, "'organisation' must be a mapping with 'names' and 'aliases' lists")
                }
                for (subKey, subValue) in org {
                    let name = subKey.string ?? ""
                    guard organisationKeys.contains(name) else {
                        throw unknownKey(name, path: "organisation.", allowed: organisationKeys)
                    }
                    let list = try strings(subValue, path: "organisation.\(name)")
                    if name == "names" { profile.organisationNames = list } else { profile.organisationAliases = list }
                }
            case "domains": profile.domains = try strings(value, path: key)
            case "networks": profile.networks = try strings(value, path: key)
            case "people": profile.people = try strings(value, path: key)
            case "hostnames": profile.hostnames = try strings(value, path: key)
            case "locations": profile.locations = try strings(value, path: key)
            case "terms": profile.terms = try strings(value, path: key)
            default: profile.keep = try strings(value, path: key)
            }
        }
        try profile.validate()
        return profile
    }

    /// Checks entries whose shape matters to matching; called by `parse`.
    func validate() throws {
        for (i, network) in networks.enumerated() where IPNetwork(network) == nil {
            throw ScrubError(.invalidValue,
                "networks[\(i)]: '\(network)' is not an IP address or CIDR (e.g. 203.0.113.0/24, 2001:db8::/48)")
        }
        for (i, domain) in domains.enumerated() {
            let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
            let ok = labels.count >= 2 && labels.allSatisfy { label in
                !label.isEmpty && label.unicodeScalars.allSatisfy { ScalarClass.isAlnum($0) || $0 == "-" }
            }
            if !ok {
                throw ScrubError(.invalidValue,
                    "domains[\(i)]: '\(domain)' is not a domain name (e.g. acmebank.co.uk, without scheme or path)")
            }
        }
        for (i, glob) in hostnames.enumerated() {
            let literal = glob.unicodeScalars.filter { ScalarClass.isAlnum($0) }.count
            if literal < 2 || glob.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                throw ScrubError(.invalidValue,
                    "hostnames[\(i)]: '\(glob)' must be one host name pattern with at least two letters or digits (e.g. ACME-*)")
            }
        }
    }

    private static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.tag == Tag(.null) || (scalar.string.isEmpty && scalar.style == .plain) {
            return true
        }
        return node.tag == Tag(.null)
    }

    private static func strings(_ node: Node, path: String) throws -> [String] {
        if isNull(node) { return [] }
        guard let sequence = node.sequence else {
            throw ScrubError(.invalidValue, "'\(path)' must be a list of strings, e.g. \(path.split(separator: ".").last ?? ""): [one, two]")
        }
        var out: [String] = []
        for (i, item) in sequence.enumerated() {
            guard case .scalar(let scalar) = item else {
                throw ScrubError(.invalidValue, "\(path)[\(i)] must be a string")
            }
            let value = scalar.string.trimmingWhitespace()
            guard !value.isEmpty else {
                throw ScrubError(.invalidValue, "\(path)[\(i)] is empty")
            }
            out.append(value)
        }
        return out
    }

    private static func unknownKey(_ key: String, path: String, allowed: [String]) -> ScrubError {
        var message = "unknown profile key '\(path)\(key)'"
        if let near = allowed.first(where: { editDistance($0, key.lowercased()) <= 2 }) {
            message += " (did you mean '\(path)\(near)'?)"
        }
        message += "; allowed: \(allowed.joined(separator: ", "))"
        return ScrubError(.unknownKey, message)
    }

    /// Levenshtein distance, only for "did you mean" hints on short keys.
    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, scalars[start].properties.isWhitespace { start += 1 }
        while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }
}
