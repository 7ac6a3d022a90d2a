import Foundation
import HTTPCore
import Logging
import MailCore
import MailTestSupport
import Secrets
import Storage
import Templating
import Web

/// An `AdminApp` over a temporary database, driven like a browser: it keeps cookies and reads
/// the CSRF token from the last page.
final class WebHarness {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../templates").standardized.path

    let directory = TemporaryDirectory()
    let clock = TestClock()
    let key = SecretKey.random()
    let hasher = PasswordHasher(rounds: 1_000)
    let app: AdminApp
    let transport: ScriptedTransport
    /// The profiles whose pass a committed priority letter woke.
    let wakes = RecordingWaker()
    let db: Database
    var cookies: [String: String] = [:]
    var lastPage = ""
    var remoteAddress = "192.0.2.10"

    /// `resolver` answers «Проверка домена»: by default a DNS where no name exists.
    init(transport: ScriptedTransport = ScriptedTransport(), resolver: any DNSResolver = TableResolver([:])) throws {
        self.transport = transport
        let path = directory.file("mailrobot.sqlite")
        db = try Database(path: path)
        app = try AdminApp(
            pool: try DatabasePool(path: path),
            pages: try PageLibrary(directory: Self.templates + "/pages"),
            strings: try StringCatalog(directory: Self.templates + "/i18n"),
            sealer: PasswordSealer(key: key),
            transport: transport,
            resolver: resolver,
            locksFolder: directory.file("locks"),
            waker: wakes,
            hasher: hasher,
            clock: clock,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        _ = try AdminStore(db).add(name: "admin", passwordHash: hasher.hash("correct horse battery"), now: clock.now())
    }

    @discardableResult
    func get(_ path: String, https: Bool = false) -> HTTPResponse {
        let parts = path.split(separator: "?", maxSplits: 1).map(String.init)
        return send(
            HTTPRequest(
                method: .get,
                path: parts[0],
                query: parts.count > 1 ? parts[1] : "",
                headers: cookieHeader,
                remoteAddress: remoteAddress,
                isHTTPS: https
            )
        )
    }

    /// Posts a form; the CSRF token of the last page is added unless `csrf` says otherwise.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf: String? = nil, https: Bool = false) -> HTTPResponse {
        let token = csrf ?? csrfToken
        let all = (token.isEmpty ? [] : [("csrf_token", token)]) + fields
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return postRaw(path, body: Array(body.utf8), https: https)
    }

    @discardableResult
    func postRaw(_ path: String, body: [UInt8], https: Bool = false) -> HTTPResponse {
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        return send(
            HTTPRequest(
                method: .post,
                path: path,
                headers: headers,
                body: body,
                remoteAddress: remoteAddress,
                isHTTPS: https
            )
        )
    }

    /// Opens the login page and logs in as the test administrator.
    func logIn(password: String = "correct horse battery") {
        get("/login")
        post("/login", [("name", "admin"), ("password", password)])
    }

    /// Creates a profile through the form and returns its id.
    @discardableResult
    func createProfile(_ name: String, extra: [(String, String)] = []) throws -> Int64 {
        get("/profiles/new")
        let fields = Self.profileFields(name: name).filter { field in !extra.contains { $0.0 == field.0 } } + extra
        let response = post("/profiles", fields)
        guard response.status == .seeOther else { throw HarnessError.unexpected(response.status.code, lastPage) }
        return try ProfileStore(db).find(name: name)!.id
    }

    static func profileFields(name: String) -> [(String, String)] {
        [
            ("name", name), ("host", "smtp.example.com"), ("port", "465"), ("security", "ssl"),
            ("sender_name", "Магазин"), ("sender_email", ""), ("login", "shop@example.com"),
            ("password", "s3cret-app-pass"), ("max_per_day", "100"), ("interval_minutes", "5"),
            ("batch_size", "10"), ("priority_per_day", "10"),
        ]
    }

    var csrfToken: String {
        guard let range = lastPage.range(of: "name=\"csrf_token\" value=\"") else { return "" }
        return String(lastPage[range.upperBound...].prefix { $0 != "\"" })
    }

    private var cookieHeader: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    private func send(_ request: HTTPRequest) -> HTTPResponse {
        let response = app.handle(request)
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(
                separator: "=",
                maxSplits: 1,
                omittingEmptySubsequences: false
            )
            let cookieName = String(pair[0])
            let cookieValue = pair.count > 1 ? String(pair[1]) : ""
            if value.contains("Max-Age=0") { cookies[cookieName] = nil } else { cookies[cookieName] = cookieValue }
        }
        if case .bytes(let bytes) = response.body, response.header("Content-Type")?.hasPrefix("text/html") == true {
            lastPage = String(decoding: bytes, as: UTF8.self)
        }
        return response
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    enum HarnessError: Error {
        case unexpected(Int, String)
    }
}

extension HTTPResponse {
    var text: String { String(decoding: bodyBytes, as: UTF8.self) }
}
