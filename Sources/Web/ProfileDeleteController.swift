import Foundation
import HTTPCore
import MailCore
import Storage

/// «Удалить запись» with a confirmation, and moving the default flag.
extension RequestContext {
    func deleteConfirmation(id: Int64) throws -> HTTPResponse {
        let store = ProfileStore(db)
        guard let profile = try store.find(id: id) else { return notFound() }
        var values: [String: Any] = ["profile": ["id": String(id), "name": profile.name]]
        if let refusal = try store.deletionRefusal(id: id) {
            values["refusal"] = refusalText(refusal)
        } else if let fallback = try store.defaultProfile() {
            let queued = try db.integer(
                "SELECT count(*) FROM letters WHERE profile_id = ? AND status IN ('queued', 'sending')",
                [id]
            )
            values["moves"] = text("delete_moves_letters")
                .replacingOccurrences(of: "{count}", with: String(queued))
                .replacingOccurrences(of: "{default}", with: fallback.name)
        }
        return try page("profile_delete", values)
    }

    func deleteProfile(id: Int64) throws -> HTTPResponse {
        do {
            try ProfileStore(db).delete(id: id, now: now)
        } catch let refusal as ProfileStoreError {
            if refusal == .notFound { return notFound() }
            return try deleteConfirmation(id: id)
        }
        app.logger.info("profile deleted", metadata: ["profile.id": "\(id)"])
        return .redirect(to: Path.profiles.link(query: [("done", "deleted")]))
    }

    func makeDefault(id: Int64) throws -> HTTPResponse {
        do {
            try ProfileStore(db).makeDefault(id: id, now: now)
        } catch ProfileStoreError.notFound {
            return notFound()
        }
        return .redirect(to: Path.profiles.link(query: [("done", "default")]))
    }

    private func refusalText(_ refusal: ProfileStoreError) -> String {
        switch refusal {
        case .lastProfile: text("delete_refused_last")
        case .isDefault: text("delete_refused_default")
        case .notFound, .duplicateName: text("error_not_found")
        }
    }
}
