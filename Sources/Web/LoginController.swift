import Foundation
import HTTPCore
import Secrets
import Storage

/// Logging in and out (DESIGN.md §4).
extension RequestContext {
    mutating func loginPage(message: String? = nil, name: String = "", status: Int = 200) throws -> HTTPResponse {
        if session != nil && message == nil { return .redirect(to: nextPath) }
        if loginToken.isEmpty {
            loginToken = RandomBytes.token()
            newCookies.append(Cookies.set(CookieName.login, loginToken, secure: request.isHTTPS))
        }
        var values: [String: Any] = ["name": name, "next": nextPath]
        if let message { values["error"] = message }
        return try page("login", status: status, values)
    }

    mutating func login() throws -> HTTPResponse {
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        let throttle = LoginThrottle(store: LoginFailureStore(db))
        let subjects = LoginThrottle.subjects(name: name, address: request.remoteAddress)
        let wait = try throttle.waitTime(for: subjects, now: now)
        if wait > 0 {
            let seconds = Int(wait.rounded(.up))
            return try loginPage(
                message: text("login_wait").replacingOccurrences(of: "{seconds}", with: String(seconds)),
                name: name,
                status: 429
            )
        }
        let admin = try AdminStore(db).find(name: name)
        guard let admin, !password.isEmpty, app.hasher.verify(password, against: admin.passwordHash) else {
            if admin == nil { app.hasher.verifyNothing(password) }
            try throttle.recordFailure(for: subjects, now: now)
            app.logger.notice("login failed", metadata: ["address": "\(request.remoteAddress)"])
            return try loginPage(message: text("login_failed"), name: name, status: 401)
        }
        try throttle.recordSuccess(for: subjects)
        if app.hasher.needsRehash(admin.passwordHash) {
            try AdminStore(db).rehash(id: admin.id, passwordHash: try app.hasher.hash(password), now: now)
        }
        try startSession(for: admin)
        app.logger.info("login", metadata: ["admin": "\(admin.name)"])
        return .redirect(to: nextPath)
    }

    mutating func logout() throws -> HTTPResponse {
        try endSession()
        return .redirect(to: "/login")
    }

    /// Where to go after logging in: `next` from the form or query, if it is a local path.
    private var nextPath: String {
        PercentEncoding.safeLocalPath(form["next"] ?? query["next"])
    }
}
