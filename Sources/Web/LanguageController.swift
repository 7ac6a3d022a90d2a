import HTTPCore
import MailCore

/// Switching the interface language (a cookie, a year long).
enum LanguageController {
    static func switchLanguage(_ context: RequestContext) -> HTTPResponse {
        let chosen = Language(rawValue: context.query["to"] ?? "") ?? .fallback
        var response = HTTPResponse.redirect(to: PercentEncoding.safeLocalPath(context.query["back"]))
        let cookie = Cookies.set(
            CookieName.language,
            chosen.rawValue,
            secure: context.request.isHTTPS,
            maxAge: 365 * 86_400
        )
        response.headers.append(HTTPField(name: .setCookie, value: cookie))
        return response
    }
}
