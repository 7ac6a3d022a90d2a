import Foundation
public import HTTPCore
public import Logging
public import MailCore
public import Secrets
public import Sender
public import Storage
public import Templating

/// The admin panel as a value: `handle(request)` answers one HTTP request. FastCGI only
/// translates; tests call `handle` directly (STYLE.md "Do this" 10).
public final class AdminApp: HTTPHandler {
    let pool: DatabasePool
    let pages: PageLibrary
    let strings: StringCatalog
    let sealer: PasswordSealer
    let hasher: PasswordHasher
    let clock: any WallClock
    let logger: Logger
    let sessions: SessionPolicy
    /// Carries «Проверка профиля» test letters (libcurl in production).
    let transport: any MailTransport
    /// The sender's profile locks (`DataDirectory.locksPath`), which a check takes too.
    let locksFolder: String
    /// Starts a profile's pass for a priority letter committed here (a fake in tests).
    let waker: any PassWaker
    /// Compiled letter templates for the API, between requests.
    let letterTemplates = LetterTemplateCache()

    public init(
        pool: DatabasePool,
        pages: PageLibrary,
        strings: StringCatalog,
        sealer: PasswordSealer,
        transport: any MailTransport,
        locksFolder: String,
        waker: any PassWaker,
        hasher: PasswordHasher = PasswordHasher(),
        clock: any WallClock = SystemClock(),
        sessions: SessionPolicy = SessionPolicy(),
        logger: Logger
    ) {
        self.transport = transport
        self.locksFolder = locksFolder
        self.waker = waker
        self.pool = pool
        self.pages = pages
        self.strings = strings
        self.sealer = sealer
        self.hasher = hasher
        self.clock = clock
        self.sessions = sessions
        self.logger = logger
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let language =
            Language(rawValue: Cookies.parse(request.header("cookie"))[CookieName.language] ?? "") ?? .fallback
        do {
            return try pool.withConnection { db in
                var context = try RequestContext(app: self, request: request, db: db, language: language)
                return try context.respond()
            }
        } catch let problem as FormData.Problem {
            logger.info("malformed request", metadata: ["path": "\(request.path)", "problem": "\(problem)"])
            return errorPage(status: 400, key: "error_bad_request", language: language)
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.path)", "error": "\(error)"])
            return errorPage(status: 500, key: "error_internal", language: language)
        }
    }

    /// A minimal error page that needs no database.
    func errorPage(status: Int, key: String, language: Language) -> HTTPResponse {
        let context: [String: Any] = [
            "t": strings.table(language), "lang": language.rawValue, "message": strings.text(key, language),
            "status": status,
        ]
        let body = (try? pages.render("error", context)) ?? strings.text(key, language)
        var response = HTTPResponse(status: status, contentType: "text/html; charset=utf-8", text: body)
        response.addHeader("Cache-Control", "no-store")
        return response
    }
}

/// Names of the cookies the panel sets.
enum CookieName {
    static let session = "mr_session"
    static let login = "mr_login"
    static let language = "mr_lang"
}
