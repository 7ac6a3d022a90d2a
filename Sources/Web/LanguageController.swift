import HTTPCore
import MailCore

/// Switching the interface language (a cookie, a year long).
extension RequestContext {
    mutating func switchLanguage() -> HTTPResponse {
        let chosen = Language(rawValue: query["to"] ?? "") ?? .fallback
        var response = HTTPResponse.redirect(to: PercentEncoding.safeLocalPath(query["back"]))
        response.addHeader(
            "Set-Cookie",
            Cookies.set(CookieName.language, chosen.rawValue, secure: request.isHTTPS, maxAge: 365 * 86_400)
        )
        return response
    }
}
