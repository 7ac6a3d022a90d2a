/// The address alerts are POSTed to as JSON (the alert settings' «Webhook для уведомлений»): an
/// `http` or `https` URL with a host, such as a Telegram bot's
/// `https://api.telegram.org/bot<TOKEN>/sendMessage?chat_id=<CHAT>`.
///
/// Its path or query may hold a token, so only `shownForm` (scheme, host and port) is ever shown
/// or logged.
public struct WebhookURL: Sendable, Equatable {
    /// The URL as typed (trimmed): what libcurl is given.
    public let text: String
    /// `scheme://host[:port]`, without what may be secret.
    public let shownForm: String

    /// The longest URL accepted.
    public static let maxLength = 2000

    /// Why a typed URL was refused.
    public enum Problem: Error, Sendable, Equatable {
        case notHTTP
        case invalidCharacters
        case invalidHost
        case invalidPort
        case tooLong

        public var message: LocalizedText {
            switch self {
            case .notHTTP:
                LocalizedText(
                    ru: "Адрес должен начинаться с https:// или http://.",
                    en: "The address must start with https:// or http://."
                )
            case .invalidCharacters:
                LocalizedText(
                    ru: "В адресе не может быть пробелов, кириллицы и управляющих символов.",
                    en: "The address cannot contain spaces, non-Latin letters or control characters."
                )
            case .invalidHost:
                LocalizedText(ru: "В адресе не указан или неверно указан сервер.", en: "The address has no valid host.")
            case .invalidPort:
                LocalizedText(ru: "Порт в адресе должен быть от 1 до 65535.", en: "The port must be 1-65535.")
            case .tooLong:
                LocalizedText(
                    ru: "Адрес длиннее \(WebhookURL.maxLength) символов.",
                    en: "The address is longer than \(WebhookURL.maxLength) characters."
                )
            }
        }
    }

    /// Parses a URL typed by an admin; surrounding spaces are ignored.
    public init(parsing typed: String) throws(Problem) {
        let text = typed.trimmingSpaces()
        guard text.utf8.count <= Self.maxLength else { throw .tooLong }
        let lower = text.lowercased()
        let scheme: String
        if lower.hasPrefix("https://") {
            scheme = "https"
        } else if lower.hasPrefix("http://") {
            scheme = "http"
        } else {
            throw .notHTTP
        }
        guard text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .invalidCharacters
        }
        let rest = text.dropFirst(scheme.count + 3)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        // Credentials before the last @ are the server's business, and secret.
        let hostPort = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        let (host, port) = try Self.split(hostPort)
        self.text = text
        shownForm = "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "")
    }

    /// The host (a name, an IPv4 address or a bracketed IPv6 address) and the port, if given.
    private static func split(_ hostPort: Substring) throws(Problem) -> (String, Int?) {
        var host = hostPort
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw .invalidHost }
            host = hostPort[...close]
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidHost }
                portText = after.dropFirst()
            }
            guard IPAddress(String(host.dropFirst().dropLast())) != nil else { throw .invalidHost }
        } else {
            if let colon = hostPort.firstIndex(of: ":") {
                host = hostPort[..<colon]
                portText = hostPort[hostPort.index(after: colon)...]
            }
            guard IPAddress(String(host)) != nil || DomainName(String(host), requireDot: false) != nil else {
                throw .invalidHost
            }
        }
        guard let portText else { return (host.lowercased(), nil) }
        guard let port = Int(portText), (1...65535).contains(port), portText.allSatisfy(\.isASCII) else {
            throw .invalidPort
        }
        return (host.lowercased(), port)
    }
}
