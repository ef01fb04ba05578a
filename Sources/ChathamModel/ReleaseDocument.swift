import ChathamCrypto
import Foundation

/// A release, `chatham.release/1`: the protected, signed statistics of one period, as
/// `GET /v1/releases/{period}` returns it and `export --format json` writes it.
///
/// The signature is Ed25519 over the RFC 8785 canonical JSON of the document without its
/// `signature` member, so anyone with the server's signing key and any JCS implementation can
/// check it. Decoding rejects unknown members: a member this version does not know could not
/// be re-encoded, and the signature would then be checked over something else than was signed.
public struct ReleaseDocument: Codable, Sendable, Equatable {
    /// The only value `schema` may have in this version.
    public static let schemaName = "chatham.release/1"

    public var schema: String
    /// `YYYY-MM`.
    public var period: String
    public var policy: Policy
    public var tables: [Table]
    /// Absent until `sign(with:)`.
    public var signature: Signature?

    public init(schema: String = ReleaseDocument.schemaName, period: String, policy: Policy, tables: [Table], signature: Signature? = nil) {
        self.schema = schema
        self.period = period
        self.policy = policy
        self.tables = tables
        self.signature = signature
    }

    /// The disclosure rules the release was protected with.
    ///
    /// `min_contributors` and `dominance` are always present. `p_percent` is present when the p%
    /// rule was applied, and `protection` (the width every suppressed cell's interval keeps) when
    /// the server states it; releases written before these members existed simply lack them, and
    /// decode as before.
    public struct Policy: Codable, Sendable, Equatable {
        /// Fewest distinct contributors (pseudonyms) a published cell rests on.
        public var minContributors: Int
        public var dominance: Dominance
        /// The p% rule, in percent, when it was applied: a cell was suppressed when the reports of
        /// everyone but its two largest contributors are fewer than p% of the largest's.
        public var pPercent: Double?
        /// The protection level of suppressed cells.
        public var protection: Protection?

        public init(minContributors: Int, dominance: Dominance, pPercent: Double? = nil, protection: Protection? = nil) {
            self.minContributors = minContributors
            self.dominance = dominance
            self.pPercent = pPercent
            self.protection = protection
        }

        /// (n, k) dominance: the n largest contributors may hold at most k of a published cell.
        public struct Dominance: Codable, Sendable, Equatable {
            public var n: Int
            public var k: Double
            public init(n: Int, k: Double) {
                self.n = n
                self.k = k
            }

            enum CodingKeys: String, CodingKey, CaseIterable { case n, k }

            public init(from decoder: any Decoder) throws {
                try decoder.rejectUnknownKeys(CodingKeys.self)
                let c = try decoder.container(keyedBy: CodingKeys.self)
                n = try c.decode(Int.self, forKey: .n)
                k = try c.decode(Double.self, forKey: .k)
            }
        }

        /// Every suppressed cell's interval, for an outsider and for any single member who knows
        /// its own reports, is at least `max(minimum, ⌈relative · count⌉)` wide.
        public struct Protection: Codable, Sendable, Equatable {
            public var minimum: Int
            public var relative: Double
            public init(minimum: Int, relative: Double) {
                self.minimum = minimum
                self.relative = relative
            }

            enum CodingKeys: String, CodingKey, CaseIterable { case minimum, relative }

            public init(from decoder: any Decoder) throws {
                try decoder.rejectUnknownKeys(CodingKeys.self)
                let c = try decoder.container(keyedBy: CodingKeys.self)
                minimum = try c.decode(Int.self, forKey: .minimum)
                relative = try c.decode(Double.self, forKey: .relative)
            }
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case minContributors = "min_contributors"
            case dominance
            case pPercent = "p_percent"
            case protection
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            minContributors = try c.decode(Int.self, forKey: .minContributors)
            dominance = try c.decode(Dominance.self, forKey: .dominance)
            pPercent = try c.decodeIfPresent(Double.self, forKey: .pPercent)
            protection = try c.decodeIfPresent(Protection.self, forKey: .protection)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(minContributors, forKey: .minContributors)
            try c.encode(dominance, forKey: .dominance)
            // Absent rather than null when not applied, so releases without them keep their bytes.
            try c.encodeIfPresent(pPercent, forKey: .pPercent)
            try c.encodeIfPresent(protection, forKey: .protection)
        }
    }

    /// One table: counts of reports by the values of its dimensions, margins included.
    public struct Table: Codable, Sendable, Equatable {
        public var name: String
        /// Dimension names (`action.category`, `victim.sector`, …).
        public var dimensions: [String]
        /// Dimensions where one report may count in several cells, so margins are not sums.
        public var multiValued: [String]
        public var cells: [Cell]

        public init(name: String, dimensions: [String], multiValued: [String] = [], cells: [Cell]) {
            self.name = name
            self.dimensions = dimensions
            self.multiValued = multiValued
            self.cells = cells
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, dimensions
            case multiValued = "multi_valued"
            case cells
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            dimensions = try c.decode([String].self, forKey: .dimensions)
            multiValued = try c.decode([String].self, forKey: .multiValued)
            cells = try c.decode([Cell].self, forKey: .cells)
        }
    }

    /// One cell. `"*"` as a key value marks a margin over that dimension.
    public struct Cell: Codable, Sendable, Equatable {
        /// Dimension name → value.
        public var key: [String: String]
        /// Number of reports; nil (JSON `null`, always written) when suppressed.
        public var count: Int?
        public var status: Status

        public init(key: [String: String], count: Int?, status: Status) {
            self.key = key
            self.count = count
            self.status = status
        }

        /// A published cell with its count.
        public static func published(_ key: [String: String], count: Int) -> Cell {
            Cell(key: key, count: count, status: .published)
        }

        /// A suppressed cell: no count, and no reason (primary and secondary look the same).
        public static func suppressed(_ key: [String: String]) -> Cell {
            Cell(key: key, count: nil, status: .suppressed)
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case key, count, status }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            key = try c.decode([String: String].self, forKey: .key)
            // The member is required, its value may be null.
            guard c.contains(.count) else {
                throw DecodingError.keyNotFound(CodingKeys.count, .init(codingPath: c.codingPath, debugDescription: "count is required"))
            }
            count = try c.decodeIfPresent(Int.self, forKey: .count)
            status = try c.decode(Status.self, forKey: .status)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            // Explicit null: the contract says a suppressed cell has `count: null`.
            if let count { try c.encode(count, forKey: .count) } else { try c.encodeNil(forKey: .count) }
            try c.encode(status, forKey: .status)
        }
    }

    /// Whether a cell's count is shown.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case published
        case suppressed
    }

    /// An Ed25519 signature and the public key that made it, both standard base64.
    public struct Signature: Codable, Sendable, Equatable {
        public static let ed25519 = "ed25519"
        public var alg: String
        public var key: String
        public var value: String

        public init(alg: String = Signature.ed25519, key: String, value: String) {
            self.alg = alg
            self.key = key
            self.value = value
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case alg, key, value }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            alg = try c.decode(String.self, forKey: .alg)
            key = try c.decode(String.self, forKey: .key)
            value = try c.decode(String.self, forKey: .value)
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case schema, period, policy, tables, signature }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        period = try c.decode(String.self, forKey: .period)
        policy = try c.decode(Policy.self, forKey: .policy)
        tables = try c.decode([Table].self, forKey: .tables)
        signature = try c.decodeIfPresent(Signature.self, forKey: .signature)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(period, forKey: .period)
        try c.encode(policy, forKey: .policy)
        try c.encode(tables, forKey: .tables)
        try c.encodeIfPresent(signature, forKey: .signature)
    }

    // MARK: - Reading and writing

    /// Reads a release from JSON (strict: no duplicate members, no unknown members).
    /// Failures are `ValidationError`s naming the member's path.
    public static func decode(json: [UInt8]) throws -> ReleaseDocument {
        do {
            guard case .object = try JSONValue(bytes: json) else {
                throw ValidationError(at: "", "expected a JSON object")
            }
            return try JSONDecoder().decode(ReleaseDocument.self, from: Data(json))
        } catch let error as JSONParseError {
            throw ValidationError(at: "", "not valid JSON: \(error.reason) at byte \(error.offset)")
        } catch let error as DecodingError {
            throw error.validationError
        }
    }

    /// Reads a release from JSON data; see `decode(json:)`.
    public static func decode(json: Data) throws -> ReleaseDocument {
        try decode(json: [UInt8](json))
    }

    /// The document's RFC 8785 canonical JSON, signature included when present.
    public func canonicalJSON() throws -> [UInt8] {
        try CanonicalJSON.encode(self)
    }

    // MARK: - Signing

    /// The bytes the signature covers: canonical JSON of the document without `signature`.
    public func signingBytes() throws -> [UInt8] {
        var unsigned = self
        unsigned.signature = nil
        return try CanonicalJSON.encode(unsigned)
    }

    /// Signs the document (replacing any signature) with the server's signing key.
    ///
    /// Traps only if the document holds a number JSON cannot carry (a NaN `k`), which no
    /// valid policy has.
    public mutating func sign(with key: SigningSecretKey) {
        let message: [UInt8]
        do {
            message = try signingBytes()
        } catch {
            preconditionFailure("release document cannot be encoded: \(error)")
        }
        signature = Signature(
            key: ChathamCrypto.Encoding.base64(key.publicKey.bytes),
            value: ChathamCrypto.Encoding.base64(key.sign(message)))
    }

    /// Whether the signature is a valid Ed25519 signature of `signingBytes()`.
    ///
    /// With `trusting` nil the key inside the document is used: that proves integrity only,
    /// not origin. Pass the server's pinned key to prove who signed; the document's key must
    /// then be that key too.
    public func verifySignature(trusting trusted: SigningPublicKey?) -> Bool {
        guard let signature, signature.alg == Signature.ed25519,
              let keyBytes = try? ChathamCrypto.Encoding.fromBase64(signature.key),
              let embedded = try? SigningPublicKey(bytes: keyBytes),
              let sig = try? ChathamCrypto.Encoding.fromBase64(signature.value),
              let message = try? signingBytes() else { return false }
        let key: SigningPublicKey
        if let trusted {
            guard trusted.bytes == embedded.bytes else { return false }
            key = trusted
        } else {
            key = embedded
        }
        return key.isValidSignature(sig, for: message)
    }
}
