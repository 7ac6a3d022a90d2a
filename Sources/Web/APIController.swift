import Foundation
import HTTPCore
import MailCore
import Secrets
import Sender
import Storage

/// The shop's way in: `POST /api/v1/messages` with a bearer token and a JSON body
/// (DESIGN.md §3). Every answer is JSON; an error names the field it is about.
enum APIController {
    /// The largest body the API reads.
    static let bodyLimit = 256 * 1024

    static func createMessage(_ context: RequestContext) throws -> HTTPResponse {
        let request = context.request
        guard let token = try authenticatedToken(context) else { return APIResponse.unauthorized() }
        try TokenStore(context.db).touch(token, now: context.now)
        let language = answerLanguage(request.headers[.acceptLanguage])
        guard request.body.count <= bodyLimit else {
            return APIResponse.error(
                .contentTooLarge,
                "too_large",
                field: nil,
                language == .ru
                    ? "тело запроса больше \(bodyLimit) байт" : "the body is larger than \(bodyLimit) bytes"
            )
        }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            return APIResponse.error(
                .unsupportedMediaType,
                "unsupported_media_type",
                field: nil,
                language == .ru ? "нужен Content-Type: application/json" : "send Content-Type: application/json"
            )
        }
        let letterRequest: LetterRequest
        do {
            letterRequest = try APIMessageBody.parse(request.body)
        } catch let problem as APIMessageBody.Problem {
            return APIResponse.error(problem.status, problem.code, field: problem.field, problem.message(language))
        }
        do {
            let services = context.services
            let enqueuer = Enqueuer(
                database: context.db,
                clock: services.clock,
                templates: services.letterTemplates,
                waker: services.waker
            )
            switch try enqueuer.enqueue(letterRequest) {
            case .queued(let id):
                context.logger.info("letter queued", metadata: ["letter.id": "\(id)", "token": "\(token.name)"])
                return APIResponse.json(
                    .created,
                    ["id": .integer(id), "status": .string("queued"), "expected_at": try expectedAt(id, context)]
                )
            case .repeated(let id):
                return APIResponse.json(
                    .ok,
                    ["id": .integer(id), "status": .string("queued"), "expected_at": try expectedAt(id, context)]
                )
            case .skipped:
                return APIResponse.json(.ok, ["status": .string("skipped")])
            }
        } catch let refusal as EnqueueRefusal {
            return APIResponse.error(
                .unprocessableContent,
                "invalid_field",
                field: refusal.field,
                refusal.text(language)
            )
        }
    }

    /// Russian when the client's most wanted language is Russian (`Accept-Language: ru`,
    /// `ru-RU,ru;q=0.9,en;q=0.8`); English otherwise, and without the header.
    static func answerLanguage(_ header: String?) -> Language {
        guard let header else { return .en }
        var best: (quality: Double, language: Language)?
        for range in header.split(separator: ",").prefix(20) {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = parts.first, !tag.isEmpty else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            guard quality > 0 else { continue }
            let language: Language = tag == "ru" || tag.hasPrefix("ru-") ? .ru : .en
            if quality > (best?.quality ?? 0) { best = (quality, language) }
        }
        return best?.language ?? .en
    }

    /// When the letter `id` is expected to leave (RFC 3339), or null: not queued, or its profile
    /// sends nothing at its current state and limits (broken).
    static func expectedAt(_ id: Int64, _ context: RequestContext) throws -> JSONValue {
        guard let letter = try OutboxStore(context.db).find(id: id),
            let at = try QueueForecasting(context.db).expectedAt(letter, now: context.now)
        else { return .null }
        return .string(RFC3339.string(at))
    }

    /// The active token of `Authorization: Bearer TOKEN`, if any (the API, `GET /metrics`).
    static func authenticatedToken(_ context: RequestContext) throws -> APIToken? {
        guard let header = context.request.headers[.authorization], header.count < 512 else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return try TokenStore(context.db).active(
            digest: TokenDigest.hex(String(parts[1]).trimmingCharacters(in: .whitespaces))
        )
    }
}

/// The JSON body of `POST /api/v1/messages`, checked field by field.
enum APIMessageBody {
    struct Problem: Error {
        let status: HTTPStatus
        let code: String
        let field: String?
        let message: LocalizedText
    }

    static let fields: Set<String> = ["event", "to", "to_name", "data", "priority", "profile", "idempotency_key"]

    static func parse(_ body: [UInt8]) throws -> LetterRequest {
        guard let value = try? JSONValue(parsing: body), let object = value.objectValue
        else {
            throw Problem(
                status: .badRequest,
                code: "malformed_json",
                field: nil,
                message: LocalizedText(ru: "тело запроса — не JSON-объект", en: "the body is not a JSON object")
            )
        }
        if let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
            throw Problem(
                status: .unprocessableContent,
                code: "unknown_field",
                field: unknown,
                message: LocalizedText(ru: "неизвестное поле", en: "unknown field")
            )
        }
        var request = LetterRequest(
            event: try string(object, "event", required: true),
            to: try string(object, "to", required: true) ?? ""
        )
        request.toName = try string(object, "to_name") ?? ""
        request.profile = try string(object, "profile")
        request.idempotencyKey = try string(object, "idempotency_key")
        if let priority = object["priority"] {
            guard let flag = priority.boolValue else { throw typeProblem("priority", .boolean, priority) }
            request.priority = flag
        }
        // Its type is the Enqueuer's to check, after `to`: when both are wrong, the field a shop
        // most often gets wrong is named. An empty array (PHP's json_encode([])) is an empty object.
        if let data = object["data"] { request.data = data }
        return request
    }

    private static func string(_ object: [String: JSONValue], _ name: String, required: Bool = false) throws -> String?
    {
        guard let value = object[name], value != .null else {
            if required {
                throw Problem(
                    status: .unprocessableContent,
                    code: "missing_field",
                    field: name,
                    message: LocalizedText(ru: "обязательное поле", en: "required")
                )
            }
            return nil
        }
        guard let text = value.stringValue else { throw typeProblem(name, .string, value) }
        return text
    }

    /// The JSON types a field of the body may have.
    private enum ExpectedType {
        case string, boolean

        var text: LocalizedText {
            switch self {
            case .string: LocalizedText(ru: "строка", en: "a string")
            case .boolean: LocalizedText(ru: "true или false", en: "a boolean")
            }
        }
    }

    private static func typeProblem(_ field: String, _ expected: ExpectedType, _ value: JSONValue) -> Problem {
        Problem(
            status: .unprocessableContent,
            code: "wrong_type",
            field: field,
            message: LocalizedText(
                ru: "ожидается \(expected.text.ru), а пришло: \(value.typeName)",
                en: "expected \(expected.text.en), got \(value.typeName)"
            )
        )
    }
}

/// JSON answers of the API.
enum APIResponse {
    static func json(_ status: HTTPStatus, _ fields: [String: JSONValue]) -> HTTPResponse {
        var response = HTTPResponse(
            status: status,
            contentType: "application/json",
            text: JSONValue.object(fields).serialized
        )
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// 401 for a missing or unknown token.
    static func unauthorized() -> HTTPResponse {
        var response = error(
            .unauthorized,
            "unauthorized",
            field: nil,
            "a valid API token is required: Authorization: Bearer TOKEN"
        )
        response.headers[.wwwAuthenticate] = "Bearer realm=\"mailrobot\""
        return response
    }

    static func error(_ status: HTTPStatus, _ code: String, field: String?, _ message: String) -> HTTPResponse {
        json(
            status,
            [
                "error": .object([
                    "code": .string(code), "field": field.map(JSONValue.string) ?? .null, "message": .string(message),
                ])
            ]
        )
    }
}
