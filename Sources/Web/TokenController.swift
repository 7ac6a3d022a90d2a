import Foundation
import HTTPCore
import Secrets
import Storage

/// «API-токены»: the shop backend's tokens for `POST /api/v1/messages`. A new token is shown
/// once, on the page that answers its creation; only its digest is stored.
extension RequestContext {
    func tokenList() throws -> HTTPResponse {
        var values: [String: Any] = [:]
        if query["done"] == "revoked" { values["flash"] = text("token_flash_revoked") }
        return try renderTokenList(values)
    }

    /// «Создать токен»: the page that answers shows the token, and no page ever shows it again.
    func createToken() throws -> HTTPResponse {
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard TokenStore.isAcceptableName(name) else {
            return try renderTokenList(["name_value": name, "name_error": text("token_error_name")], status: 422)
        }
        let token = RandomBytes.apiToken()
        guard try TokenStore(db).add(name: name, digest: TokenDigest.hex(token), now: now) else {
            return try renderTokenList(["name_value": name, "name_error": text("token_error_name_taken")], status: 422)
        }
        app.logger.info("api token created", metadata: ["token": "\(name)"])
        return try renderTokenList(["created": ["name": name, "token": token]])
    }

    func tokenExport() throws -> HTTPResponse {
        let table = try tokenTable(try TokenStore(db).all())
        let times = try TimeFormat(settings: SettingsStore(db))
        return try SpreadsheetExport.response(
            for: table,
            fileName: "\(text("token_list_title")) \(times.day(now))",
            timeZone: times.timeZone
        )
    }

    /// «Отозвать»: asks first (a page, so it works without JavaScript).
    func revokeConfirmation(id: Int64) throws -> HTTPResponse {
        guard let token = try TokenStore(db).find(id: id) else { return notFound() }
        guard token.revokedAt == nil else { return .redirect(to: Path.tokens.link()) }
        return try page("token_revoke", ["token": ["id": String(id), "name": token.name]])
    }

    func revokeToken(id: Int64) throws -> HTTPResponse {
        let store = TokenStore(db)
        guard let token = try store.find(id: id) else { return notFound() }
        try store.revoke(id: id, now: now)
        app.logger.info("api token revoked", metadata: ["token": "\(token.name)"])
        return .redirect(to: Path.tokens.link(query: [("done", "revoked")]))
    }

    private func renderTokenList(_ extra: [String: Any], status: Int = 200) throws -> HTTPResponse {
        let tokens = try TokenStore(db).all()
        let table = try tokenTable(tokens)
        var values = extra
        values["columns"] = table.columns.map { ["title": $0.title] }
        values["rows"] = zip(tokens, table.rows).map { token, cells in
            [
                "id": String(token.id), "name": token.name, "active": token.revokedAt == nil,
                "cells": cells.map { ["text": $0.display] },
            ] as [String: Any]
        }
        values["empty"] = tokens.isEmpty
        return try page("tokens", status: status, values)
    }

    /// The table on the page and in the export: same columns, same order.
    private func tokenTable(_ tokens: [APIToken]) throws -> DataTable {
        let times = try TimeFormat(settings: SettingsStore(db))
        var table = DataTable(
            title: text("token_list_title"),
            columns: [
                .init(title: text("token_field_name"), kind: .text),
                .init(title: text("token_column_created"), kind: .dateTime),
                .init(title: text("token_column_last_used"), kind: .dateTime),
                .init(title: text("token_column_state"), kind: .text),
            ]
        )
        for token in tokens {
            let state =
                token.revokedAt.map {
                    text("token_state_revoked").replacingOccurrences(of: "{time}", with: times.string($0))
                } ?? text("token_state_active")
            table.rows.append([
                .text(token.name), .date(token.createdAt, times), .date(token.lastUsedAt, times), .text(state),
            ])
        }
        return table
    }
}
