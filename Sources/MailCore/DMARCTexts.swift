/// The words of the DMARC finding.
enum DMARCTexts {
    static func missing(_ domain: DNSName) -> LocalizedText {
        LocalizedText(
            ru:
                "Записи DMARC нет. Gmail, Яндекс и Mail.ru ждут её от отправителей рассылок, а без неё доверяют письмам меньше. Добавьте TXT-запись ниже: «p=none» ничего не отклоняет, а лишь включает DMARC для \(domain).",
            en:
                "There is no DMARC record. Gmail, Yandex and Mail.ru expect one from bulk senders and trust letters less without it. Add the TXT record below: “p=none” refuses nothing, it only turns DMARC on for \(domain)."
        )
    }

    static func several(_ name: DNSName) -> LocalizedText {
        LocalizedText(
            ru: "У \(name) несколько записей «v=DMARC1»: получатели не учитывают ни одну. Оставьте одну.",
            en: "\(name) has several “v=DMARC1” records: receivers ignore them all. Keep one."
        )
    }

    static func invalid(_ name: DNSName, _ error: DMARCSyntaxError) -> LocalizedText {
        let reason: LocalizedText
        switch error {
        case .notDMARC:
            reason = LocalizedText(
                ru: "запись должна начинаться с «v=DMARC1;»",
                en: "the record must start with “v=DMARC1;”"
            )
        case .missingPolicy:
            reason = LocalizedText(ru: "нет политики «p=»", en: "there is no “p=” policy")
        case .unknownPolicy(let value):
            reason = LocalizedText(
                ru: "политика «\(value)» неизвестна (бывает none, quarantine или reject)",
                en: "the policy “\(value)” is unknown (it is none, quarantine or reject)"
            )
        case .badPercent(let value):
            reason = LocalizedText(
                ru: "«pct=\(value)» — нужно число от 0 до 100",
                en: "“pct=\(value)” — it must be 0 to 100"
            )
        case .malformedTag(let tag):
            reason = LocalizedText(ru: "неверный тег «\(tag)»", en: "a malformed tag “\(tag)”")
        }
        return LocalizedText(
            ru: "Запись DMARC \(name) с ошибкой: \(reason.ru). Получатели её не учитывают.",
            en: "The DMARC record \(name) is broken: \(reason.en). Receivers ignore it."
        )
    }

    static func policy(_ policy: DMARCRecord.Policy, percent: Int, at name: DNSName, inherited: Bool) -> LocalizedText {
        let meaning: LocalizedText
        switch policy {
        case .none:
            meaning = LocalizedText(
                ru:
                    "письма, не прошедшие SPF и DKIM, доставляются как обычно, получатели лишь присылают отчёты. Когда SPF и DKIM в порядке, политику можно ужесточить до «quarantine»",
                en:
                    "letters that fail SPF and DKIM are delivered as usual; receivers only send reports. Once SPF and DKIM are in order, the policy can be raised to “quarantine”"
            )
        case .quarantine:
            meaning = LocalizedText(
                ru: "письма, не прошедшие SPF и DKIM, получатели кладут в спам",
                en: "receivers put letters that fail SPF and DKIM into spam"
            )
        case .reject:
            meaning = LocalizedText(
                ru: "письма, не прошедшие SPF и DKIM, получатели отклоняют",
                en: "receivers refuse letters that fail SPF and DKIM"
            )
        }
        let source =
            inherited
            ? LocalizedText(ru: " (запись родительского домена \(name))", en: " (the parent domain's record \(name))")
            : LocalizedText(ru: "", en: "")
        let share =
            policy != .none && percent < 100
            ? LocalizedText(
                ru: " (pct=\(percent): так — с \(percent) % таких писем, с остальными мягче)",
                en: " (pct=\(percent): so for \(percent)% of such letters, more leniently for the rest)"
            )
            : LocalizedText(ru: "", en: "")
        return LocalizedText(
            ru: "DMARC включён\(source.ru), политика «\(policy.rawValue)»: \(meaning.ru)\(share.ru).",
            en: "DMARC is on\(source.en), policy “\(policy.rawValue)”: \(meaning.en)\(share.en)."
        )
    }

    static func turnsAgainstOwnLetters(_ policy: DMARCRecord.Policy) -> LocalizedText {
        let fate =
            policy == .reject
            ? LocalizedText(ru: "будут отклонять", en: "will refuse")
            : LocalizedText(ru: "будут класть в спам", en: "will put into spam")
        return LocalizedText(
            ru:
                "Политика DMARC «\(policy.rawValue)», а письма этого SMTP-сервера сейчас не проходят ни SPF, ни DKIM: получатели \(fate.ru) ваши собственные письма. Сначала исправьте SPF или DKIM (см. выше) либо временно поставьте «p=none».",
            en:
                "The DMARC policy is “\(policy.rawValue)”, yet this SMTP server's letters pass neither SPF nor DKIM now: receivers \(fate.en) your own letters. Fix SPF or DKIM first (see above), or set “p=none” for now."
        )
    }
}
