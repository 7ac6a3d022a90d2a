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
    let services: Services

    /// - Parameters:
    ///   - derivations: how many logins may derive a password key at once
    ///     (`KeyDerivationGate(workerThreads:)` of the FastCGI server); the others get a 503.
    ///   - deviceKey: the secret key; device cookies are signed under a key derived from it.
    public init(
        pool: DatabasePool,
        pages: PageLibrary,
        strings: StringCatalog,
        sealer: PasswordSealer,
        transport: any MailTransport,
        resolver: any DNSResolver,
        locksFolder: String,
        waker: any PassWaker,
        hasher: PasswordHasher = PasswordHasher(),
        derivations: KeyDerivationGate,
        deviceKey: SecretKey,
        clock: any WallClock = SystemClock(),
        sessions: SessionPolicy = SessionPolicy(),
        logger: Logger
    ) throws(TemplateError) {
        try Strings.check(strings)
        self.pool = pool
        services = Services(
            pages: try Pages(pages, strings: strings),
            words: Language.allCases.map { Strings(catalog: strings, language: $0) },
            sealer: sealer,
            hasher: hasher,
            derivations: derivations,
            deviceSigner: MessageSigner(key: deviceKey, purpose: DeviceCookie.purpose),
            sessions: sessions,
            clock: clock,
            transport: transport,
            resolver: resolver,
            locksFolder: locksFolder,
            waker: waker,
            letterTemplates: LetterTemplateCache(),
            logger: logger
        )
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let cookies = Cookies.parse(request.headers[.cookie])
        let language = Language(rawValue: cookies[CookieName.language] ?? "") ?? .fallback
        do {
            return try pool.withConnection { db in
                try respond(to: request, cookies: cookies, db: db, language: language)
            }
        } catch let problem as FormData.Problem {
            services.logger.info("malformed request", metadata: ["path": "\(request.path)", "problem": "\(problem)"])
            return services.errorPage(status: .badRequest, key: .errorBadRequest, language: language)
        } catch {
            services.logger.error("request failed", metadata: ["path": "\(request.path)", "error": "\(error)"])
            return services.errorPage(status: .internalServerError, key: .errorInternal, language: language)
        }
    }

    /// Answers from the route table: an unknown path is 404, a method the path does not take 405,
    /// then the access gate and the CSRF check of the route's line, then its handler.
    private func respond(
        to request: HTTPRequest,
        cookies: [String: String],
        db: Database,
        language: Language
    ) throws -> HTTPResponse {
        let found = Route.lookup(request.path, in: Routes.table)
        let isAPI = found?.1.first?.access == .apiToken
        // The JSON API reads neither: its bad input gets JSON errors from its controller.
        let query = isAPI ? FormData() : try FormData(urlEncoded: Array(request.query.utf8))
        let isForm =
            request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
        let form = !isAPI && request.method == .post && isForm ? try FormData(urlEncoded: request.body) : FormData()
        let now = services.clock.now()
        let session = try SessionGate(db: db, policy: services.sessions, now: now)
            .current(cookies, secure: request.isHTTPS)
        let context = RequestContext(
            request: request,
            query: query,
            form: form,
            cookies: cookies,
            session: session,
            db: db,
            now: now,
            language: language,
            strings: services.strings(language),
            services: services
        )
        guard let (arguments, routes) = found else { return context.notFound() }
        // HEAD is a GET whose body the FastCGI server leaves out.
        let method: HTTPMethod = request.method == .head ? .get : request.method
        guard let route = routes.first(where: { $0.method == method }) else {
            return methodNotAllowed(routes.map(\.method), api: isAPI, context)
        }
        if route.access == .session && session == nil {
            if method == .get { return .redirect(to: Path.login.link(query: [("next", request.path)])) }
            // An idle session ended under an open form: say so, rather than blame the form.
            return context.errorPage(status: .forbidden, key: .errorSessionEnded)
        }
        guard csrfIsValid(route.csrf, context) else { return context.errorPage(status: .forbidden, key: .errorCsrf) }
        // A GET only reads (Routes.swift): its queries share one snapshot, and one read
        // transaction rather than one per query (each takes SQLite's shared-memory lock).
        var response =
            method == .get
            ? try db.read { _ in try route.handler(context, arguments) } : try route.handler(context, arguments)
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// Every POST form carries `csrf_token`: the session's token, or on the login form the token
    /// of the login cookie (double submit). Checked here, before any handler runs.
    private func csrfIsValid(_ policy: Route.CSRF, _ context: RequestContext) -> Bool {
        if policy == .none { return true }
        guard let sent = context.form["csrf_token"], !sent.isEmpty else { return false }
        guard OriginCheck.allows(context.request) else { return false }
        // The login form carries the login cookie's token even when the browser also has a
        // session: with SameSite=Strict, a page opened from another site sees no session cookie
        // and renders the login form, and the form's POST then arrives with both.
        let loginToken = context.cookies[CookieName.login(secure: context.request.isHTTPS)] ?? ""
        if policy == .loginForm, !loginToken.isEmpty, ConstantTime.equals(sent, loginToken) { return true }
        guard let session = context.session else { return false }
        return ConstantTime.equals(sent, session.csrfToken)
    }

    /// 405 with the methods the path has; JSON for the API.
    private func methodNotAllowed(_ methods: [HTTPMethod], api: Bool, _ context: RequestContext) -> HTTPResponse {
        let names = methods.map(\.rawValue)
        var response =
            api
            ? APIResponse.error(
                .methodNotAllowed,
                "method_not_allowed",
                field: nil,
                "use \(names.joined(separator: " or "))"
            )
            : context.errorPage(status: .methodNotAllowed, key: .errorMethod)
        response.headers[.allow] = methods.map(\.rawValue).joined(separator: ", ")
        return response
    }
}

extension HTTPField.Name {
    /// `Host` as nginx passes it (`HTTP_HOST`); swift-http-types keeps the name for HTTP/2's
    /// `:authority` and marks its own constant unavailable.
    static let requestHost = HTTPField.Name("Host")!
}

/// Names of the cookies the panel sets. Under HTTPS the ones that guard the account carry the
/// `__Host-` prefix: a browser keeps such a cookie only when it came over HTTPS from this very host
/// with Path=/ and no Domain, so a sibling subdomain or a plain-HTTP answer cannot plant or shadow
/// it. Under HTTPS only the prefixed name is read.
enum CookieName {
    static let language = "mr_lang"
    static let flash = "mr_flash"

    /// The session token.
    static func session(secure: Bool) -> String { guarded("mr_session", secure: secure) }
    /// The login form's token (double submit) before there is a session.
    static func login(secure: Bool) -> String { guarded("mr_login", secure: secure) }
    /// The signed mark of a browser that has logged in before (`DeviceCookie`).
    static func device(secure: Bool) -> String { guarded("mr_device", secure: secure) }

    private static func guarded(_ name: String, secure: Bool) -> String { secure ? "__Host-" + name : name }
}
