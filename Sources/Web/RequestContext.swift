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
    /// The address's route; nil for an address the panel does not have.
    let route: Route?
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
        route = Route(path: request.path)
        let isAPI = route?.isAPI ?? false
        query = isAPI ? FormData() : try FormData(urlEncoded: Array(request.query.utf8))
        let isForm =
            request.header("content-type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
        form = !isAPI && request.method == "POST" && isForm ? try FormData(urlEncoded: request.body) : FormData()
        cookies = Cookies.parse(request.header("cookie"))
        loginToken = cookies[CookieName.login] ?? ""
        session = try loadSession()
    }

    /// Routes the request, after the session and CSRF checks every page shares.
    mutating func respond() throws -> HTTPResponse {
        guard let route else { return notFound() }
        if route.isAPI { return try api(route) }
        if route.needsSession && session == nil {
            if request.method == "GET" || request.method == "HEAD" {
                return .redirect(to: "/login?next=" + PercentEncoding.encodeQueryValue(request.path))
            }
            // An idle session ended under an open form: say so, rather than blame the form.
            return errorPage(status: 403, key: "error_session_ended")
        }
        if request.method == "POST" && !csrfIsValid(for: route) {
            return errorPage(status: 403, key: "error_csrf")
        }
        var response = try dispatch(route)
        for cookie in newCookies { response.addHeader("Set-Cookie", cookie) }
        if response.header("Cache-Control") == nil { response.addHeader("Cache-Control", "no-store") }
        return response
    }

    private mutating func dispatch(_ route: Route) throws -> HTTPResponse {
        // HEAD is a GET whose body the FastCGI server leaves out.
        switch (route, request.method == "HEAD" ? "GET" : request.method) {
        case (.home, "GET"): return .redirect(to: "/profiles")
        case (.login, "GET"): return try loginPage()
        case (.login, "POST"): return try login()
        case (.logout, "POST"): return try logout()
        case (.language, "GET"): return switchLanguage()
        case (.profiles, "GET"): return try profileList()
        case (.profiles, "POST"): return try saveProfile(id: nil)
        case (.newProfile, "GET"): return try profileForm(id: nil)
        case (.profileExport, "GET"): return try profileExport()
        case (.editProfile(let id), "GET"): return try profileForm(id: id)
        case (.profile(let id), "POST"): return try saveProfile(id: id)
        case (.deleteProfile(let id), "GET"): return try deleteConfirmation(id: id)
        case (.deleteProfile(let id), "POST"): return try deleteProfile(id: id)
        case (.defaultProfile(let id), "POST"): return try makeDefault(id: id)
        case (.checkProfile(let id), "GET"): return try checkPage(id: id)
        case (.checkProfile(let id), "POST"): return try checkProfile(id: id)
        case (.settings, "GET"): return try settingsPage()
        case (.settings, "POST"): return try saveSettings()
        // Events and API tokens.
        case (.events, "GET"): return try eventList()
        case (.events, "POST"): return try createEvent()
        case (.newEvent, "GET"): return try newEventForm()
        case (.eventExport, "GET"): return try eventExport()
        case (.event(let code), "GET"): return try eventForm(code: code)
        case (.event(let code), "POST"): return try saveEvent(code: code)
        case (.eventPreview(let code), "POST"): return try eventPreview(code: code)
        case (.tokens, "GET"): return try tokenList()
        case (.tokens, "POST"): return try createToken()
        case (.tokenExport, "GET"): return try tokenExport()
        case (.revokeToken(let id), "GET"): return try revokeConfirmation(id: id)
        case (.revokeToken(let id), "POST"): return try revokeToken(id: id)
        // «Журнал»
        case (.journal, "GET"): return try journalPage()
        case (.journalExport, "GET"): return try journalExport()
        case (.journalLetter(let id), "GET"): return try journalLetter(id: id)
        case (.retryLetter(let id), "GET"): return try letterActionConfirmation(id: id, .retry)
        case (.retryLetter(let id), "POST"): return try letterAction(id: id, .retry)
        case (.cancelLetter(let id), "GET"): return try letterActionConfirmation(id: id, .cancel)
        case (.cancelLetter(let id), "POST"): return try letterAction(id: id, .cancel)
        case (.retryFailed(let id), "GET"): return try retryFailedConfirmation(profileID: id)
        case (.retryFailed(let id), "POST"): return try retryFailed(profileID: id)
        default: return route.methods.contains(request.method) ? notFound() : methodNotAllowed(route)
        }
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

    /// Every POST carries `csrf_token`: the session's token, or before login the token of the
    /// login cookie (double submit). Checked here, before any handler runs.
    private func csrfIsValid(for route: Route) -> Bool {
        guard let sent = form["csrf_token"], !sent.isEmpty else { return false }
        if let origin = request.header("origin"), let host = request.header("host"),
            origin != "http://\(host)" && origin != "https://\(host)"
        {
            return false
        }
        // The login form carries the login cookie's token even when the browser also has a
        // session: with SameSite=Strict, a page opened from another site sees no session cookie
        // and renders the login form, and the form's POST then arrives with both.
        if route == .login, !loginToken.isEmpty, ConstantTime.equals(sent, loginToken) { return true }
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

    private func methodNotAllowed(_ route: Route) -> HTTPResponse {
        var response = errorPage(status: 405, key: "error_method")
        response.addHeader("Allow", route.methods.joined(separator: ", "))
        return response
    }
}
