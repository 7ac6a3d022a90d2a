import Foundation
import HTTPCore

/// What was just done to a profile, said once on «Профили email» after the redirect: «Профиль
/// «Магазин» создан.» with «Проверить профиль» beside it.
///
/// A short-lived cookie carries it from the POST to the list, and the list removes the cookie as
/// it shows the message, so a reload or a later visit does not repeat it (a `?done=` in the
/// address would). The value is ours: the kind, the profile's id and its name percent-encoded;
/// the page escapes the name as any other text.
struct ProfileFlash: Equatable {
    enum Kind: String {
        case created, saved, deleted
        case madeDefault = "default"
    }

    let kind: Kind
    let id: Int64
    let name: String

    /// A redirect to the list that carries this message.
    func redirect(_ context: RequestContext) -> HTTPResponse {
        var response = HTTPResponse.redirect(to: Path.profiles.link())
        let value = "\(kind.rawValue).\(id).\(PercentEncoding.encodeQueryValue(name))"
        let cookie = Cookies.set(CookieName.flash, value, secure: context.request.isHTTPS, maxAge: 300)
        response.headers.append(HTTPField(name: .setCookie, value: cookie))
        return response
    }

    /// The message the request's cookie carries, if it is one of ours.
    init?(cookie: String?) {
        let parts = cookie?.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false) ?? []
        guard parts.count == 3, let kind = Kind(rawValue: String(parts[0])), let id = Int64(parts[1]),
            let name = String(parts[2]).removingPercentEncoding
        else { return nil }
        self.init(kind: kind, id: id, name: name)
    }

    init(kind: Kind, id: Int64, name: String) {
        self.kind = kind
        self.id = id
        self.name = name
    }

    /// The message in the reader's language.
    func text(_ strings: Strings) -> String {
        switch kind {
        case .created: strings.text(.flashCreated(name: name))
        case .saved: strings.text(.flashSaved(name: name))
        case .deleted: strings.text(.flashDeleted(name: name))
        case .madeDefault: strings.text(.flashDefault(name: name))
        }
    }

    /// What the admin may do next: a new profile is checked once all its data is in (the seed's
    /// advice), so «Проверить профиль» sits beside «Профиль создан.».
    func nextStep(_ strings: Strings) -> Link? {
        kind == .created ? Link(href: Path.checkProfile.link(id: id), label: strings.text(.actionCheckProfile)) : nil
    }

    /// Renders `page` with the message of the request's cookie, if any, and removes the cookie.
    static func render<Page: PageModel>(_ page: Page, _ context: RequestContext) -> HTTPResponse {
        guard let cookie = context.cookies[CookieName.flash] else { return context.render(page) }
        let flash = ProfileFlash(cookie: cookie)
        var response = context.render(
            page,
            flash: flash?.text(context.strings),
            flashLink: flash?.nextStep(context.strings)
        )
        let expired = Cookies.expire(CookieName.flash, secure: context.request.isHTTPS)
        response.headers.append(HTTPField(name: .setCookie, value: expired))
        return response
    }
}
