import Foundation
import HTTPCore
import MailCore
import Secrets
import Storage

/// Everything one request needs: the parsed input, the session, a database connection and
/// the moment it arrived. Built by `AdminApp.handle`, used by the page controllers.
struct RequestContext {
    let app: AdminApp
    let request: HTTPRequest
    let db: Database
    let now: Date
    let language: Language
    /// The path's routes; nil for an address the panel does not have.
    let routes: (arguments: Path.Arguments, routes: [Route])?
    let query: FormData
    let form: FormData
    let cookies: [String: String]
    private(set) var session: StoredSession?
    /// The token of the login form before there is a session (double-submit cookie).
    var loginToken: String
    /// `Set-Cookie` values to add to whatever response is produced.
    var newCookies: [String] = []

    init(app: AdminApp, request: HTTPRequest, db: Database, language: Language) throws {
        self.app = app
        self.request = request
        self.db = db
        self.language = language
        now = app.clock.now()
        // The JSON API reads neither: its bad input gets JSON errors from `api(_:)`.
        routes = Route.lookup(request.path, in: Routes.table)
        let isAPI = routes?.routes.first?.access == .apiToken
        query = isAPI ? FormData() : try FormData(urlEncoded: Array(request.query.utf8))
        let isForm =
            request.header("content-type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
        form = !isAPI && request.method == "POST" && isForm ? try FormData(urlEncoded: request.body) : FormData()
        cookies = Cookies.parse(request.header("cookie"))
        loginToken = cookies[CookieName.login] ?? ""
        session = try loadSession()
    }

    /// Answers from the route table: 404, 405, the access gate and the CSRF check come from
    /// the route's line, then its handler runs.
    mutating func respond() throws -> HTTPResponse {
        guard let (arguments, routes) = self.routes else { return notFound() }
        // HEAD is a GET whose body the FastCGI server leaves out.
        let method = request.method == "HEAD" ? "GET" : request.method
        guard let route = routes.first(where: { $0.method == method }) else {
            return methodNotAllowed(routes.map(\.method), api: routes.first?.access == .apiToken)
        }
        switch route.access {
        case .everyone, .apiToken:
            break
        case .session where session == nil:
            if method == "GET" {
                return .redirect(to: Path.login.link(query: [("next", request.path)]))
            }
            // An idle session ended under an open form: say so, rather than blame the form.
            return errorPage(status: 403, key: "error_session_ended")
        case .session:
            break
        }
        if !csrfIsValid(route.csrf) { return errorPage(status: 403, key: "error_csrf") }
        var response = try route.handler(&self, arguments)
        for cookie in newCookies { response.addHeader("Set-Cookie", cookie) }
        if response.header("Cache-Control") == nil { response.addHeader("Cache-Control", "no-store") }
        return response
    }

    // MARK: - Session and CSRF

    private func loadSession() throws -> StoredSession? {
        guard let token = cookies[CookieName.session], !token.isEmpty else { return nil }
        let store = SessionStore(db)
        let digest = TokenDigest.hex(token)
        guard let session = try store.find(tokenDigest: digest) else { return nil }
        let policy = app.sessions
        if policy.isExpired(created: session.createdAt, lastSeen: session.lastSeenAt, now: now) {
            try store.delete(tokenDigest: digest)
            return nil
        }
        if policy.needsTouch(lastSeen: session.lastSeenAt, now: now) {
            try store.touch(tokenDigest: digest, now: now)
        }
        return session
    }

    /// Every POST form carries `csrf_token`: the session's token, or on the login form the
    /// token of the login cookie (double submit). Checked here, before any handler runs.
    private func csrfIsValid(_ policy: Route.CSRF) -> Bool {
        if policy == .none { return true }
        guard let sent = form["csrf_token"], !sent.isEmpty else { return false }
        if let origin = request.header("origin"), let host = request.header("host"),
            origin != "http://\(host)" && origin != "https://\(host)"
        {
            return false
        }
        // The login form carries the login cookie's token even when the browser also has a
        // session: with SameSite=Strict, a page opened from another site sees no session cookie
        // and renders the login form, and the form's POST then arrives with both.
        if policy == .loginForm, !loginToken.isEmpty, ConstantTime.equals(sent, loginToken) { return true }
        guard let session else { return false }
        return ConstantTime.equals(sent, session.csrfToken)
    }

    /// Starts a new session for `admin` (a fresh token: the old one, if any, is dropped).
    mutating func startSession(for admin: Admin) throws {
        let store = SessionStore(db)
        if let old = cookies[CookieName.session] { try store.delete(tokenDigest: TokenDigest.hex(old)) }
        try store.deleteExpired(
            idleBefore: now.addingTimeInterval(-app.sessions.idleTimeout),
            createdBefore: now.addingTimeInterval(-app.sessions.absoluteTimeout)
        )
        let token = RandomBytes.token()
        try store.create(
            tokenDigest: TokenDigest.hex(token),
            adminID: admin.id,
            csrfToken: RandomBytes.token(),
            now: now
        )
        session = try store.find(tokenDigest: TokenDigest.hex(token))
        newCookies.append(Cookies.set(CookieName.session, token, secure: request.isHTTPS))
        newCookies.append(Cookies.expire(CookieName.login, secure: request.isHTTPS))
    }

    mutating func endSession() throws {
        if let session { try SessionStore(db).delete(tokenDigest: session.tokenDigest) }
        session = nil
        newCookies.append(Cookies.expire(CookieName.session, secure: request.isHTTPS))
    }

    // MARK: - Responses

    func text(_ key: String) -> String { app.strings.text(key, language) }

    /// Renders page `name` inside the layout with the values every page uses.
    func page(_ name: String, status: Int = 200, _ values: [String: Any]) throws -> HTTPResponse {
        var context = values
        context["t"] = app.strings.table(language)
        context["lang"] = language.rawValue
        context["csrf"] = session?.csrfToken ?? loginToken
        if let session { context["admin"] = ["name": session.adminName] }
        let other: Language = language == .ru ? .en : .ru
        context["other_lang"] = ["code": other.rawValue, "label": app.strings.text("language_name", other)]
        context["lang_back"] = PercentEncoding.encodeQueryValue(request.path)
        let html = try app.pages.render(name, context)
        return HTTPResponse(status: status, contentType: "text/html; charset=utf-8", text: html)
    }

    func errorPage(status: Int, key: String) -> HTTPResponse {
        app.errorPage(status: status, key: key, language: language)
    }

    func notFound() -> HTTPResponse { errorPage(status: 404, key: "error_not_found") }

    /// 405 with the methods the path has; JSON for the API.
    private func methodNotAllowed(_ methods: [String], api: Bool) -> HTTPResponse {
        var response =
            api
            ? APIResponse.error(405, "method_not_allowed", field: nil, "use \(methods.joined(separator: " or "))")
            : errorPage(status: 405, key: "error_method")
        response.addHeader("Allow", methods.joined(separator: ", "))
        return response
    }
}
