import ChathamCrypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What `GET /v1/keys` serves.
public struct ServerKeys: Decodable, Sendable, Equatable {
    /// One sealing key.
    public struct SealingKey: Decodable, Sendable, Equatable {
        public var keyID: String
        public var publicKey: String
        public var created: String?
        /// The signing key's vouching signature (see `KeyRotation`).
        public var signature: String?
        enum CodingKeys: String, CodingKey {
            case keyID = "key_id"
            case publicKey = "public_key"
            case created
            case signature
        }
    }

    /// One epoch's credential key (base64 DER SubjectPublicKeyInfo).
    public struct CredentialKey: Decodable, Sendable, Equatable {
        public var epoch: String
        public var publicKey: String
        enum CodingKeys: String, CodingKey {
            case epoch
            case publicKey = "public_key"
        }
    }

    public var keys: [SealingKey]
    public var signingKey: String
    public var credentialKeys: [CredentialKey]

    enum CodingKeys: String, CodingKey {
        case keys
        case signingKey = "signing_key"
        case credentialKeys = "credential_keys"
    }
}

/// The server's answer to a submission that it accepted.
public struct SubmissionReply: Decodable, Sendable, Equatable {
    /// `rcpt_` and 32 hex.
    public var receipt: String
    /// True when the report id was already stored (HTTP 200).
    public var duplicate: Bool
}

/// The HTTP side of the protocol (docs/protocol.md §7), over URLSession.
///
/// Every request uses its own ephemeral session with no cookies, no cache and no credential
/// storage, and the session is torn down afterwards: a submission must never ride on the
/// connection that carried the member token (protocol.md §11). The token goes only to
/// `/v1/credentials` and `/v1/releases`, never with a submission.
public struct ServerClient: Sendable {
    public let baseURL: URL
    /// Seconds before a request is given up; the outbox keeps what was not acknowledged.
    public var timeout: TimeInterval = 30

    public init(baseURL: URL) { self.baseURL = baseURL }

    /// Most bytes accepted in a reply (a release of many tables is the largest).
    static let maxReplySize = 16 * 1024 * 1024

    // MARK: - Routes

    /// `GET /v1/keys`.
    public func keys() async throws -> ServerKeys {
        let (status, body) = try await send("GET", "/v1/keys")
        try Self.requireSuccess(status, body)
        return try Self.decode(ServerKeys.self, body, route: "/v1/keys")
    }

    /// `POST /v1/credentials`: sends the blinded message, returns the blind signature.
    public func requestCredential(epoch: String, blindedMessage: [UInt8], token: String) async throws -> [UInt8] {
        let body = try JSONSerialization.data(withJSONObject: ["epoch": epoch, "blinded_message": Encoding.base64(blindedMessage)], options: [.sortedKeys])
        let (status, reply) = try await send("POST", "/v1/credentials", body: [UInt8](body), token: token)
        try Self.requireSuccess(status, reply)
        struct Reply: Decodable { var blind_signature: String }
        let decoded = try Self.decode(Reply.self, reply, route: "/v1/credentials")
        guard let bytes = try? Encoding.fromBase64(decoded.blind_signature) else {
            throw ClientError(.untrustedServer, "the server's blind signature is not base64")
        }
        return bytes
    }

    /// `POST /v1/submissions` with the exact envelope bytes, and no token.
    public func submit(envelope: [UInt8]) async throws -> SubmissionReply {
        let (status, body) = try await send("POST", "/v1/submissions", body: envelope)
        try Self.requireSuccess(status, body)
        return try Self.decode(SubmissionReply.self, body, route: "/v1/submissions")
    }

    /// `GET /v1/releases`: the released periods, oldest first.
    public func releasedPeriods(token: String) async throws -> [String] {
        let (status, body) = try await send("GET", "/v1/releases", token: token)
        try Self.requireSuccess(status, body)
        struct Reply: Decodable { var periods: [String] }
        return try Self.decode(Reply.self, body, route: "/v1/releases").periods
    }

    /// `GET /v1/releases/{period}`: the release document's bytes, unverified.
    public func release(period: String, token: String) async throws -> [UInt8] {
        let (status, body) = try await send("GET", "/v1/releases/\(period)", token: token)
        try Self.requireSuccess(status, body)
        return body
    }

    // MARK: - Plumbing

    func send(_ method: String, _ path: String, body: [UInt8]? = nil, token: String? = nil) async throws -> (Int, [UInt8]) {
        guard let url = URL(string: baseURL.absoluteString + path) else {
            throw ClientError(.usage, "cannot form a URL from \(baseURL.absoluteString)")
        }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            request.httpBody = Data(body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpShouldHandleCookies = false

        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration)
        defer { session.invalidateAndCancel() }

        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw ClientError(.network, "could not reach \(baseURL.absoluteString): \(Self.describe(error))",
                              hint: "check the server URL and your connection")
        }
        guard let http = response as? HTTPURLResponse else {
            throw ClientError(.network, "no HTTP reply from \(baseURL.absoluteString)")
        }
        guard data.count <= Self.maxReplySize else {
            throw ClientError(.untrustedServer, "the server's reply is larger than \(Self.maxReplySize) bytes")
        }
        return (http.statusCode, [UInt8](data))
    }

    /// Turns a non-2xx reply into a `.server` error carrying the server's code and message.
    static func requireSuccess(_ status: Int, _ body: [UInt8]) throws {
        guard !(200..<300).contains(status) else { return }
        struct ErrorReply: Decodable {
            struct Inner: Decodable { var code: String; var message: String }
            var error: Inner
        }
        if let reply = try? JSONDecoder().decode(ErrorReply.self, from: Data(body)) {
            throw ClientError(.server, "server: \(reply.error.code): \(Self.oneLine(reply.error.message))",
                              hint: hint(for: reply.error.code), serverCode: reply.error.code, status: status)
        }
        throw ClientError(.server, "server: HTTP \(status)", serverCode: nil, status: status)
    }

    /// What a member can do about each documented error code (protocol.md §8).
    static func hint(for code: String) -> String? {
        switch code {
        case "unauthorized": "check the member token in config.json, or enrol again"
        case "revoked": "this membership was revoked; ask your operator"
        case "too_large": "shorten the narrative"
        case "unknown_key": "the pinned sealing key is no longer the server's; ask your operator before enrolling again"
        case "decrypt_failed": "submit the report again"
        case "invalid_credential": "the credential does not match the report's epoch or was not accepted"
        case "invalid_report": "fix that field and submit again"
        case "period_closed": "the period's release is published; the report can no longer count"
        case "rate_limited": "wait a little, then run: chatham outbox flush"
        case "not_found": nil
        default: nil
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8], route: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw ClientError(.untrustedServer, "the server's reply to \(route) is not what the protocol says")
        }
    }

    /// A server message is shown as one line, whatever it holds.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 }.prefix(500))
    }

    static func describe(_ error: Error) -> String {
        if let url = error as? URLError {
            switch url.code {
            case .timedOut: return "timed out"
            case .cannotConnectToHost: return "connection refused"
            case .cannotFindHost, .dnsLookupFailed: return "unknown host"
            case .networkConnectionLost: return "connection lost"
            case .notConnectedToInternet: return "not connected"
            case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid:
                return "TLS failed"
            default: return "network error \(url.code.rawValue)"
            }
        }
        return "network error"
    }
}
