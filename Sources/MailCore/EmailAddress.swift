/// An envelope address SMTP can carry: an ASCII dot-atom local part and a domain name
/// (IDN converted to Punycode).
///
/// Accepts what real shops have (`ivan.petrov+shop@mail.ru`, `заказ@магазин.рф` is refused for
/// its Cyrillic local part, `ivan@магазин.рф` is accepted) and refuses anything that could
/// break an SMTP command or a header: spaces, control characters, angle brackets, quotes.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public let localPart: String
    public let domain: DomainName

    /// `local@domain` in ASCII, ready for `MAIL FROM`/`RCPT TO` and headers.
    public var address: String { "\(localPart)@\(domain.ascii)" }
    public var description: String { address }

    /// Why a typed address was refused.
    public enum Problem: Error, Sendable, Equatable {
        case empty
        case missingAt
        case invalidLocalPart
        case nonASCIILocalPart
        case invalidDomain
        case tooLong

        public var message: LocalizedText {
            switch self {
            case .empty:
                LocalizedText(ru: "Укажите адрес электронной почты.", en: "Enter an e-mail address.")
            case .missingAt:
                LocalizedText(ru: "Адрес должен иметь вид имя@домен.", en: "The address must look like name@domain.")
            case .invalidLocalPart:
                LocalizedText(
                    ru: "Часть адреса до @ содержит недопустимые символы.",
                    en: "The part before @ contains characters an address cannot have."
                )
            case .nonASCIILocalPart:
                LocalizedText(
                    ru: "Часть адреса до @ должна быть латиницей: кириллицу там принимают не все почтовые серверы.",
                    en: "The part before @ must be Latin: not every mail server accepts other scripts there."
                )
            case .invalidDomain:
                LocalizedText(ru: "Домен после @ указан неверно.", en: "The domain after @ is not valid.")
            case .tooLong:
                LocalizedText(ru: "Адрес слишком длинный.", en: "The address is too long.")
            }
        }
    }

    /// Parses an address typed by a person (surrounding spaces are the caller's to trim).
    public init(parsing text: String) throws(Problem) {
        guard !text.isEmpty else { throw .empty }
        // On bytes: "@" is ASCII, so its index splits the text between characters.
        guard let at = text.utf8.lastIndex(of: UInt8(ascii: "@")) else { throw .missingAt }
        let local = String(text[..<at])
        let domainText = String(text[text.index(after: at)...])
        guard !local.isEmpty else { throw .missingAt }
        guard local.unicodeScalars.allSatisfy(\.isASCII) else {
            throw local.unicodeScalars.contains(where: { $0.properties.isAlphabetic && !$0.isASCII })
                ? .nonASCIILocalPart : .invalidLocalPart
        }
        guard local.utf8.count <= 64, DotAtom.isValid(local) else { throw .invalidLocalPart }
        guard let domain = DomainName(domainText) else { throw .invalidDomain }
        guard local.utf8.count + 1 + domain.ascii.utf8.count <= 254 else { throw .tooLong }
        self.localPart = local
        self.domain = domain
    }
}
