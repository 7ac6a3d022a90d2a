/// The words of one alert: the letter to the admins and the webhook's JSON (Russian first, then
/// English, as the panel speaks).
public struct AlertMessage: Sendable, Equatable {
    public let subject: String
    public let text: String
    /// The webhook body: `text` (what a Telegram bot's sendMessage shows) and the facts by name.
    public let json: String

    /// What an alert tells about its profile.
    public struct Facts: Sendable {
        public var profileID: Int64
        public var profileName: String
        public var host: String
        /// The server's words behind a pause or a refused login, as `OutcomeText` shows them.
        public var reply: String
        public var queuedPriority: Int
        public var queuedRegular: Int
        /// The horizon of a `slow` queue, in hours.
        public var hours: Int
        /// When a pause ends, in the shop's zone; empty when not paused.
        public var pausedUntil: String
        /// The moment of the check, in the shop's zone, and as RFC 3339 for the JSON.
        public var time: String
        public var timestamp: String

        public init(
            profileID: Int64,
            profileName: String,
            host: String,
            reply: String = "",
            queuedPriority: Int = 0,
            queuedRegular: Int = 0,
            hours: Int = AlertSettings.defaultHours,
            pausedUntil: String = "",
            time: String,
            timestamp: String
        ) {
            self.profileID = profileID
            self.profileName = profileName
            self.host = host
            self.reply = reply
            self.queuedPriority = queuedPriority
            self.queuedRegular = queuedRegular
            self.hours = hours
            self.pausedUntil = pausedUntil
            self.time = time
            self.timestamp = timestamp
        }
    }

    public init(_ change: AlertChange, facts: Facts) {
        let name = facts.profileName
        let title = Self.title(change, name: name, facts: facts)
        subject = "mailrobot: \(title.ru) / \(title.en)"
        let queued = facts.queuedPriority + facts.queuedRegular
        var ru = [title.ru + ".", "Сервер: \(facts.host). Время: \(facts.time)."]
        var en = [title.en + ".", "Server: \(facts.host). Time: \(facts.time)."]
        if !facts.reply.isEmpty {
            ru.append("Ответ сервера: \(facts.reply)")
            en.append("Server reply: \(facts.reply)")
        }
        ru.append("Писем в очереди профиля: \(queued) (приоритетных \(facts.queuedPriority)).")
        en.append("Letters queued for the profile: \(queued) (priority \(facts.queuedPriority)).")
        let advice = Self.advice(change.to)
        ru.append(advice.ru)
        en.append(advice.en)
        text = (ru + [""] + en + ["", "— mailrobot"]).joined(separator: "\n")
        json =
            JSONValue.object([
                "text": .string(text),
                "event": .string(change.event),
                "state": .string(change.to.rawValue),
                "previous_state": .string(change.from.rawValue),
                "profile": .object([
                    "id": .integer(facts.profileID), "name": .string(name), "host": .string(facts.host),
                ]),
                "reply": .string(facts.reply),
                "queued": .object([
                    "priority": .integer(Int64(facts.queuedPriority)), "regular": .integer(Int64(facts.queuedRegular)),
                ]),
                "at": .string(facts.timestamp),
            ]).serialized
    }

    private static func title(_ change: AlertChange, name: String, facts: Facts) -> LocalizedText {
        switch change.to {
        case .ok:
            LocalizedText(
                ru: "профиль «\(name)» снова работает (было: \(change.from.words.ru))",
                en: "profile “\(name)” works again (was: \(change.from.words.en))"
            )
        case .broken:
            LocalizedText(ru: "профиль «\(name)»: ошибка входа", en: "profile “\(name)”: login failed")
        case .paused:
            LocalizedText(
                ru: "профиль «\(name)»: пауза до \(facts.pausedUntil)",
                en: "profile “\(name)”: paused until \(facts.pausedUntil)"
            )
        case .slow:
            LocalizedText(
                ru: "профиль «\(name)»: очередь не опустеет за \(facts.hours) ч",
                en: "profile “\(name)”: the queue will not be empty within \(facts.hours) h"
            )
        }
    }

    private static func advice(_ state: AlertState) -> LocalizedText {
        switch state {
        case .ok:
            LocalizedText(ru: "Письма профиля снова уходят.", en: "The profile's letters are leaving again.")
        case .broken:
            LocalizedText(
                ru: "Письма ждут в очереди. Исправьте пароль в профиле и нажмите «Проверка профиля».",
                en: "Letters wait in the queue. Fix the password in the profile and press “Check the profile”."
            )
        case .paused:
            LocalizedText(
                ru: "Почтовый сервис ограничил отправку; письма уйдут после паузы.",
                en: "The mail host limited sending; letters go once the pause ends."
            )
        case .slow:
            LocalizedText(
                ru: "При текущих лимитах письма уходят медленнее, чем нужно: проверьте лимиты или добавьте профиль.",
                en: "At the current limits letters leave too slowly: check the limits or add a profile."
            )
        }
    }
}
