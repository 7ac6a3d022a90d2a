/// Words shared by the findings of every topic.
enum DomainTexts {
    /// A stand-in while the service still asks questions; never shown.
    static func pending(_ topic: DomainFinding.Topic) -> DomainFinding {
        DomainFinding(topic, .notChecked, LocalizedText(ru: "", en: ""))
    }

    /// The finding when the records of `topic` could not be read.
    static func notChecked(_ topic: DomainFinding.Topic, _ error: DNSError) -> DomainFinding {
        let reason = dnsReason(error)
        return DomainFinding(
            topic,
            .notChecked,
            LocalizedText(
                ru:
                    "Не удалось проверить \(topic.title.ru): \(reason.ru). Это не ошибка домена; повторите проверку позже.",
                en:
                    "Could not check \(topic.title.en): \(reason.en). This is not a fault of the domain; try again later."
            )
        )
    }

    /// Why DNS gave no answer, as part of a sentence.
    static func dnsReason(_ error: DNSError) -> LocalizedText {
        switch error {
        case .timedOut:
            LocalizedText(ru: "DNS-сервер не ответил вовремя", en: "the DNS server did not answer in time")
        case .unreachable:
            LocalizedText(ru: "DNS-сервер недоступен", en: "the DNS server cannot be reached")
        case .serverFailure:
            LocalizedText(ru: "DNS-сервер ответил ошибкой", en: "the DNS server answered with an error")
        case .malformedAnswer:
            LocalizedText(ru: "ответ DNS-сервера не удалось разобрать", en: "the DNS server's answer could not be read")
        case .noSuchName, .noData:
            LocalizedText(ru: "записи нет в DNS", en: "there is no such record in DNS")
        }
    }
}
