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
        let throttle = LoginThrottle(db: db)
        let subjects = LoginThrottle.subjects(name: name, address: request.remoteAddress)
        let wait = try throttle.admit(subjects, now: now)
        if wait > 0 {
            let seconds = Int(wait.rounded(.up))
            return try loginPage(
                message: text("login_wait").replacingOccurrences(of: "{seconds}", with: String(seconds)),
                name: name,
                status: 429
            )
        }
        // Exactly one key derivation on every path, so the time taken tells nothing about the name.
        let admin = name.count <= LoginThrottle.maxNameLength ? try AdminStore(db).find(name: name) : nil
        let verified: Bool
        if let admin, !password.isEmpty {
            verified = app.hasher.verify(password, against: admin.passwordHash)
        } else {
            app.hasher.verifyNothing(password)
            verified = false
        }
        guard let admin, verified else {
            app.logger.notice("login failed", metadata: ["address": "\(request.remoteAddress)"])
            return try loginPage(message: text("login_failed"), name: name, status: 401)
        }
        try throttle.succeeded(subjects)
        if app.hasher.needsRehash(admin.passwordHash) {
            try AdminStore(db).rehash(id: admin.id, passwordHash: try app.hasher.hash(password), now: now)
        }
        try startSession(for: admin)
        app.logger.info("login", metadata: ["admin": "\(admin.name)"])
        return .redirect(to: nextPath)
    }

    mutating func logout() throws -> HTTPResponse {
        try endSession()
        return .redirect(to: Path.login.link())
    }

    /// Where to go after logging in: `next` from the form or query, if it is a local path.
    private var nextPath: String {
        PercentEncoding.safeLocalPath(form["next"] ?? query["next"])
    }
}
