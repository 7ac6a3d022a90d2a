/// A failure the server said nothing about: what DNS, the network or the TLS handshake did. A
/// page shows it under «Ошибка» in the panel's language, never under «Ответ сервера»; libcurl's
/// own English stays in the SMTP dialogue.
public enum LocalProblem: Sendable, Equatable {
    /// The server name does not resolve.
    case hostNotFound
    /// The DNS servers gave no answer in time.
    case dnsTimeout(seconds: Int?)
    /// The server name or port cannot be put in a connection at all.
    case badAddress
    /// Nothing listens on the port (or a firewall says so).
    case connectionRefused
    /// No route to the server's network.
    case unreachable
    /// The server (or the network) stayed silent for `seconds`.
    case noAnswer(seconds: Int?)
    /// The connection failed in another way.
    case connectFailed
    /// The TLS handshake failed.
    case tls(TLSProblem)
    /// The login was refused without a reply to show.
    case loginRefused
    /// The connection broke off without a reply.
    case connectionLost
    /// The robot did not connect: the server resolved only to `address`, which is not public,
    /// and the profile does not allow a server on an internal network.
    case privateHostNotAllowed(address: String, scope: AddressScope)
    /// The robot did not connect: the login would have gone in clear text, and the profile does
    /// not allow that.
    case clearTextLoginNotAllowed

    /// The problem in a few words, Russian and English.
    public var text: LocalizedText {
        switch self {
        case .hostNotFound:
            LocalizedText(ru: "сервер не найден (DNS)", en: "server not found (DNS)")
        case .dnsTimeout(let seconds?):
            LocalizedText(ru: "DNS не ответил за \(seconds) с", en: "DNS gave no answer in \(seconds) s")
        case .dnsTimeout(nil):
            LocalizedText(ru: "DNS не ответил вовремя", en: "DNS gave no answer in time")
        case .badAddress:
            LocalizedText(
                ru: "имя сервера или порт не годятся для подключения",
                en: "the server name or port cannot be connected to"
            )
        case .connectionRefused:
            LocalizedText(ru: "соединение отклонено", en: "connection refused")
        case .unreachable:
            LocalizedText(ru: "сервер недоступен по сети", en: "server unreachable over the network")
        case .noAnswer(let seconds?):
            LocalizedText(ru: "нет ответа за \(seconds) с", en: "no answer in \(seconds) s")
        case .noAnswer(nil):
            LocalizedText(ru: "нет ответа вовремя", en: "no answer in time")
        case .connectFailed:
            LocalizedText(ru: "не удалось подключиться", en: "could not connect")
        case .tls(let problem):
            problem.text
        case .loginRefused:
            LocalizedText(ru: "вход не принят", en: "login refused")
        case .connectionLost:
            LocalizedText(ru: "соединение оборвалось", en: "connection lost")
        case .privateHostNotAllowed(let address, let scope):
            LocalizedText(
                ru: "не подключались: \(address) — \(scope.words.ru), а сервер во внутренней сети профилю не разрешён",
                en: "not connected: \(address) is \(scope.words.en), and the profile does not allow an internal server"
            )
        case .clearTextLoginNotAllowed:
            LocalizedText(
                ru: "не подключались: без шифрования пароль ушёл бы открытым текстом, а профилю это не разрешено",
                en:
                    "not connected: without encryption the password would go in clear text, and the profile does not allow it"
            )
        }
    }

    /// The problem libcurl's text for a DNS failure names.
    static func dns(_ detail: String) -> LocalProblem {
        if detail.hasPrefix(SMTPFailure.badAddressDetail) { return .badAddress }
        if detail.lowercased().contains("timed out") { return .dnsTimeout(seconds: seconds(in: detail)) }
        return .hostNotFound
    }

    /// The problem libcurl's text for a failed connection names (`Failed to connect to … after 3 ms:
    /// Connection refused`, `Connection timed out after 15001 milliseconds`).
    static func connect(_ detail: String) -> LocalProblem {
        let text = detail.lowercased()
        if text.contains("refused") { return .connectionRefused }
        if text.contains("timed out") || text.contains("timeout") { return .noAnswer(seconds: seconds(in: detail)) }
        if text.contains("no route") || text.contains("unreachable") { return .unreachable }
        return .connectFailed
    }

    /// Whole seconds, rounded, from libcurl's `after 15001 milliseconds` / `after 3001 ms`: how
    /// long a timed-out wait lasted.
    public static func seconds(in detail: String) -> Int? {
        guard let match = detail.firstMatch(of: /after (\d{1,9}) (?:milliseconds|ms)/), let ms = Int(match.output.1)
        else { return nil }
        return max(1, (ms + 500) / 1000)
    }
}

/// Why a TLS handshake failed, read from libcurl's (OpenSSL's) words.
public enum TLSProblem: Sendable, Equatable {
    /// The certificate is for another name than the server's.
    case nameMismatch
    /// The certificate is self-signed, from an unknown authority or expired.
    case untrusted
    /// The two sides do not speak TLS at the same moment: TLS on a plain port or the reverse.
    case protocolMismatch
    /// STARTTLS was required but not offered.
    case startTLSMissing
    /// Anything else (a cipher, a protocol version, an alert).
    case other

    public init(detail: String) {
        let text = detail.lowercased()
        let says = { (phrases: [String]) in phrases.contains { text.contains($0) } }
        if says(["does not match", "subject name", "hostname mismatch", "host name mismatch", "doesn't match"]) {
            self = .nameMismatch
        } else if says(["certificate", "self signed", "self-signed", "local issuer", "verify failed", "expired"]) {
            self = .untrusted
        } else if says(["starttls"]) {
            self = .startTLSMissing
        } else if says(["wrong version number", "unknown protocol", "packet length too long", "record layer failure"]) {
            self = .protocolMismatch
        } else {
            self = .other
        }
    }

    var text: LocalizedText {
        switch self {
        case .nameMismatch:
            LocalizedText(
                ru: "сертификат сервера выдан на другое имя",
                en: "the server's certificate is issued for another name"
            )
        case .untrusted:
            LocalizedText(
                ru: "сертификат сервера не прошёл проверку",
                en: "the server's certificate did not pass the check"
            )
        case .protocolMismatch:
            LocalizedText(
                ru: "сервер не говорит SSL/TLS на этом порту",
                en: "the server does not speak SSL/TLS on this port"
            )
        case .startTLSMissing:
            LocalizedText(ru: "сервер не предложил STARTTLS", en: "the server did not offer STARTTLS")
        case .other:
            LocalizedText(
                ru: "защищённое соединение не установилось",
                en: "no secure connection could be set up"
            )
        }
    }
}
