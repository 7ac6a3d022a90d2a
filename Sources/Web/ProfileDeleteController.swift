import Foundation
import HTTPCore
import MailCore
import Storage
import Templating

/// «Удалить запись» with a confirmation, and moving the default flag. A refusal offers the next
/// step: another profile made the default, or a new profile created.
enum ProfileDeleteController {
    static func confirm(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        let store = ProfileStore(context.db)
        guard let profile = try store.find(id: id) else { return context.notFound() }
        var page = ProfileDeletePage(
            profile: .init(id: id, quotedName: context.strings.text(.quoted(name: profile.name)))
        )
        if let refusal = try store.deletionRefusal(id: id) {
            page.refusal = refusalText(context, refusal)
            switch refusal {
            case .isDefault:
                page.otherProfiles = try store.all().filter { $0.id != id }.map {
                    .init(id: $0.id, label: context.strings.text(.deleteMakeDefault(name: $0.name)))
                }
            case .lastProfile:
                page.offersCreate = true
            case .notFound, .duplicateName:
                break
            }
        } else if let fallback = try store.defaultProfile() {
            let queued = try store.deletionEffect(id: id).queued
            if queued > 0 {
                page.moves = context.strings.text(
                    .deleteMovesLetters(count: Int(queued), defaultProfile: fallback.name)
                )
            }
            let reserving = try store.reserving(id: id)
            if !reserving.isEmpty {
                page.reserveOf = context.strings.text(
                    .deleteReserveOf(
                        profiles: reserving.map { context.strings.text(.quoted(name: $0)) }.joined(separator: ", ")
                    )
                )
            }
        }
        return context.render(page)
    }

    static func delete(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        guard let profile = try ProfileStore(context.db).find(id: id) else { return context.notFound() }
        do {
            try ProfileStore(context.db).delete(id: id, now: context.now)
        } catch let refusal as ProfileStoreError {
            if refusal == .notFound { return context.notFound() }
            return try confirm(context, id: id)
        }
        context.logger.info("profile deleted", metadata: ["profile.id": "\(id)"])
        return context.redirect(to: Path.profiles.link(), flash: .profileDeleted(name: profile.name))
    }

    static func makeDefault(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        let store = ProfileStore(context.db)
        guard let profile = try store.find(id: id) else { return context.notFound() }
        do {
            try store.makeDefault(id: id, now: context.now)
        } catch ProfileStoreError.notFound {
            return context.notFound()
        }
        return context.redirect(to: Path.profiles.link(), flash: .profileMadeDefault(name: profile.name))
    }

    private static func refusalText(_ context: RequestContext, _ refusal: ProfileStoreError) -> String {
        switch refusal {
        case .lastProfile: context.strings.text(.deleteRefusedLast)
        case .isDefault: context.strings.text(.deleteRefusedDefault)
        case .notFound, .duplicateName: context.strings.text(.errorNotFound)
        }
    }
}

/// Deleting a profile: the question, or why it cannot be deleted, and where its letters go.
struct ProfileDeletePage: PageModel {
    struct Profile: TemplateModel {
        let id: Int64
        /// The name in the language's quotation marks.
        let quotedName: String
        static let templateFields: TemplateFields<Self> = ["id": .number(\.id), "quoted_name": .text(\.quotedName)]
    }

    /// «Сделать по умолчанию «Запасной»»: a profile that could become the default instead.
    struct DefaultChoice: TemplateModel {
        let id: Int64
        let label: String
        static let templateFields: TemplateFields<Self> = ["id": .number(\.id), "label": .text(\.label)]
    }

    let profile: Profile
    var refusal: String?
    /// The default profile's refusal: the profiles that could become the default instead.
    var otherProfiles: [DefaultChoice] = []
    /// The last profile's refusal: «Создать профиль».
    var offersCreate = false
    /// «Писем в очереди: N. Они перейдут к профилю по умолчанию …» (nil when none wait).
    var moves: String?
    /// «Этот профиль — резервный для: …»: deleting it clears those links.
    var reserveOf: String?

    static let template = "profile_delete"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.profileDelete }
    static let templateFields: TemplateFields<Self> = [
        "profile": .object(\.profile), "refusal": .optionalText(\.refusal), "moves": .optionalText(\.moves),
        "other_profiles": .list(\.otherProfiles), "offers_create": .flag(\.offersCreate),
        "reserve_of": .optionalText(\.reserveOf),
    ]
}
