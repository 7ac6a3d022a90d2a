/// The rules of DESIGN.md §2 for the profile form, as a pure function.
public enum ProfileValidator {
    /// Upper bounds that keep every number sane for the planner and the database.
    public static let maxNameLength = 100
    public static let maxSenderNameLength = 200
    public static let maxLoginLength = 320
    public static let maxPasswordLength = 512
    public static let limitCeiling = 1_000_000
    public static let intervalCeiling = 7 * 24 * 60

    /// Checks what the admin typed. `isNew` makes the password required; on edit an empty
    /// password means "keep the stored one". Uniqueness of the name is the database's job.
    public static func validate(_ draft: ProfileDraft, isNew: Bool) throws(FieldErrors<ProfileField>) -> ProfileSettings
    {
        var errors = FieldErrors<ProfileField>()

        let name = trimmed(draft.name)
        requireText(name, .name, maxLength: maxNameLength, &errors)

        let hostText = trimmed(draft.host)
        let host = checkHost(hostText, &errors)

        let security = SecurityMode(rawValue: draft.security)
        if security == nil { errors.add(.security, Messages.security) }
        if security == SecurityMode.none, !trimmed(draft.login).isEmpty, !draft.allowPlainAuth {
            errors.add(.security, Messages.plainAuthNotAllowed)
        }

        let portText = trimmed(draft.port)
        let port: Int? = portText.isEmpty ? security?.suggestedPort : wholeNumber(portText, in: 1...65535)
        if port == nil { errors.add(.port, Messages.port) }

        let senderName = draft.senderName.trimmingSpaces()
        if HeaderSafety.hasControlCharacters(senderName) { errors.add(.senderName, Messages.controlCharacters) }
        if senderName.count > maxSenderNameLength { errors.add(.senderName, Messages.tooLong(maxSenderNameLength)) }

        let login = trimmed(draft.login)
        requireText(login, .login, maxLength: maxLoginLength, &errors)

        let senderEmail = checkSenderEmail(trimmed(draft.senderEmail), login: login, &errors)

        if HeaderSafety.hasControlCharacters(draft.password) { errors.add(.password, Messages.controlCharacters) }
        if draft.password.count > maxPasswordLength { errors.add(.password, Messages.tooLong(maxPasswordLength)) }
        if isNew && draft.password.isEmpty { errors.add(.password, Messages.passwordRequired) }

        let limits = checkLimits(draft, &errors)

        // Whether that profile may be the reserve (exists, not itself, no loop) is the store's
        // question, asked inside its write (`ReserveRoute.problem`).
        let reserveText = trimmed(draft.reserve)
        let reserveID = reserveText.isEmpty ? nil : wholeNumber(reserveText, in: 1...Int.max).map(Int64.init)
        if !reserveText.isEmpty && reserveID == nil { errors.add(.reserve, ReserveProblem.unknown.message) }

        guard errors.isEmpty, let host, let security, let port, let senderEmail, let limits else { throw errors }
        return ProfileSettings(
            name: name,
            host: host,
            port: port,
            security: security,
            senderName: senderName,
            senderEmail: senderEmail,
            login: login,
            newPassword: draft.password.isEmpty ? nil : draft.password,
            allowPlainAuth: draft.allowPlainAuth,
            allowPrivateHost: draft.allowPrivateHost,
            isDefault: draft.isDefault,
            limits: limits,
            reserveID: reserveID
        )
    }

    private static func trimmed(_ text: String) -> String { text.trimmingSpaces() }

    private static func requireText(
        _ text: String,
        _ field: ProfileField,
        maxLength: Int,
        _ errors: inout FieldErrors<ProfileField>
    ) {
        if text.isEmpty { errors.add(field, Messages.required) }
        if HeaderSafety.hasControlCharacters(text) { errors.add(field, Messages.controlCharacters) }
        if text.count > maxLength { errors.add(field, Messages.tooLong(maxLength)) }
    }

    private static func checkHost(_ text: String, _ errors: inout FieldErrors<ProfileField>) -> String? {
        if text.isEmpty {
            errors.add(.host, Messages.required)
            return nil
        }
        if text.contains("://") {
            errors.add(.host, Messages.hostScheme)
            return nil
        }
        if let literal = IPAddressLiteral(text) { return literal.text }
        guard let domain = DomainName(text, requireDot: false) else {
            errors.add(.host, Messages.host)
            return nil
        }
        return domain.ascii
    }

    private static func checkSenderEmail(
        _ text: String,
        login: String,
        _ errors: inout FieldErrors<ProfileField>
    ) -> EmailAddress? {
        if text.isEmpty {
            if let fromLogin = try? EmailAddress(parsing: login) { return fromLogin }
            if !login.isEmpty { errors.add(.senderEmail, Messages.senderEmailNeeded) }
            return nil
        }
        do {
            return try EmailAddress(parsing: text)
        } catch {
            errors.add(.senderEmail, error.message)
            return nil
        }
    }

    private static func checkLimits(_ draft: ProfileDraft, _ errors: inout FieldErrors<ProfileField>) -> ProfileLimits?
    {
        func number(_ field: ProfileField, _ range: ClosedRange<Int>) -> Int? {
            let value = wholeNumber(trimmed(draft[field]), in: range)
            if value == nil { errors.add(field, Messages.wholeNumber(range)) }
            return value
        }
        let maxPerDay = number(.maxPerDay, 1...limitCeiling)
        let interval = number(.intervalMinutes, 0...intervalCeiling)
        let batch = number(.batchSize, 1...limitCeiling)
        let priority = number(.priorityPerDay, 0...limitCeiling)
        guard let maxPerDay, let interval, let batch, let priority else { return nil }
        guard priority <= maxPerDay else {
            errors.add(.priorityPerDay, Messages.priorityOverMax(maxPerDay))
            return nil
        }
        return ProfileLimits(
            maxPerDay: maxPerDay,
            intervalMinutes: interval,
            batchSize: batch,
            priorityPerDay: priority
        )
    }

    /// The limits of `draft` when all four are valid, whatever the other fields say (the form warns
    /// about them beside their field while other fields still fail); nil otherwise.
    public static func limits(of draft: ProfileDraft) -> ProfileLimits? {
        var ignored = FieldErrors<ProfileField>()
        return checkLimits(draft, &ignored)
    }

    /// A decimal number made of ASCII digits only, within `range`.
    static func wholeNumber(_ text: String, in range: ClosedRange<Int>) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 9, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = Int(text), range.contains(value)
        else { return nil }
        return value
    }
}

extension ProfileValidator {
    /// The message for a name another profile already has (the database finds that out).
    public static let nameTaken = LocalizedText(ru: "Название уже занято.", en: "This name is already taken.")

    enum Messages {
        static let required = LocalizedText(ru: "Заполните это поле.", en: "This field is required.")
        static let controlCharacters = LocalizedText(
            ru: "Перевод строки и управляющие символы здесь недопустимы.",
            en: "Line breaks and control characters are not allowed here."
        )
        static let host = LocalizedText(
            ru: "Укажите имя сервера (например, smtp.mail.ru) или IP-адрес, без пробелов.",
            en: "Enter a server name (such as smtp.mail.ru) or an IP address, without spaces."
        )
        static let hostScheme = LocalizedText(
            ru: "Укажите только имя сервера, без «smtp://» и «https://».",
            en: "Enter the server name only, without “smtp://” or “https://”."
        )
        static let port = LocalizedText(
            ru: "Порт — целое число от 1 до 65535.",
            en: "The port is a whole number from 1 to 65535."
        )
        static let security = LocalizedText(
            ru: "Выберите SSL/TLS, STARTTLS или Нет.",
            en: "Choose SSL/TLS, STARTTLS or None."
        )
        static let plainAuthNotAllowed = LocalizedText(
            ru:
                "Без шифрования логин и пароль уйдут открытым текстом. Выберите SSL/TLS или STARTTLS, а если сервер их не поддерживает — отметьте «Разрешить пароль без шифрования».",
            en:
                "Without encryption the login and password travel in clear text. Choose SSL/TLS or STARTTLS; if the server supports neither, tick “Allow the password without encryption”."
        )
        static let senderEmailNeeded = LocalizedText(
            ru: "Логин не похож на адрес — укажите Email отправителя.",
            en: "The login is not an address: enter the sender's e-mail."
        )
        static let passwordRequired = LocalizedText(
            ru: "Введите пароль (для Mail.ru, Яндекса и Gmail — пароль для внешних приложений).",
            en: "Enter the password (an app password for Mail.ru, Yandex and Gmail)."
        )
        static func tooLong(_ limit: Int) -> LocalizedText {
            LocalizedText(ru: "Не длиннее \(limit) символов.", en: "At most \(limit) characters.")
        }
        static func wholeNumber(_ range: ClosedRange<Int>) -> LocalizedText {
            LocalizedText(
                ru: "Целое число от \(range.lowerBound) до \(range.upperBound).",
                en: "A whole number from \(range.lowerBound) to \(range.upperBound)."
            )
        }
        static func priorityOverMax(_ max: Int) -> LocalizedText {
            LocalizedText(
                ru: "Не больше максимума отправок в сутки (\(max)).",
                en: "Not more than the daily maximum (\(max))."
            )
        }
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
