/// The words of the SPF findings.
enum SPFTexts {
    static func missing(server: SMTPServerFacts) -> LocalizedText {
        let advice = advice(server)
        return LocalizedText(
            ru:
                "SPF-записи нет: получатели не могут проверить, что письма от имени домена отправляет ваш сервер, и чаще кладут их в спам. Добавьте TXT-запись ниже. \(advice.ru)",
            en:
                "There is no SPF record: receivers cannot tell that your server sends the domain's letters, and often file them as spam. Add the TXT record below. \(advice.en)"
        )
    }

    static func valid(lookups: Int) -> LocalizedText {
        LocalizedText(
            ru: "SPF-запись есть и составлена верно (DNS-запросов при проверке: \(lookups) из 10 допустимых).",
            en: "The SPF record is present and valid (DNS lookups when checked: \(lookups) of the 10 allowed)."
        )
    }

    static let passAll = LocalizedText(
        ru:
            "Запись заканчивается на «+all»: она разрешает отправлять письма от имени домена любому серверу, и получатели ей не доверяют. Замените «+all» на «~all».",
        en:
            "The record ends in “+all”: it lets any server send as the domain, so receivers do not trust it. Replace “+all” with “~all”."
    )

    static let neutralAll = LocalizedText(
        ru:
            "Запись заканчивается на «?all»: о чужих серверах она ничего не говорит, и подделку писем от имени домена получатели не отличат. Лучше «~all».",
        en:
            "The record ends in “?all”: it says nothing about other servers, so receivers cannot tell forged letters apart. “~all” is better."
    )

    static let noAll = LocalizedText(
        ru: "В записи нет «~all» или «-all» в конце: о чужих серверах она ничего не говорит. Допишите «~all».",
        en: "The record does not end in “~all” or “-all”: it says nothing about other servers. Add “~all” at the end."
    )

    static func nestedUnreadable(_ error: DNSError) -> LocalizedText {
        let reason = DomainTexts.dnsReason(error)
        return LocalizedText(
            ru:
                "SPF-запись есть, но записи, которые она подключает через include, проверить не удалось: \(reason.ru). Повторите проверку позже.",
            en:
                "The SPF record is present, but the records it includes could not be checked: \(reason.en). Try again later."
        )
    }

    static func permError(_ error: SPFPermError) -> LocalizedText {
        let suffix = LocalizedText(
            ru: "Получатели считают такую SPF-запись ошибочной и не учитывают её вовсе.",
            en: "Receivers treat such an SPF record as broken and ignore it altogether."
        )
        let cause: LocalizedText
        switch error {
        case .multipleRecords(let name):
            cause = LocalizedText(
                ru:
                    "У \(name) несколько TXT-записей «v=spf1». Объедините их в одну: одна строка «v=spf1 …» со всеми механизмами и одним «~all» в конце.",
                en:
                    "\(name) has several “v=spf1” TXT records. Merge them into one: a single “v=spf1 …” line with every mechanism and one “~all” at the end."
            )
        case .syntax(let syntax, let name):
            let reason = syntaxReason(syntax.problem)
            cause = LocalizedText(
                ru: "Ошибка в SPF-записи \(name): «\(syntax.term)» — \(reason.ru).",
                en: "Error in the SPF record of \(name): “\(syntax.term)” — \(reason.en)."
            )
        case .noRecordAt(let name):
            cause = LocalizedText(
                ru:
                    "Запись ссылается на \(name) (include или redirect), а там SPF-записи нет. Проверьте это имя по инструкции хостинга почты.",
                en:
                    "The record refers to \(name) (include or redirect), which has no SPF record. Check the name against the mail host's instructions."
            )
        case .tooManyLookups:
            cause = LocalizedText(
                ru:
                    "Проверка записи требует больше 10 DNS-запросов (include, a, mx, ptr, exists, redirect вместе с вложенными). Уберите лишние include или замените их на ip4:.",
                en:
                    "Checking the record takes more than 10 DNS lookups (include, a, mx, ptr, exists, redirect, nested ones counted). Drop includes you do not need or replace them with ip4:."
            )
        }
        return LocalizedText(ru: cause.ru + " " + suffix.ru, en: cause.en + " " + suffix.en)
    }

    private static func syntaxReason(_ problem: SPFSyntaxError.Problem) -> LocalizedText {
        switch problem {
        case .notSPF:
            LocalizedText(ru: "запись должна начинаться с «v=spf1»", en: "the record must start with “v=spf1”")
        case .unknownMechanism:
            LocalizedText(ru: "неизвестный механизм (опечатка?)", en: "an unknown mechanism (a typo?)")
        case .missingDomain: LocalizedText(ru: "не указано доменное имя", en: "the domain name is missing")
        case .badDomain: LocalizedText(ru: "это не доменное имя", en: "this is not a domain name")
        case .badAddress: LocalizedText(ru: "неверный IP-адрес", en: "not a valid IP address")
        case .badPrefix: LocalizedText(ru: "неверная длина префикса после «/»", en: "a bad prefix length after “/”")
        case .unexpectedArgument:
            LocalizedText(ru: "лишние символы после механизма", en: "unexpected text after the mechanism")
        case .repeatedModifier:
            LocalizedText(
                ru: "этот модификатор можно указать только один раз",
                en: "this modifier may appear only once"
            )
        case .badModifier: LocalizedText(ru: "неверный модификатор", en: "a malformed modifier")
        case .badMacro: LocalizedText(ru: "неверный макрос с «%»", en: "a malformed “%” macro")
        }
    }

    static func providerIncluded(_ include: DNSName, server: SMTPServerFacts) -> LocalizedText {
        let name = server.preset?.name ?? LocalizedText(ru: server.host, en: server.host)
        return LocalizedText(
            ru:
                "Запись подключает include:\(include), поэтому серверы \(name.ru) могут отправлять письма от имени домена.",
            en: "The record includes include:\(include), so \(name.en)'s servers may send the domain's letters."
        )
    }

    static func covered(_ host: String, _ addresses: [IPAddress]) -> LocalizedText {
        let list = addresses.map(\.description).joined(separator: ", ")
        return LocalizedText(
            ru: "Адреса сервера \(host) (\(list)) разрешены SPF-записью.",
            en: "The addresses of \(host) (\(list)) are allowed by the SPF record."
        )
    }

    static func notCovered(server: SMTPServerFacts, _ uncovered: [IPAddress], mechanism: String) -> LocalizedText {
        let list = uncovered.map(\.description).joined(separator: ", ")
        let advice = advice(server)
        return LocalizedText(
            ru:
                "SPF-запись не разрешает сервер \(server.host) (\(list)): письма, отправленные через него, не пройдут проверку SPF. Добавьте в запись «\(mechanism)» — исправленная запись ниже. \(advice.ru)",
            en:
                "The SPF record does not allow the server \(server.host) (\(list)): letters sent through it fail the SPF check. Add “\(mechanism)” to the record — the corrected record is below. \(advice.en)"
        )
    }

    static func serverUnresolved(_ host: String, _ error: DNSError) -> LocalizedText {
        let reason = DomainTexts.dnsReason(error)
        return LocalizedText(
            ru:
                "Не удалось узнать адреса сервера \(host) (\(reason.ru)), поэтому не проверено, разрешает ли его SPF-запись.",
            en:
                "The addresses of \(host) could not be found (\(reason.en)), so whether the SPF record allows it was not checked."
        )
    }

    static func coverageUnknown(_ error: DNSError) -> LocalizedText {
        let reason = DomainTexts.dnsReason(error)
        return LocalizedText(
            ru:
                "Не удалось проверить, разрешает ли SPF-запись SMTP-сервер: \(reason.ru). Это не ошибка домена; повторите проверку позже.",
            en:
                "Could not check whether the SPF record allows the SMTP server: \(reason.en). This is not a fault of the domain; try again later."
        )
    }

    static func undetermined(_ term: String, server host: String) -> LocalizedText {
        LocalizedText(
            ru:
                "Запись использует «\(term)», которое эта проверка не вычисляет. Убедитесь по инструкции хостинга почты, что сервер \(host) разрешён.",
            en:
                "The record uses “\(term)”, which this check does not evaluate. Make sure from the mail host's instructions that \(host) is allowed."
        )
    }

    /// Where the exact record comes from, for a server without a known include.
    private static func advice(_ server: SMTPServerFacts) -> LocalizedText {
        if let preset = server.preset, server.facts.spfInclude != nil {
            return LocalizedText(
                ru: "Так советует \(preset.name.ru) для почты на своём домене.",
                en: "This is what \(preset.name.en) advises for mail on your own domain."
            )
        }
        return LocalizedText(
            ru: "Если хостинг почты советует другую запись (например, с include:), используйте её.",
            en: "If the mail host advises another record (say, with include:), use that one."
        )
    }
}
