import HTTPCore

/// One line of the route table (`Routes.table`): a method on a path, who may call it, how its
/// form is protected, and the handler that answers.
struct Route: Sendable {
    /// Who may call a route.
    enum Access: Sendable {
        /// Anyone: the login page, the language switch.
        case everyone
        /// A logged-in admin; without a session a GET goes to the login page.
        case session
        /// The shop's backend, with a bearer token; errors are JSON.
        case apiToken
    }

    /// How a POST proves it comes from the panel's own page (DESIGN.md §4).
    enum CSRF: Sendable {
        /// Not a form of the panel (GET, or the JSON API).
        case none
        /// `csrf_token` equals the session's token.
        case session
        /// The login form: the token of the login cookie (double submit) or of the session.
        case loginForm
    }

    /// What a handler answers with: the request's context and the path's arguments.
    typealias Handler = @Sendable (RequestContext, Path.Arguments) throws -> HTTPResponse

    let method: HTTPMethod
    let path: Path
    let access: Access
    let csrf: CSRF
    let handler: Handler

    /// A route of a path without arguments.
    init(
        _ method: HTTPMethod,
        _ path: Path,
        _ access: Access,
        csrf: CSRF = .none,
        _ handler: @escaping @Sendable (RequestContext) throws -> HTTPResponse
    ) {
        precondition(path.pattern.argument == nil, "\(path.rawValue) has an argument its handler does not take")
        self.init(method, path, access, csrf) { context, _ in try handler(context) }
    }

    /// A route of a path with a record number (`:id`).
    init(
        _ method: HTTPMethod,
        _ path: Path,
        _ access: Access,
        csrf: CSRF = .none,
        _ handler: @escaping @Sendable (RequestContext, Int64) throws -> HTTPResponse
    ) {
        precondition(path.pattern.argument == .id, "\(path.rawValue) has no :id for its handler")
        self.init(method, path, access, csrf) { context, arguments in try handler(context, arguments.id ?? 0) }
    }

    /// A route of a path with an event code (`:code`).
    init(
        _ method: HTTPMethod,
        _ path: Path,
        _ access: Access,
        csrf: CSRF = .none,
        _ handler: @escaping @Sendable (RequestContext, String) throws -> HTTPResponse
    ) {
        precondition(path.pattern.argument == .code, "\(path.rawValue) has no :code for its handler")
        self.init(method, path, access, csrf) { context, arguments in try handler(context, arguments.code ?? "") }
    }

    private init(_ method: HTTPMethod, _ path: Path, _ access: Access, _ csrf: CSRF, handler: @escaping Handler) {
        precondition(method != .post || access == .apiToken || csrf != .none, "a POST form without CSRF check")
        self.method = method
        self.path = path
        self.access = access
        self.csrf = csrf
        self.handler = handler
    }
}

extension Route {
    /// The routes of the path `requestPath` (all of one `Path`), or nil when no path matches.
    /// A literal segment wins over an argument: `/events/new` is the new-event form, not the
    /// event with the code `new`.
    static func lookup(_ requestPath: String, in table: RouteTable) -> (Path.Arguments, [Route])? {
        let segments = requestPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var best: (path: Path, arguments: Path.Arguments, literals: Int)?
        for path in table.paths {
            guard let arguments = path.pattern.match(segments) else { continue }
            let literals = path.pattern.literalCount
            if best == nil || literals > best!.literals { best = (path, arguments, literals) }
        }
        guard let best else { return nil }
        return (best.arguments, table.routes[best.path] ?? [])
    }
}

/// The route table indexed by path.
struct RouteTable: Sendable {
    let paths: [Path]
    let routes: [Path: [Route]]

    init(_ routes: [Route]) {
        var byPath: [Path: [Route]] = [:]
        var paths: [Path] = []
        for route in routes {
            if byPath[route.path] == nil { paths.append(route.path) }
            byPath[route.path, default: []].append(route)
        }
        self.paths = paths
        self.routes = byPath
    }
}
