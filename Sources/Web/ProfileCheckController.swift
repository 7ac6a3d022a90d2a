import Foundation
import HTTPCore
import MailCore
import Sender
import Storage

/// «Проверка профиля»: the admin types an address, the robot sends a test letter at once and
/// the page shows what happened, where it failed and what to do.
extension RequestContext {
    func checkPage(id: Int64) throws -> HTTPResponse {
        guard let profile = try ProfileStore(db).find(id: id) else { return notFound() }
        return try page("profile_check", checkValues(profile, address: profile.senderEmail.address))
    }

    func checkProfile(id: Int64) throws -> HTTPResponse {
        guard let profile = try ProfileStore(db).find(id: id) else { return notFound() }
        let address = form["to"] ?? ""
        let setup = SenderSetup(
            database: db,
            transport: app.transport,
            sealer: app.sealer,
            clock: app.clock,
            locksFolder: app.locksFolder,
            logger: app.logger
        )
        let outcome = try ProfileCheck(setup).run(profile: profile, to: address)
        var values = checkValues(profile, address: address)
        switch outcome.result {
        case .sent(let reply):
            values["success"] = ["reply": reply.description]
        case .failed(let failure, let hint):
            values["failure"] = [
                "step": text("step_" + failure.step.rawValue),
                "reply": failure.summary,
                "hint": hint.text(language),
            ]
        case .badAddress(let problem):
            values["to_error"] = problem(language)
        case .refused(let reason):
            values["refused"] = reason(language)
        }
        if !outcome.transcript.lines.isEmpty { values["transcript"] = outcome.transcript.text }
        app.logger.info("profile checked", metadata: ["profile.id": "\(id)", "result": "\(outcome.result.kind)"])
        return try page(
            "profile_check",
            status: ["refused", "bad_address"].contains(outcome.result.kind) ? 422 : 200,
            values
        )
    }

    private func checkValues(_ profile: Profile, address: String) -> [String: Any] {
        [
            "profile": [
                "id": String(profile.id), "name": profile.name, "host": profile.host, "port": String(profile.port),
                "security": securityLabel(profile.security), "login": profile.login,
            ],
            "to": address,
        ]
    }
}

extension ProfileCheck.Outcome.Result {
    var kind: String {
        switch self {
        case .sent: "sent"
        case .failed: "failed"
        case .badAddress: "bad_address"
        case .refused: "refused"
        }
    }
}
