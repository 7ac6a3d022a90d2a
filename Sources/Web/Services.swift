import HTTPCore
import Logging
import MailCore
import Secrets
import Sender
import Templating

/// The parts of the panel that outlive a request, built once at start: pages and words, the
/// password sealer and hasher, the session policy, the mail transport of «Проверка профиля».
struct Services: Sendable {
    let pages: Pages
    /// The words of each language, in the order of `Language.allCases`.
    let words: [Strings]
    let sealer: PasswordSealer
    let hasher: PasswordHasher
    let sessions: SessionPolicy
    let clock: any WallClock
    /// Carries «Проверка профиля» test letters (libcurl in production).
    let transport: any MailTransport
    /// Asks DNS for «Проверка домена» on «Проверка профиля» (glibc's resolver in production).
    let resolver: any DNSResolver
    /// The sender's profile locks (`DataDirectory.locksPath`), which a check takes too.
    let locksFolder: String
    /// Starts a profile's pass for a priority letter committed here (a fake in tests).
    let waker: any PassWaker
    /// Compiled letter templates for the API, between requests.
    let letterTemplates: LetterTemplateCache
    let logger: Logger

    /// The words of `language`.
    func strings(_ language: Language) -> Strings {
        words[Language.allCases.firstIndex(of: language) ?? 0]
    }

    /// A minimal error page that needs no database.
    func errorPage(status: HTTPStatus, key: TextKey, language: Language) -> HTTPResponse {
        let page = ErrorPage(status: status.code, message: strings(language).text(key))
        let chrome = chrome(language, csrf: "", admin: nil, back: "/")
        return HTTPResponse(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .bytes(pages.error.render(page, chrome: chrome, language: language))
        )
    }

    /// The layout's values for a page in `language` at path `back`.
    func chrome(_ language: Language, csrf: String, admin: String?, back: String) -> Chrome {
        let other: Language = language == .ru ? .en : .ru
        return Chrome(
            lang: language.rawValue,
            csrf: csrf,
            admin: admin.map(Chrome.Admin.init),
            otherLanguage: Chrome.OtherLanguage(
                code: other.rawValue,
                label: strings(other).text(.languageName)
            ),
            back: PercentEncoding.encodeQueryValue(back)
        )
    }
}
