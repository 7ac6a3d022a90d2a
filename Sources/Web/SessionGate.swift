import Foundation
import Secrets
import Storage

/// Admins' sessions (DESIGN.md §4): found from the session cookie, ended when idle or too old,
/// touched at most once a `touchInterval`, and started with a fresh token at login.
struct SessionGate {
    let db: Database
    let policy: SessionPolicy
    let now: Date

    /// The session of the cookies, if it is still alive; `secure` (HTTPS) reads the `__Host-` name.
    func current(_ cookies: [String: String], secure: Bool) throws -> StoredSession? {
        guard let token = cookies[CookieName.session(secure: secure)], !token.isEmpty else { return nil }
        let store = SessionStore(db)
        let digest = TokenDigest.hex(token)
        guard let session = try store.find(tokenDigest: digest) else { return nil }
        if policy.isExpired(created: session.createdAt, lastSeen: session.lastSeenAt, now: now) {
            try store.delete(tokenDigest: digest)
            return nil
        }
        if policy.needsTouch(lastSeen: session.lastSeenAt, now: now) {
            try store.touch(tokenDigest: digest, now: now)
        }
        return session
    }

    /// Starts a new session for `admin`, dropping the browser's old one (a fresh token at every
    /// login); returns the `Set-Cookie` values that carry it and drop the login cookie.
    func start(for admin: Admin, cookies: [String: String], secure: Bool) throws -> [String] {
        let store = SessionStore(db)
        if let old = cookies[CookieName.session(secure: secure)] {
            try store.delete(tokenDigest: TokenDigest.hex(old))
        }
        try store.deleteExpired(
            idleBefore: now.addingTimeInterval(-policy.idleTimeout),
            createdBefore: now.addingTimeInterval(-policy.absoluteTimeout)
        )
        let token = RandomBytes.token()
        try store.create(
            tokenDigest: TokenDigest.hex(token),
            adminID: admin.id,
            csrfToken: RandomBytes.token(),
            now: now
        )
        return [
            Cookies.set(CookieName.session(secure: secure), token, secure: secure),
            Cookies.expire(CookieName.login(secure: secure), secure: secure),
        ]
    }

    /// Ends `session`; returns the `Set-Cookie` value that removes the cookie.
    func end(_ session: StoredSession?, secure: Bool) throws -> String {
        if let session { try SessionStore(db).delete(tokenDigest: session.tokenDigest) }
        return Cookies.expire(CookieName.session(secure: secure), secure: secure)
    }
}
