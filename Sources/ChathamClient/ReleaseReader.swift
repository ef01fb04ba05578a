import ChathamModel
import Foundation

/// Fetches releases for `chatham stats` and `chatham digest` and verifies them against the
/// signing key pinned at enrolment before anything is shown.
public struct ReleaseReader: Sendable {
    public let config: MemberConfig
    public let client: ServerClient

    public init(config: MemberConfig) throws {
        self.config = config
        self.client = ServerClient(baseURL: try config.serverURL())
    }

    /// A verified release: the bytes as served and the decoded document.
    public struct Fetched: Sendable {
        public var bytes: [UInt8]
        public var document: ReleaseDocument
    }

    /// The released periods, oldest first.
    public func periods() async throws -> [String] {
        try await client.releasedPeriods(token: config.token)
    }

    /// The release of `period`, or of the latest released period when nil.
    public func fetch(period: String?) async throws -> Fetched {
        let chosen: String
        if let period {
            guard Period(period) != nil else {
                throw ClientError(.usage, "\"\(period)\" is not a period", hint: "use the form YYYY-MM, e.g. 2026-10")
            }
            chosen = period
        } else {
            let all = try await periods()
            guard let latest = all.compactMap(Period.init).max() else {
                throw ClientError(.server, "the server has published no release yet")
            }
            chosen = latest.description
        }
        let bytes: [UInt8]
        do {
            bytes = try await client.release(period: chosen, token: config.token)
        } catch let error as ClientError where error.serverCode == "not_found" {
            throw ClientError(.server, "no release for \(chosen)", hint: "run chatham stats to see the latest, or ask your operator which periods are released")
        }
        return try Self.verify(bytes, expecting: chosen, trusting: config)
    }

    /// Verifies served bytes: pinned signature first, then shape, then the period asked for.
    static func verify(_ bytes: [UInt8], expecting period: String, trusting config: MemberConfig) throws -> Fetched {
        do {
            _ = try ReleaseVerifier.verify(json: bytes, trusting: try config.signingPublicKey())
        } catch let error as ClientError where error.code == .badSignature || error.code == .badFile {
            throw ClientError(.badSignature, "the release for \(period) does not verify against the pinned signing key: \(error.message)",
                              hint: "do not trust its figures; tell your operator")
        }
        let document: ReleaseDocument
        do {
            document = try ReleaseDocument.decode(json: bytes)
        } catch {
            throw ClientError(.untrustedServer, "the release for \(period) is signed but not a chatham.release/1 document")
        }
        guard document.period == period else {
            throw ClientError(.untrustedServer, "asked for the release of \(period), the server sent \(document.period)")
        }
        return Fetched(bytes: bytes, document: document)
    }
}
