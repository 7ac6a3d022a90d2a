import Foundation
import HTTPCore

/// What was just done, said once on the page a form's POST redirects to: «Профиль «Магазин»
/// создан.» with «Проверить профиль» beside it, «Событие «Отзыв» сохранено.», «Токен «crm» отозван.»,
/// «Письмо отменено …».
///
/// A short-lived cookie carries it from the POST to the next page, and that page removes the
/// cookie as it shows the message (`RequestContext.render`), so a reload or a later visit does not
/// repeat it (a `?done=` in the address would). The value is ours: the kind, a number (a profile's
/// id, a count) and a name percent-encoded; the page escapes the name as any other text.
enum Flash: Equatable {
    case profileCreated(id: Int64, name: String)
    case profileSaved(name: String)
    case profileDeleted(name: String)
    case profileMadeDefault(name: String)
    case eventCreated(name: String)
    case eventSaved(name: String)
    case tokenRevoked(name: String)
    case settingsSaved
    case letterRetried
    case letterCancelled
    case lettersRequeued(count: Int)

    /// The kinds as the cookie names them.
    private enum Kind: String {
        case profileCreated = "created"
        case profileSaved = "saved"
        case profileDeleted = "deleted"
        case profileMadeDefault = "default"
        case eventCreated = "event_created"
        case eventSaved = "event_saved"
        case tokenRevoked = "token_revoked"
        case settingsSaved = "settings_saved"
        case letterRetried = "letter_retried"
        case letterCancelled = "letter_cancelled"
        case lettersRequeued = "letters_requeued"
    }

    /// Longest name the cookie carries, in characters: percent-encoded, even four-byte characters
    /// keep the cookie under a browser's 4 KB.
    static let maxNameLength = 200

    /// The message in the reader's language.
    func text(_ strings: Strings) -> String {
        switch self {
        case .profileCreated(_, let name): strings.text(.flashCreated(name: name))
        case .profileSaved(let name): strings.text(.flashSaved(name: name))
        case .profileDeleted(let name): strings.text(.flashDeleted(name: name))
        case .profileMadeDefault(let name): strings.text(.flashDefault(name: name))
        case .eventCreated(let name): strings.text(.eventFlashCreated(name: name))
        case .eventSaved(let name): strings.text(.eventFlashSaved(name: name))
        case .tokenRevoked(let name): strings.text(.tokenFlashRevoked(name: name))
        case .settingsSaved: strings.text(.settingsFlashSaved)
        case .letterRetried: strings.text(.journalFlashRetried)
        case .letterCancelled: strings.text(.journalFlashCancelled)
        case .lettersRequeued(let count): strings.text(.journalFlashRequeued(count: count))
        }
    }

    /// What the admin may do next: a new profile is checked once all its data is in (the seed's
    /// advice), so «Проверить профиль» sits beside «Профиль создан.».
    func nextStep(_ strings: Strings) -> Link? {
        guard case .profileCreated(let id, _) = self else { return nil }
        return Link(href: Path.checkProfile.link(id: id), label: strings.text(.actionCheckProfile))
    }

    /// The kind, the number (0 when the kind has none) and the name (empty when it has none).
    private var parts: (kind: Kind, number: Int64, name: String) {
        switch self {
        case .profileCreated(let id, let name): (.profileCreated, id, name)
        case .profileSaved(let name): (.profileSaved, 0, name)
        case .profileDeleted(let name): (.profileDeleted, 0, name)
        case .profileMadeDefault(let name): (.profileMadeDefault, 0, name)
        case .eventCreated(let name): (.eventCreated, 0, name)
        case .eventSaved(let name): (.eventSaved, 0, name)
        case .tokenRevoked(let name): (.tokenRevoked, 0, name)
        case .settingsSaved: (.settingsSaved, 0, "")
        case .letterRetried: (.letterRetried, 0, "")
        case .letterCancelled: (.letterCancelled, 0, "")
        case .lettersRequeued(let count): (.lettersRequeued, Int64(count), "")
        }
    }

    /// The cookie's value: `kind.number.name`, the name percent-encoded.
    var cookieValue: String {
        let (kind, number, name) = parts
        return "\(kind.rawValue).\(number).\(PercentEncoding.encodeQueryValue(String(name.prefix(Self.maxNameLength))))"
    }

    /// The message a cookie carries, if it is one of ours.
    init?(cookie: String) {
        let parts = cookie.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let kind = Kind(rawValue: String(parts[0])), let number = Int64(parts[1]),
            let name = String(parts[2]).removingPercentEncoding
        else { return nil }
        switch kind {
        case .profileCreated: self = .profileCreated(id: number, name: name)
        case .profileSaved: self = .profileSaved(name: name)
        case .profileDeleted: self = .profileDeleted(name: name)
        case .profileMadeDefault: self = .profileMadeDefault(name: name)
        case .eventCreated: self = .eventCreated(name: name)
        case .eventSaved: self = .eventSaved(name: name)
        case .tokenRevoked: self = .tokenRevoked(name: name)
        case .settingsSaved: self = .settingsSaved
        case .letterRetried: self = .letterRetried
        case .letterCancelled: self = .letterCancelled
        case .lettersRequeued: self = .lettersRequeued(count: Int(clamping: number))
        }
    }
}

extension RequestContext {
    /// A redirect to `location` that carries `flash` to the page there.
    func redirect(to location: String, flash: Flash) -> HTTPResponse {
        var response = HTTPResponse.redirect(to: location)
        let cookie = Cookies.set(CookieName.flash, flash.cookieValue, secure: request.isHTTPS, maxAge: 300)
        response.headers.append(HTTPField(name: .setCookie, value: cookie))
        return response
    }

    /// The message the request's flash cookie carries, if any (nil for a cookie not of ours), and
    /// whether there is a cookie to remove.
    var pendingFlash: (flash: Flash?, hasCookie: Bool) {
        guard session != nil, let cookie = cookies[CookieName.flash] else { return (nil, false) }
        return (Flash(cookie: cookie), true)
    }
}
