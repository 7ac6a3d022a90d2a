import Foundation
import MailCore
import Storage
import Templating

/// The banner every page of a logged-in admin shows while a profile fails: the profiles whose
/// login was refused, that are paused, or whose queue was announced as falling behind
/// (`AlertStore.failing`), until they recover.
struct FailingBanner: TemplateModel {
    struct Item: TemplateModel {
        let name: String
        let state: String

        static let templateFields: TemplateFields<Self> = ["name": .text(\.name), "state": .text(\.state)]
    }

    let profiles: [Item]

    /// The banner at `now`; nil when no profile fails (or the question could not be asked: a page
    /// is never refused for its banner).
    init?(db: Database, now: Date, strings: Strings) {
        guard let failing = try? AlertStore(db).failing(now: now), !failing.isEmpty else { return nil }
        profiles = failing.map { Item(name: $0.name, state: strings.text(Self.key($0.state))) }
    }

    private static func key(_ state: AlertState) -> TextKey {
        switch state {
        case .broken: .alertStateBroken
        case .paused: .alertStatePaused
        case .slow, .ok: .alertStateSlow
        }
    }

    static let templateFields: TemplateFields<Self> = ["profiles": .list(\.profiles)]
}
