import ChathamCrypto
import ChathamDisclosure
import ChathamModel
import ChathamStore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// What `chatham-server serve` runs with.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var data: DataDirectory
    public var policy: DisclosurePolicy
    /// Injected so tests can pin the current epoch.
    public var clock: @Sendable () -> Date
    /// How long a request body may take to arrive in all (idle connections close after 30 s).
    public var bodyDeadline: Duration = .seconds(15)
    /// `serve --metrics`: serve Prometheus metrics at /metrics.
    public var metricsEnabled = false
    /// `serve --auto-release DAYS`: release each month this many days after it ends.
    public var autoReleaseDays: Int?
    /// Days an older sealing key still opens submissions after `keys rotate`.
    public var keyGraceDays = ServerKeys.defaultGraceDays
    /// Credential requests a member may make at once (then 10 an hour).
    public var credentialBurst = 10
    /// Submissions the server accepts in a burst, refilled at the same rate per second.
    public var submissionBurst = 20_000

    public init(host: String = "127.0.0.1", port: Int = 8080, data: DataDirectory,
                policy: DisclosurePolicy = .standard, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.host = host
        self.port = port
        self.data = data
        self.policy = policy
        self.clock = clock
    }
}

/// Everything the routes need, built once.
public struct ServerContext: Sendable {
    public let store: AppDatabase
    public let keys: ServerKeys
    public let ingest: IngestService
    public let credentials: CredentialService
    public let sessions: Sessions
    /// Credential requests per member: a member needs one per epoch, so a few an hour is generous.
    public let credentialLimiter: RateLimiter
    /// All submissions together (they carry no identity to limit by).
    public let submissionLimiter: RateLimiter
    public let metrics: ServerMetrics
    public let metricsEnabled: Bool
    public let bodyDeadline: Duration
    public let logger: Logger

    public init(configuration: ServerConfiguration, logger: Logger) throws {
        store = try AppDatabase(path: configuration.data.databasePath)
        keys = try ServerKeys(directory: configuration.data, now: configuration.clock(), graceDays: configuration.keyGraceDays)
        ingest = IngestService(store: store, keys: keys)
        credentials = CredentialService(store: store, keys: keys, clock: configuration.clock)
        sessions = Sessions(clock: configuration.clock)
        credentialLimiter = RateLimiter(capacity: configuration.credentialBurst, perSecond: 10.0 / 3600, clock: configuration.clock)
        submissionLimiter = RateLimiter(capacity: configuration.submissionBurst, perSecond: Double(configuration.submissionBurst),
                                        clock: configuration.clock)
        metrics = ServerMetrics()
        metricsEnabled = configuration.metricsEnabled
        bodyDeadline = configuration.bodyDeadline
        self.logger = logger
    }
}

/// Builds the Hummingbird application: routes, error mapping, no request logging.
public func buildApplication(_ configuration: ServerConfiguration) throws -> some ApplicationProtocol {
    var logger = Logger(label: "chatham-server")
    logger.logLevel = .info
    let context = try ServerContext(configuration: configuration, logger: logger)
    let router = buildRouter(context)
    var app = Application(
        router: router,
        // A connection that sends nothing for 30 s is closed (slow headers, stalled bodies).
        server: .http1(configuration: .init(idleTimeout: .seconds(30))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        logger: logger)
    if let days = configuration.autoReleaseDays {
        let auto = AutoRelease(days: days, store: context.store,
                               release: ReleaseService(store: context.store, signing: context.keys.signing,
                                                       policy: configuration.policy),
                               clock: configuration.clock, logger: logger)
        app.addServices(AutoReleaseService(auto: auto))
    }
    return app
}

/// The routes of DESIGN's HTTP API and the web page.
public func buildRouter(_ server: ServerContext) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: APIErrorMiddleware(logger: server.logger, metrics: server.metrics))

    router.get("/healthz") { _, _ -> Response in json(["status": "ok"]) }

    if server.metricsEnabled {
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(bytes: server.metrics.exposition())))
        }
    }

    router.get("/v1/keys") { _, _ -> Response in
        for epoch in server.credentials.currentEpochs() {
            _ = try server.keys.credentialKeyCreatingIfNeeded(epoch: epoch.description)
        }
        // Newest first; each vouched for by the signing key.
        let sealing = server.keys.sealingList.map { entry in
            ["key_id": entry.pair.publicKey.keyID, "public_key": Encoding.base64(entry.pair.publicKey.bytes),
             "created": entry.created, "signature": server.keys.vouch(entry.pair, created: entry.created)]
        }
        let credentialKeys = try server.keys.credentialEpochs().compactMap { epoch -> [String: String]? in
            guard let key = try server.keys.credentialKey(epoch: epoch) else { return nil }
            return ["epoch": epoch, "public_key": Encoding.base64(key.publicKeyDER)]
        }
        return json(["keys": sealing, "signing_key": Encoding.base64(server.keys.signing.publicKey.bytes),
                     "credential_keys": credentialKeys])
    }

    router.post("/v1/credentials") { request, _ -> Response in
        let member = try server.credentials.authenticate(bearer: bearerToken(request))
        guard server.credentialLimiter.allow("m\(member.id)") else { throw APIError.rateLimited }
        let body = try await collect(request, deadline: server.bodyDeadline)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
              let epoch = object["epoch"] as? String,
              let blindedText = object["blinded_message"] as? String else {
            throw APIError.invalidRequest("the body must be {\"epoch\":\"YYYY-Qn\",\"blinded_message\":\"<base64>\"}")
        }
        guard let blinded = try? Encoding.fromBase64(blindedText) else {
            throw APIError.invalidRequest("blinded_message: must be standard base64 with padding")
        }
        let signature = try server.credentials.issue(member: member, epoch: epoch, blindedMessage: blinded)
        server.metrics.credentialsIssued.increment()
        return json(["blind_signature": Encoding.base64(signature)])
    }

    router.post("/v1/submissions") { request, _ -> Response in
        guard server.submissionLimiter.allow("all") else { throw APIError.rateLimited }
        let body = try await collect(request, deadline: server.bodyDeadline)
        let outcome = try await server.ingest.submit(body: body)
        (outcome.duplicate ? server.metrics.duplicates : server.metrics.accepted).increment()
        return json(JSONValue.object(["receipt": .string(outcome.receipt), "duplicate": .bool(outcome.duplicate)]),
                    status: outcome.duplicate ? .ok : .accepted)
    }

    router.get("/v1/releases") { request, _ -> Response in
        _ = try server.credentials.authenticate(bearer: bearerToken(request))
        return json(["periods": try server.store.releasePeriods()])
    }

    router.get("/v1/releases/:period") { request, context -> Response in
        _ = try server.credentials.authenticate(bearer: bearerToken(request))
        guard let period = context.parameters.get("period"), Period(period) != nil,
              let text = try server.store.release(period: period) else { throw APIError.notFound }
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    WebRoutes.add(to: router, server: server)
    return router
}

/// Reads the body, refusing more than 64 KiB before buffering it.
func collect(_ request: Request, deadline: Duration) async throws -> [UInt8] {
    if let length = request.headers[.contentLength].flatMap(Int.init), length > IngestService.maxBodyBytes {
        throw APIError.tooLarge
    }
    do {
        // A body that trickles in (a byte now and then, never idle long enough to be cut) gets
        // `deadline` in all.
        let buffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { [request] in
                var request = request
                return try await request.collectBody(upTo: IngestService.maxBodyBytes)
            }
            group.addTask {
                try await Task.sleep(for: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else {
                throw APIError(.requestTimeout, "timeout", "the request body took too long to arrive")
            }
            return buffer
        }
        return Array(buffer.readableBytesView)
    } catch let error as HTTPError where error.status == .contentTooLarge {
        throw APIError.tooLarge
    } catch is NIOTooManyBytesError {
        // A chunked body (no Content-Length) that runs past the limit lands here, not above.
        throw APIError.tooLarge
    }
}

func bearerToken(_ request: Request) -> String? {
    guard let value = request.headers[.authorization], value.hasPrefix("Bearer ") else { return nil }
    return String(value.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
}

func json(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
    // Compact, sorted members (RFC 8785): the same bytes for the same answer, without
    // Foundation's JSONSerialization on every request.
    Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
             body: .init(byteBuffer: ByteBuffer(bytes: CanonicalJSON.encode(jsonValue(object)))))
}

/// The JSON value of a response built from Swift literals: strings, booleans, integers, lists
/// and string-keyed dictionaries of them.
func jsonValue(_ object: Any) -> JSONValue {
    switch object {
    case let value as JSONValue: return value
    case let s as String: return .string(s)
    case let b as Bool: return .bool(b)
    case let i as Int: return .number(Double(i))
    case let d as Double: return .number(d)
    case let list as [Any]: return .array(list.map(jsonValue))
    case let members as [String: Any]: return .object(members.mapValues(jsonValue))
    default: preconditionFailure("not a JSON value: \(type(of: object))")
    }
}
