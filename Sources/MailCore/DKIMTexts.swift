/// The words of the DKIM finding.
enum DKIMTexts {
    static let selectorUnknown = LocalizedText(
        ru:
            "DKIM не проверялся: для этого SMTP-сервера селектор неизвестен. Узнайте селектор в настройках DKIM у хостинга почты (запись вида «селектор._domainkey.домен») и укажите его при проверке.",
        en:
            "DKIM was not checked: the selector is unknown for this SMTP server. Find it in the mail host's DKIM settings (a record named “selector._domainkey.domain”) and give it to the check."
    )

    static func missing(_ name: DNSName, selector: DNSName, server: SMTPServerFacts) -> LocalizedText {
        let host = server.preset?.name ?? LocalizedText(ru: "хостинга почты", en: "the mail host")
        return LocalizedText(
            ru:
                "Записи DKIM нет (\(name)): письма уходят без подписи домена и чаще попадают в спам. Включите DKIM в настройках почты для домена у \(host.ru) и добавьте TXT-запись, которую там покажут. Если селектор не «\(selector)», укажите верный.",
            en:
                "There is no DKIM record (\(name)): letters leave without the domain's signature and land in spam more often. Turn DKIM on in the domain's mail settings at \(host.en) and add the TXT record shown there. If the selector is not “\(selector)”, give the right one."
        )
    }

    static func found(_ name: DNSName, keyType: String) -> LocalizedText {
        LocalizedText(
            ru: "Запись DKIM найдена: \(name) (ключ \(keyType)).",
            en: "The DKIM record is present: \(name) (\(keyType) key)."
        )
    }

    static func revoked(_ name: DNSName) -> LocalizedText {
        LocalizedText(
            ru:
                "Ключ DKIM в \(name) отозван (пустое «p=»): подписи с этим селектором не проходят проверку. Опубликуйте действующий ключ из настроек DKIM хостинга почты.",
            en:
                "The DKIM key at \(name) is revoked (empty “p=”): signatures with this selector fail. Publish the current key from the mail host's DKIM settings."
        )
    }

    static func invalid(_ name: DNSName, _ error: DKIMSyntaxError) -> LocalizedText {
        let reason: LocalizedText
        switch error {
        case .missingKey: reason = LocalizedText(ru: "нет ключа «p=»", en: "there is no “p=” key")
        case .keyNotBase64:
            reason = LocalizedText(ru: "ключ «p=» повреждён (не base64)", en: "the “p=” key is damaged (not base64)")
        case .wrongVersion(let value):
            reason = LocalizedText(
                ru: "«v=\(value)» вместо «v=DKIM1» в начале",
                en: "“v=\(value)” instead of “v=DKIM1” first"
            )
        case .malformedTag(let tag): reason = LocalizedText(ru: "неверный тег «\(tag)»", en: "a malformed tag “\(tag)”")
        }
        return LocalizedText(
            ru:
                "Запись DKIM \(name) есть, но с ошибкой: \(reason.ru). Скопируйте запись из настроек DKIM хостинга почты заново, целиком.",
            en:
                "The DKIM record \(name) is present but broken: \(reason.en). Copy it again, whole, from the mail host's DKIM settings."
        )
    }
}
