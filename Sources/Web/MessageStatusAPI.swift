import Foundation
import HTTPCore
import MailCore
import Sender
import Storage

/// `GET /api/v1/messages/{id}` (DESIGN.md §6): a letter's status, attempts and expected send time,
/// for the shop's own order page. Same bearer token as `POST /api/v1/messages`; read only (the
/// token's last use is recorded by the POST).
enum MessageStatusAPI {
    static func show(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        guard try APIController.authenticatedToken(context) != nil else { return APIResponse.unauthorized() }
        guard let letter = try OutboxStore(context.db).find(id: id) else {
            return APIResponse.error(.notFound, "not_found", field: "id", "no letter with this id")
        }
        let expected = try QueueForecasting(context.db).expectedAt(letter, now: context.now)
        return APIResponse.json(
            .ok,
            [
                "id": .integer(letter.id), "status": .string(letter.status.rawValue),
                "attempts": .integer(Int64(letter.attempts)),
                "expected_at": expected.map { .string(RFC3339.string($0)) } ?? .null,
                "profile": .string(letter.profileName), "last_reply": .string(letter.lastReply),
            ]
        )
    }
}

/// Moments in the API: RFC 3339 in UTC, to the second (`2026-12-07T14:20:00Z`).
enum RFC3339 {
    static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
