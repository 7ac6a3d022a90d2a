import Foundation
import HTTPCore
import Logging
import MailCore
import Storage

/// What a controller is given for one request: the request and its parsed input, the admin's
/// session, a database connection, the moment it arrived and the reader's language; `services`
/// holds what some controllers need besides (the sealer, the mail transport, the hasher …).
struct RequestContext {
    let request: HTTPRequest
    /// The query string's fields (empty for the JSON API, which reads none).
    let query: FormData
    /// A POSTed form's fields.
    let form: FormData
    let cookies: [String: String]
    /// The logged-in admin's session; nil on public pages without one.
    let session: StoredSession?
    let db: Database
    let now: Date
    let language: Language
    /// The catalogue's texts in the reader's language.
    let strings: Strings
    let services: Services

    var logger: Logger { services.logger }

    /// The page of `model` inside the layout, with `flash` (what was just done) above it; without
    /// one, the message a redirect carried (`Flash`) shows there with what to do next beside it,
    /// and its cookie is removed. `csrf` is the form token of a page shown before login (else the
    /// session's).
    func render<Page: PageModel>(
        _ model: Page,
        status: HTTPStatus = .ok,
        flash: String? = nil,
        csrf: String? = nil
    ) -> HTTPResponse {
        var chrome = services.chrome(
            language,
            csrf: csrf ?? session?.csrfToken ?? "",
            admin: session?.adminName,
            back: request.path
        )
        let pending: (flash: Flash?, hasCookie: Bool) = flash == nil ? pendingFlash : (nil, false)
        chrome.flash = flash ?? pending.flash?.text(strings)
        chrome.flashLink = pending.flash?.nextStep(strings)
        if session != nil { chrome.failing = FailingBanner(db: db, now: now, strings: strings) }
        var response = HTTPResponse(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .bytes(Page.compiled(in: services.pages).render(model, chrome: chrome, language: language))
        )
        if pending.hasCookie {
            let expired = Cookies.expire(CookieName.flash, secure: request.isHTTPS)
            response.headers.append(HTTPField(name: .setCookie, value: expired))
        }
        return response
    }

    func errorPage(status: HTTPStatus, key: TextKey) -> HTTPResponse {
        services.errorPage(status: status, key: key, language: language)
    }

    func notFound() -> HTTPResponse { errorPage(status: .notFound, key: .errorNotFound) }
}
