import Foundation
import HTTPCore
import Secrets
import Storage
import Templating

/// Logging in and out (DESIGN.md §4).
enum LoginController {
    static func page(_ context: RequestContext) throws -> HTTPResponse {
        if context.session != nil { return .redirect(to: nextPath(context)) }
        return form(context, LoginPage(name: "", next: nextPath(context)))
    }

    /// A login attempt. Its key derivation waits for no one: when `KeyDerivationGate` is full the
    /// answer is 503 at once, counted nowhere, so a flood of logins keeps its hands off the worker
    /// threads the API and the other pages need.
    static func submit(_ context: RequestContext) throws -> HTTPResponse {
        let name = (context.form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = context.form["password"] ?? ""
        let answer = try context.services.derivations.ifFree {
            try attempt(context, name: name, password: password)
        }
        if let answer { return answer }
        context.logger.notice(
            "login refused: key derivations busy",
            metadata: ["address": "\(context.request.remoteAddress)"]
        )
        let page = LoginPage(name: name, next: nextPath(context), error: context.strings.text(.loginBusy))
        var response = form(context, page, status: .serviceUnavailable)
        response.headers[.retryAfter] = String(busyRetrySeconds)
        return response
    }

    /// When a browser turned away by a full gate may try again.
    static let busyRetrySeconds = 5

    /// Checks `password` for `name` within the throttle (`LoginThrottle`), with exactly one key
    /// derivation on every path, so the time taken tells nothing about the name.
    private static func attempt(_ context: RequestContext, name: String, password: String) throws -> HTTPResponse {
        let secure = context.request.isHTTPS
        let signer = context.services.deviceSigner
        let device = DeviceCookie(context.cookies[CookieName.device(secure: secure)], signer: signer, now: context.now)
            .flatMap { $0.isFor(name: name) ? $0 : nil }
        let throttle = LoginThrottle(db: context.db)
        let subjects = LoginThrottle.subjects(
            name: name,
            address: context.request.remoteAddress,
            device: device?.nonce
        )
        let wait = try throttle.admit(subjects, now: context.now)
        if wait > 0 {
            let seconds = Int(wait.rounded(.up))
            let message = context.strings.text(.loginWait(seconds: seconds))
            return form(
                context,
                LoginPage(name: name, next: nextPath(context), error: message),
                status: .tooManyRequests
            )
        }
        let admin = name.count <= LoginThrottle.maxNameLength ? try AdminStore(context.db).find(name: name) : nil
        let hasher = context.services.hasher
        let verified: Bool
        if let admin, !password.isEmpty {
            verified = hasher.verify(password, against: admin.passwordHash)
        } else {
            hasher.verifyNothing(password)
            verified = false
        }
        guard let admin, verified else {
            context.logger.notice("login failed", metadata: ["address": "\(context.request.remoteAddress)"])
            let page = LoginPage(name: name, next: nextPath(context), error: context.strings.text(.loginFailed))
            return form(context, page, status: .unauthorized)
        }
        try throttle.succeeded(subjects)
        if hasher.needsRehash(admin.passwordHash) {
            try AdminStore(context.db).rehash(id: admin.id, passwordHash: try hasher.hash(password), now: context.now)
        }
        let cookies = try gate(context).start(for: admin, cookies: context.cookies, secure: secure)
        context.logger.info("login", metadata: ["admin": "\(admin.name)"])
        var response = HTTPResponse.redirect(to: nextPath(context))
        for cookie in cookies { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
        // A new device cookie at every login (OWASP): this browser is known for the name from now on.
        let known = DeviceCookie(name: admin.name, now: context.now)
        let deviceCookie = Cookies.set(
            CookieName.device(secure: secure),
            known.value(signer: signer),
            secure: secure,
            maxAge: Int(DeviceCookie.lifetime)
        )
        response.headers.append(HTTPField(name: .setCookie, value: deviceCookie))
        return response
    }

    static func logout(_ context: RequestContext) throws -> HTTPResponse {
        var response = HTTPResponse.redirect(to: Path.login.link())
        let cookie = try gate(context).end(context.session, secure: context.request.isHTTPS)
        response.headers.append(HTTPField(name: .setCookie, value: cookie))
        return response
    }

    /// The login form, carrying the token of the login cookie (set here the first time).
    private static func form(_ context: RequestContext, _ page: LoginPage, status: HTTPStatus = .ok) -> HTTPResponse {
        let secure = context.request.isHTTPS
        let existing = context.cookies[CookieName.login(secure: secure)] ?? ""
        let token = existing.isEmpty ? RandomBytes.token() : existing
        var response = context.render(page, status: status, csrf: token)
        if existing.isEmpty {
            let cookie = Cookies.set(CookieName.login(secure: secure), token, secure: secure)
            response.headers.append(HTTPField(name: .setCookie, value: cookie))
        }
        return response
    }

    private static func gate(_ context: RequestContext) -> SessionGate {
        SessionGate(db: context.db, policy: context.services.sessions, now: context.now)
    }

    /// Where to go after logging in: `next` from the form or query, if it is a local path.
    private static func nextPath(_ context: RequestContext) -> String {
        PercentEncoding.safeLocalPath(context.form["next"] ?? context.query["next"])
    }
}

/// «Вход в mailrobot»: the name typed so far, where to go next, and why the last try failed.
struct LoginPage: PageModel {
    let name: String
    let next: String
    var error: String?

    static let template = "login"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.login }
    static let templateFields: TemplateFields<Self> = [
        "name": .text(\.name), "next": .text(\.next), "error": .optionalText(\.error),
    ]
}
