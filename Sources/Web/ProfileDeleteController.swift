import Foundation
import HTTPCore
import MailCore
import Storage
import Templating

/// «Удалить запись» with a confirmation, and moving the default flag.
enum ProfileDeleteController {
    static func confirm(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        let store = ProfileStore(context.db)
        guard let profile = try store.find(id: id) else { return context.notFound() }
        var page = ProfileDeletePage(profile: .init(id: id, name: profile.name))
        if let refusal = try store.deletionRefusal(id: id) {
            page.refusal = refusalText(context, refusal)
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
                    .deleteReserveOf(profiles: reserving.map { "«\($0)»" }.joined(separator: ", "))
                )
            }
        }
        return context.render(page)
    }

    static func delete(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        do {
            try ProfileStore(context.db).delete(id: id, now: context.now)
        } catch let refusal as ProfileStoreError {
            if refusal == .notFound { return context.notFound() }
            return try confirm(context, id: id)
        }
        context.logger.info("profile deleted", metadata: ["profile.id": "\(id)"])
        return .redirect(to: Path.profiles.link(query: [("done", "deleted")]))
    }

    static func makeDefault(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        do {
            try ProfileStore(context.db).makeDefault(id: id, now: context.now)
        } catch ProfileStoreError.notFound {
            return context.notFound()
        }
        return .redirect(to: Path.profiles.link(query: [("done", "default")]))
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
        let name: String
        static let templateFields: TemplateFields<Self> = ["id": .number(\.id), "name": .text(\.name)]
    }

    let profile: Profile
    var refusal: String?
    /// «Писем в очереди: N. Они перейдут к профилю по умолчанию …».
    var moves: String?
    /// «Этот профиль — резервный для: …»: deleting it clears those links.
    var reserveOf: String?

    static let template = "profile_delete"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.profileDelete }
    static let templateFields: TemplateFields<Self> = [
        "profile": .object(\.profile), "refusal": .optionalText(\.refusal), "moves": .optionalText(\.moves),
        "reserve_of": .optionalText(\.reserveOf),
    ]
}
