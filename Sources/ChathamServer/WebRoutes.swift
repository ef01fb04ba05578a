import ChathamDigest
import ChathamModel
import ChathamStore
import Foundation
import HTTPTypes
import Hummingbird

/// `GET /`: the latest release as a server-rendered page (no JavaScript), behind a member sign-in.
enum WebRoutes {
    static func add(to router: Router<BasicRequestContext>, server: ServerContext) {
        let cache = DigestCache()
        let digests = DigestService(store: server.store, signing: server.keys.signing)

        router.get("/") { request, _ -> Response in
            let periods = try server.store.releasePeriods()
            // The latest release's marking: TLP:CLEAR is public; anything else needs a member.
            let tlp = try periods.last.flatMap { try server.store.releaseMarking(period: $0) }.flatMap(TLPLevel.init(parsing:)) ?? WebPage.tlp
            if tlp != .clear, try signedInMember(request, server: server) == nil {
                return html(WebPage.signIn(error: nil))
            }
            guard let period = periods.last else { return html(WebPage.noRelease()) }
            let cacheKey = "\(period)|\(tlp.rawValue)"
            if let page = cache.page(cacheKey) { return html(page) }
            guard let document = try? digests.release(period: period) else { return html(WebPage.noRelease()) }
            let options = try digests.options(for: document, tlp: tlp)
            let page = HTMLDigest.page(document, options: options, extra: WebPage.footer(periods: periods))
            cache.storePage(page, period: cacheKey)
            return html(page)
        }

        // A signed digest of a release for members: the file's bytes (the detached signature,
        // base64 Ed25519 over exactly those bytes, rides along in the Chatham-Signature header),
        // and the same signature as a `.sig` file at `…/signature`.
        @Sendable func signedDigest(_ request: Request, _ context: BasicRequestContext) throws -> (DigestWriter.Signed, DigestFormat) {
            guard let token = bearerToken(request) else { throw APIError.unauthorized }
            _ = try server.credentials.authenticate(bearer: token)
            guard let period = context.parameters.get("period"), Period(period) != nil,
                  let formatText = context.parameters.get("format"), let format = DigestFormat(rawValue: formatText) else {
                throw APIError.notFound
            }
            let tlpText = request.uri.queryParameters.get("tlp") ?? WebPage.tlp.rawValue
            guard let tlp = TLPLevel(parsing: tlpText) else { throw APIError.notFound }
            let key = "\(period)|\(format.rawValue)|\(tlp.rawValue)"
            if let cached = cache.digest(key) { return (cached, format) }
            guard let made = try digests.digest(period: period, format: format, tlp: tlp) else { throw APIError.notFound }
            cache.storeDigest(made, key: key)
            return (made, format)
        }

        router.get("/v1/releases/:period/digest/:format") { request, context -> Response in
            let (signed, format) = try signedDigest(request, context)
            let signature = String(decoding: signed.signature, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return Response(status: .ok,
                            headers: [.contentType: format.mediaType, .cacheControl: "no-store",
                                      HTTPField.Name("Chatham-Signature")!: signature],
                            body: .init(byteBuffer: ByteBuffer(bytes: signed.bytes)))
        }

        router.get("/v1/releases/:period/digest/:format/signature") { request, context -> Response in
            let (signed, _) = try signedDigest(request, context)
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=us-ascii", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: signed.signature)))
        }

        router.post("/") { request, _ -> Response in
            var request = request
            let body = (try? await request.collectBody(upTo: 4096)).map { String(buffer: $0) } ?? ""
            let token = formValue(body, "token") ?? ""
            guard let member = try? server.credentials.authenticate(bearer: token) else {
                return html(WebPage.signIn(error: "That token was not accepted."), status: .unauthorized)
            }
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.headers[.setCookie] =
                "\(Sessions.cookieName)=\(server.sessions.issue(memberID: member.id)); Path=/; HttpOnly; SameSite=Strict; Max-Age=28800"
            return response
        }
    }

    /// The member signed in by cookie or bearer token; revoked members are signed out at once.
    static func signedInMember(_ request: Request, server: ServerContext) throws -> MemberRecord? {
        if let bearer = bearerToken(request) {
            return try server.credentials.authenticate(bearer: bearer)
        }
        guard let cookie = request.cookies[Sessions.cookieName]?.value,
              let id = server.sessions.memberID(cookie: cookie),
              let member = try server.store.member(id: id), !member.revoked else { return nil }
        return member
    }

    static func formValue(_ body: String, _ name: String) -> String? {
        for pair in body.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2, kv[0] == name {
                return kv[1].replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
        }
        return nil
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status,
                 headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                           .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'",
                           HTTPField.Name("Referrer-Policy")!: "no-referrer", HTTPField.Name("X-Frame-Options")!: "DENY"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The sign-in page and the frame around the digest. Every value is escaped.
enum WebPage {
    /// The marking of the page (members only).
    static let tlp = TLPLevel.green

    static func escape(_ s: String) -> String { HTMLText.escape(s) }

    static func page(_ title: String, _ body: String) -> String {
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>\(escape(title))</title><style>\(HTMLDigest.style)
        form{margin:2rem 0}input{font-size:1rem;padding:.4rem;width:100%;max-width:30rem}</style></head><body>\(body)</body></html>
        """
    }

    static func signIn(error: String?) -> String {
        page("chatham — sign in", """
            <h1>chatham</h1><p>Aggregate incident statistics of this community. Members sign in with their member token.</p>
            \(error.map { "<p role=\"alert\"><strong>\(escape($0))</strong></p>" } ?? "")
            <form method="post" action="/"><label for="token">Member token</label><br>
            <input id="token" name="token" type="password" autocomplete="off" required>
            <button type="submit">Sign in</button></form>
            """)
    }

    static func noRelease() -> String {
        page("chatham", "<h1>chatham</h1><p>No release has been published yet.</p>")
    }

    /// Below the digest: the other released periods (their digests are on the API).
    static func footer(periods: [String]) -> String {
        guard periods.count > 1 else { return "" }
        return "<nav><p class=\"s\">Earlier releases: " + periods.dropLast().reversed().map(escape).joined(separator: ", ")
            + " (chatham digest --period P).</p></nav>\n"
    }
}

/// Rendered pages and digests of releases, which never change once stored: rendering (and
/// reading a period's narratives) happens once per period, later requests are served from here.
final class DigestCache: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: String] = [:]
    private var digests: [String: DigestWriter.Signed] = [:]
    private static let limit = 64

    func page(_ period: String) -> String? { lock.withLock { pages[period] } }

    func storePage(_ page: String, period: String) {
        lock.withLock {
            if pages.count >= Self.limit { pages.removeAll() }
            pages[period] = page
        }
    }

    func digest(_ key: String) -> DigestWriter.Signed? { lock.withLock { digests[key] } }

    func storeDigest(_ digest: DigestWriter.Signed, key: String) {
        lock.withLock {
            if digests.count >= Self.limit { digests.removeAll() }
            digests[key] = digest
        }
    }
}
