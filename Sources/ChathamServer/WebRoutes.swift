import ChathamModel
import ChathamStore
import Foundation
import HTTPTypes
import Hummingbird

/// `GET /`: the latest release as a server-rendered page (no JavaScript), behind a member sign-in.
enum WebRoutes {
    static func add(to router: Router<BasicRequestContext>, server: ServerContext) {
        router.get("/") { request, _ -> Response in
            guard let member = try signedInMember(request, server: server) else {
                return html(WebPage.signIn(error: nil))
            }
            _ = member
            let periods = try server.store.releasePeriods()
            guard let period = periods.last, let text = try server.store.release(period: period),
                  let document = try? ReleaseDocument.decode(json: Data(text.utf8)) else {
                return html(WebPage.release(nil, periods: periods))
            }
            return html(WebPage.release(document, periods: periods))
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

/// HTML rendering of the page. Every value is escaped.
enum WebPage {
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static let style = """
        body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}
        table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}td,th{padding:.2rem .5rem;border-bottom:1px solid #ddd;text-align:left}
        td.n{text-align:right;font-variant-numeric:tabular-nums}.bar{background:#3a6ea5;height:.8rem;display:inline-block}
        .sup{color:#888}h2{margin-top:2rem;font-size:1.1rem}form{margin:2rem 0}input{font-size:1rem;padding:.4rem;width:100%;max-width:30rem}
        @media print{form{display:none}}
        """

    static func page(_ title: String, _ body: String) -> String {
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>\(escape(title))</title><style>\(style)</style></head><body>\(body)</body></html>
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

    static func release(_ document: ReleaseDocument?, periods: [String]) -> String {
        guard let document else {
            return page("chatham", "<h1>chatham</h1><p>No release has been published yet.</p>")
        }
        var body = "<h1>chatham — release \(escape(document.period))</h1>"
        body += "<p>Counts are incidents. A cell is shown only when at least \(document.policy.minContributors) distinct members stand behind it and no two of them dominate it; "
        body += "others are marked <span class=\"sup\">suppressed</span>. Signed (Ed25519).</p>"
        for table in document.tables {
            body += "<h2>\(escape(table.name))</h2><table><thead><tr>"
            body += table.dimensions.map { "<th>\(escape($0))</th>" }.joined() + "<th>count</th><th></th></tr></thead><tbody>"
            let maxCount = table.cells.filter { !$0.key.values.allSatisfy { $0 == "*" } }.compactMap(\.count).max() ?? 1
            for cell in table.cells {
                body += "<tr>" + table.dimensions.map { "<td>\(escape(cell.key[$0] ?? ""))</td>" }.joined()
                if let count = cell.count {
                    let width = cell.key.values.contains("*") ? 0 : max(1, count * 200 / max(maxCount, 1))
                    body += "<td class=\"n\">\(count)</td><td><span class=\"bar\" style=\"width:\(width)px\"></span></td>"
                } else {
                    body += "<td class=\"n sup\">suppressed</td><td></td>"
                }
                body += "</tr>"
            }
            body += "</tbody></table>"
        }
        if periods.count > 1 {
            body += "<p>Earlier releases: " + periods.dropLast().map(escape).joined(separator: ", ") + "</p>"
        }
        return page("chatham — \(document.period)", body)
    }
}
