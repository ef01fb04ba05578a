/// The formats a release can be written in. The raw value is the `--format` argument.
public enum DigestFormat: String, CaseIterable, Sendable, Codable {
    /// The signed release document itself (`chatham.release/1`).
    case json
    /// RFC 4180 CSV, long format: one row per cell.
    case csv
    /// Markdown tables with a legend.
    case md
    /// One self-contained HTML file with SVG charts.
    case html
    /// A STIX 2.1 bundle.
    case stix

    /// The file name extension people expect for the format.
    public var fileExtension: String {
        switch self {
        case .json: "json"
        case .csv: "csv"
        case .md: "md"
        case .html: "html"
        case .stix: "stix.json"
        }
    }

    /// The HTTP media type of the format.
    public var mediaType: String {
        switch self {
        case .json: "application/json"
        case .csv: "text/csv; charset=utf-8; header=present"
        case .md: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .stix: "application/stix+json;version=2.1"
        }
    }
}

/// TLP 2.0 levels (FIRST), with the marking-definition ids OASIS fixed for STIX 2.1.
public enum TLPLevel: String, CaseIterable, Sendable, Codable {
    case clear
    case green
    case amber
    case amberStrict = "amber+strict"
    case red

    /// `TLP:GREEN` and so on, as FIRST writes it.
    public var label: String { "TLP:" + rawValue.uppercased() }

    /// The OASIS TLP 2.0 marking-definition id (cti-stix-common-objects, extension
    /// `extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d`).
    public var markingDefinitionID: String {
        switch self {
        case .clear: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
        case .green: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
        case .amber: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
        case .amberStrict: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"
        case .red: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
        }
    }

    /// The value of the TLP 2.0 extension's `tlp_2_0` property.
    var extensionValue: String { rawValue }

    /// Text and background colours FIRST prescribes for the label (on a black background).
    var colours: (text: String, background: String) {
        switch self {
        case .clear: ("#FFFFFF", "#000000")
        case .green: ("#33FF00", "#000000")
        case .amber, .amberStrict: ("#FFC000", "#000000")
        case .red: ("#FF2B2B", "#000000")
        }
    }

    /// Reads `green`, `TLP:GREEN`, `amber+strict`, `AMBER_STRICT` and the like.
    public init?(parsing text: String) {
        var t = text.lowercased()
        if t.hasPrefix("tlp:") { t.removeFirst(4) }
        t = t.replacingOccurrences(of: "_", with: "+").replacingOccurrences(of: "-", with: "+")
        if t == "white" { t = "clear" }
        self.init(rawValue: t)
    }
}

/// What a digest says beyond the release: its handling marking, who publishes it, and the
/// narratives that go with it.
public struct DigestOptions: Sendable, Equatable {
    /// The TLP 2.0 marking of the digest (default TLP:GREEN).
    public var tlp: TLPLevel
    /// The aggregator's name: the only identity a digest names.
    public var aggregatorName: String
    /// Narratives to print (Markdown and HTML only), already selected and ordered.
    public var narratives: [DigestNarrative]
    /// STIX `created`/`modified` time of the period's objects, `YYYY-MM-DDTHH:MM:SS.sssZ`.
    /// Nil: the first instant after the period, so the same release always gives the same
    /// bytes and no wall-clock time leaks into the digest.
    public var timestamp: String?

    public init(tlp: TLPLevel = .green, aggregatorName: String = "chatham aggregator",
                narratives: [DigestNarrative] = [], timestamp: String? = nil) {
        self.tlp = tlp
        self.aggregatorName = aggregatorName
        self.narratives = narratives
        self.timestamp = timestamp
    }
}
