import Foundation
import HTTPCore
import Secrets
import Storage
import Templating

/// «API-токены»: the shop backend's tokens for `POST /api/v1/messages`. A new token is shown
/// once, on the page that answers its creation; only its digest is stored.
enum TokenController {
    static func list(_ context: RequestContext) throws -> HTTPResponse {
        context.render(try TokenListPage(context))
    }

    /// «Создать токен»: the page that answers shows the token, and no page ever shows it again.
    static func create(_ context: RequestContext) throws -> HTTPResponse {
        let name = (context.form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard TokenStore.isAcceptableName(name) else { return try refused(context, name, .tokenErrorName) }
        let token = RandomBytes.apiToken()
        guard try TokenStore(context.db).add(name: name, digest: TokenDigest.hex(token), now: context.now) else {
            return try refused(context, name, .tokenErrorNameTaken)
        }
        context.logger.info("api token created", metadata: ["token": "\(name)"])
        var page = try TokenListPage(context)
        page.created = .init(title: context.strings.text(.tokenCreated(name: name)), token: token)
        return context.render(page)
    }

    /// The list again, with the name typed and why it was refused.
    private static func refused(_ context: RequestContext, _ name: String, _ key: TextKey) throws -> HTTPResponse {
        var page = try TokenListPage(context)
        page.nameValue = name
        page.nameError = context.strings.text(key)
        return context.render(page, status: .unprocessableContent)
    }

    static func export(_ context: RequestContext) throws -> HTTPResponse {
        let table = try tokenTable(context, try TokenStore(context.db).all())
        let times = try TimeFormat(settings: SettingsStore(context.db))
        return try SpreadsheetExport.response(
            for: table,
            fileName: "\(context.strings.text(.tokenListTitle)) \(times.day(context.now))",
            timeZone: times.timeZone
        )
    }

    /// «Отозвать»: asks first (a page, so it works without JavaScript).
    static func confirmRevoke(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        guard let token = try TokenStore(context.db).find(id: id) else { return context.notFound() }
        guard token.revokedAt == nil else { return .redirect(to: Path.tokens.link()) }
        return context.render(
            TokenRevokePage(token: .init(id: id, quotedName: context.strings.text(.quoted(name: token.name))))
        )
    }

    static func revoke(_ context: RequestContext, id: Int64) throws -> HTTPResponse {
        let store = TokenStore(context.db)
        guard let token = try store.find(id: id) else { return context.notFound() }
        try store.revoke(id: id, now: context.now)
        context.logger.info("api token revoked", metadata: ["token": "\(token.name)"])
        return context.redirect(to: Path.tokens.link(), flash: .tokenRevoked(name: token.name))
    }

    /// The table on the page and in the export: same columns, same order.
    static func tokenTable(_ context: RequestContext, _ tokens: [APIToken]) throws -> DataTable {
        let times = try TimeFormat(settings: SettingsStore(context.db))
        let strings = context.strings
        let text: (TextKey) -> String = strings.text
        var table = DataTable(
            title: text(.tokenListTitle),
            columns: [
                .init(title: text(.tokenFieldName), kind: .text),
                .init(title: text(.tokenColumnCreated), kind: .dateTime),
                .init(title: text(.tokenColumnLastUsed), kind: .dateTime),
                .init(title: text(.tokenColumnState), kind: .text),
            ]
        )
        for token in tokens {
            let state =
                token.revokedAt.map { strings.text(.tokenStateRevoked(time: times.string($0))) }
                ?? text(.tokenStateActive)
            let lastUsed: DataTable.Cell =
                token.lastUsedAt.map { .date($0, times) } ?? .init(value: .empty, display: text(.tokenNeverUsed))
            table.rows.append([.text(token.name), .date(token.createdAt, times), lastUsed, .text(state)])
        }
        return table
    }
}

/// The tokens: the form for a new one (with what was typed and its message), the token just
/// created, and the table.
struct TokenListPage: PageModel {
    struct Row: TemplateModel {
        let id: Int64
        let name: String
        let isActive: Bool
        let cells: [String]

        static let templateFields: TemplateFields<Self> = [
            "id": .number(\.id), "name": .text(\.name), "active": .flag(\.isActive), "cells": .list(\.cells),
        ]
    }

    struct Created: TemplateModel {
        /// «Создан токен «crm»».
        let title: String
        let token: String
        static let templateFields: TemplateFields<Self> = ["title": .text(\.title), "token": .text(\.token)]
    }

    let columns: [String]
    let rows: [Row]
    var nameValue = ""
    var nameError: String?
    var created: Created?
    /// The API's full address as this browser reaches the panel: `http://127.0.0.1:8080/api/v1/messages`.
    let endpoint: String

    init(_ context: RequestContext) throws {
        endpoint = Self.endpoint(host: context.request.headers[.requestHost], isHTTPS: context.request.isHTTPS)
        let tokens = try TokenStore(context.db).all()
        let table = try TokenController.tokenTable(context, tokens)
        columns = table.columns.map(\.title)
        rows = zip(tokens, table.rows).map { token, cells in
            Row(id: token.id, name: token.name, isActive: token.revokedAt == nil, cells: cells.map(\.display))
        }
    }

    /// The API's address on `host` (the request's `Host`, port included); only the path when the
    /// host is missing or holds anything but a host name or address and a port.
    static func endpoint(host: String?, isHTTPS: Bool) -> String {
        let path = Path.apiMessages.rawValue
        guard let host, !host.isEmpty, host.count <= 260,
            host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) })
        else { return path }
        return (isHTTPS ? "https://" : "http://") + host + path
    }

    static let template = "tokens"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.tokens }
    static let templateFields: TemplateFields<Self> = [
        "columns": .list(\.columns), "rows": .list(\.rows), "empty": .flag(\.rows.isEmpty),
        "name_value": .text(\.nameValue), "name_error": .optionalText(\.nameError),
        "created": .optionalObject(\.created), "endpoint": .text(\.endpoint),
    ]
}

/// «Отозвать токен?»: the token's name and the button.
struct TokenRevokePage: PageModel {
    struct Token: TemplateModel {
        let id: Int64
        /// The name in the language's quotation marks.
        let quotedName: String
        static let templateFields: TemplateFields<Self> = ["id": .number(\.id), "quoted_name": .text(\.quotedName)]
    }

    let token: Token

    static let template = "token_revoke"
    static func compiled(in pages: Pages) -> CompiledPage<Self, Chrome> { pages.tokenRevoke }
    static let templateFields: TemplateFields<Self> = ["token": .object(\.token)]
}
