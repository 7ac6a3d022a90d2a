public import struct Foundation.Date

extension WaitReason {
    /// Why a priority letter (the check's test letter) cannot go now, in words that name the limit
    /// of `limits` that holds it and when it frees up at `now`; `time` writes a moment in the
    /// shop's zone.
    public func priorityRefusal(_ limits: ProfileLimits, now: Date, time: (Date) -> String) -> LocalizedText {
        // The limits by their labels on the profile form, in each language.
        let share = LocalizedText(ru: "«Кол-во приоритетных сообщений в сутки»", en: "“Priority letters per day”")
        let maximum = LocalizedText(
            ru: "«Максимальное кол-во отправок сообщений в сутки»",
            en: "“Maximum letters per day”"
        )
        let tab = LocalizedText(
            ru: "Этот лимит можно изменить на вкладке «Параметры» профиля.",
            en: "The limit can be changed on the profile's “Limits” tab."
        )
        let counted = LocalizedText(
            ru: "Тестовое письмо считается приоритетным.",
            en: "The test letter counts as a priority letter."
        )
        switch self {
        case .priorityShareUsed(until: nil):
            return LocalizedText(
                ru:
                    "\(share.ru) равно 0: приоритетные письма через этот профиль не уходят вовсе. \(counted.ru) \(tab.ru)",
                en:
                    "\(share.en) is 0: no priority letter leaves through this profile. \(counted.en) \(tab.en)"
            )
        case .priorityShareUsed(let until?):
            return LocalizedText(
                ru:
                    "Исчерпан лимит \(share.ru): \(limits.priorityPerDay) из \(limits.priorityPerDay) за последние 24 часа. Следующее приоритетное письмо можно будет отправить в \(time(until)). \(counted.ru) \(tab.ru)",
                en:
                    "\(share.en) is used up: \(limits.priorityPerDay) of \(limits.priorityPerDay) in the last 24 hours. The next priority letter can go at \(time(until)). \(counted.en) \(tab.en)"
            )
        case .dailyLimit(let until):
            let next = until.map {
                LocalizedText(
                    ru: " Следующее письмо можно будет отправить в \(time($0)).",
                    en: " The next letter can go at \(time($0))."
                )
            }
            return LocalizedText(
                ru:
                    "Исчерпан лимит \(maximum.ru): \(limits.maxPerDay) из \(limits.maxPerDay) за последние 24 часа.\(next?.ru ?? "") Тестовое письмо тоже считается. \(tab.ru)",
                en:
                    "\(maximum.en) is used up: \(limits.maxPerDay) of \(limits.maxPerDay) in the last 24 hours.\(next?.en ?? "") The test letter counts too. \(tab.en)"
            )
        case .broken, .paused, .interval, .regularShareUsed, .batchFull:
            let until = resumption(now: now).map { time($0) }
            return LocalizedText(
                ru: "Лимиты профиля сейчас не дают отправить ещё одно письмо"
                    + (until.map { " (можно будет в \($0))" } ?? "") + ".",
                en: "The profile's limits allow no further letter now" + (until.map { " (until \($0))" } ?? "") + "."
            )
        }
    }
}
