extension SMTPHint {
    /// The catalog: each cause in one or two sentences, Russian and English.
    static func text(for cause: Cause, _ settings: Settings) -> LocalizedText {
        let host = settings.host
        let port = settings.port
        switch cause {
        case .hostNotFound:
            return LocalizedText(
                ru:
                    "Сервер «\(host)» не найден. Проверьте имя SMTP-сервера: обычно это smtp и домен почты, например smtp.yandex.ru.",
                en:
                    "The server “\(host)” was not found. Check the SMTP server name: usually smtp and the mail domain, such as smtp.yandex.ru."
            )
        case .presetHostNotResolved:
            let name = settings.knownHost?.name ?? LocalizedText(ru: host, en: host)
            return LocalizedText(
                ru:
                    "«\(host)» — верное имя SMTP-сервера \(name.ru), но сервер, на котором работает робот, не нашёл его в DNS. Вероятная причина — сеть или DNS этого сервера: проверьте его доступ в интернет и серверы имён в /etc/resolv.conf.",
                en:
                    "“\(host)” is the right SMTP server name of \(name.en), but the machine the robot runs on could not find it in DNS. Its network or DNS is the likely cause: check its Internet access and the name servers in /etc/resolv.conf."
            )
        case .loginNotOffered:
            return LoginFacts.loginSkippedText(encrypted: settings.security != .none)
        case .connectionFailed:
            return LocalizedText(
                ru:
                    "Не удалось подключиться к \(host):\(port). Проверьте сервер и порт; если они верны, порт может закрывать хостинг вашего сайта — попробуйте 465 (SSL/TLS) или 587 (STARTTLS) либо спросите поддержку хостинга.",
                en:
                    "Could not connect to \(host):\(port). Check the server and port; if they are right, your hosting provider may block the port: try 465 (SSL/TLS) or 587 (STARTTLS), or ask the provider."
            )
        case .tlsModeMismatch:
            return modeMismatchText(settings)
        case .certificateUntrusted:
            return LocalizedText(
                ru:
                    "Сертификат сервера \(host) не удалось проверить: он самоподписанный или выдан неизвестным центром. Укажите имя сервера из инструкции почтового сервиса; для собственного центра сертификации задайте файл в MAILROBOT_CA_FILE.",
                en:
                    "The certificate of \(host) could not be verified: it is self-signed or from an unknown authority. Use the server name from the mail service's instructions; for a private authority, set its file in MAILROBOT_CA_FILE."
            )
        case .certificateNameMismatch:
            return LocalizedText(
                ru:
                    "Сертификат сервера выдан не на имя «\(host)». Укажите имя сервера, на которое выдан сертификат: обычно то, что дано в инструкции хостинга, а не домен вашего сайта.",
                en:
                    "The server's certificate is not issued for “\(host)”. Use the name the certificate is issued for: usually the one in the hosting provider's instructions, not your site's domain."
            )
        case .tlsFailed:
            return LocalizedText(
                ru:
                    "Защищённое соединение с \(host) не установилось. Проверьте режим SSL и порт (SSL/TLS — 465, STARTTLS — 587); подробности — в ответе сервера.",
                en:
                    "No secure connection to \(host) could be set up. Check the SSL mode and port (SSL/TLS on 465, STARTTLS on 587); the server's reply has the details."
            )
        case .tlsRequired:
            return LocalizedText(
                ru:
                    "Сервер принимает пароль только по защищённому соединению. Выберите SSL/TLS (порт 465) или STARTTLS (порт 587).",
                en:
                    "The server takes a password only over a secure connection. Choose SSL/TLS (port 465) or STARTTLS (port 587)."
            )
        case .appPasswordRequired:
            let base = LocalizedText(
                ru:
                    "Почтовый сервис требует пароль для внешних приложений: создайте его в настройках безопасности ящика и введите вместо обычного пароля.",
                en:
                    "The mail service requires an app password: create one in the mailbox's security settings and enter it instead of the usual password."
            )
            guard let note = settings.preset?.passwordNote else { return base }
            return LocalizedText(ru: base.ru + " " + note.ru, en: base.en + " " + note.en)
        case .authUnavailable:
            return LocalizedText(
                ru:
                    "Сервер не предлагает вход по паролю в этом режиме. Выберите порт 465 (SSL/TLS) или 587 (STARTTLS); если не поможет, уточните у почтового сервиса, разрешена ли отправка по SMTP.",
                en:
                    "The server offers no password login in this mode. Choose port 465 (SSL/TLS) or 587 (STARTTLS); if that does not help, ask the mail service whether SMTP sending is allowed."
            )
        case .wrongCredentials:
            return LocalizedText(
                ru:
                    "Сервер не принял логин или пароль. Проверьте их: логин обычно — полный адрес ящика, пароль — тот, что открывает этот ящик.",
                en:
                    "The server did not accept the login or password. Check them: the login is usually the full mailbox address, the password the one that opens that mailbox."
            )
        case .dailyQuota:
            return LocalizedText(
                ru:
                    "Почтовый сервис сообщил, что суточный лимит отправки исчерпан; отправка продолжится через сутки. Уменьшите «Максимальное кол-во отправок сообщений в сутки» на вкладке «Параметры».",
                en:
                    "The mail service says the daily sending limit is used up; sending resumes in 24 hours. Lower the daily maximum on the “Limits” tab."
            )
        case .antiSpam:
            return LocalizedText(
                ru:
                    "Почтовый сервис принял письма за спам и временно остановил отправку; она продолжится через сутки. Проверьте тексты и ссылки писем и уменьшите лимиты на вкладке «Параметры».",
                en:
                    "The mail service took the letters for spam and paused sending; it resumes in 24 hours. Check the letters' texts and links and lower the limits on the “Limits” tab."
            )
        case .throttled:
            return LocalizedText(
                ru:
                    "Сервер просит отправлять реже. Увеличьте «Интервал отправки» или уменьшите число писем за раз на вкладке «Параметры».",
                en:
                    "The server asks to send less often. Raise the sending interval or lower the batch size on the “Limits” tab."
            )
        case .senderNotAllowed:
            return LocalizedText(
                ru:
                    "Сервер не разрешает этому логину отправлять от указанного адреса. В «Email отправителя» укажите адрес того же ящика, что и в «Логин».",
                en:
                    "The server does not let this login send from that address. Set the sender e-mail to the address of the mailbox you log in to."
            )
        case .relayDenied:
            return LocalizedText(
                ru:
                    "Сервер не пересылает письма на чужие адреса без входа. Проверьте логин и пароль и выберите порт для отправки почты: 465 (SSL/TLS) или 587 (STARTTLS), а не 25.",
                en:
                    "The server does not relay to other domains without a login. Check the login and password and use a submission port: 465 (SSL/TLS) or 587 (STARTTLS), not 25."
            )
        case .recipientMailboxUnavailable:
            return LocalizedText(
                ru:
                    "Ящик получателя переполнен или временно не принимает почту. Профиль исправен: проверьте отправку на другой адрес.",
                en:
                    "The recipient's mailbox is full or not taking mail for now. The profile works: try sending to another address."
            )
        case .recipientRefused:
            return LocalizedText(
                ru:
                    "Сервер отказался принять получателя: вероятно, такого адреса нет. Проверьте адрес или попробуйте другой.",
                en:
                    "The server refused the recipient: the address probably does not exist. Check it or try another one."
            )
        case .messageTooBig:
            return LocalizedText(
                ru: "Письмо больше, чем принимает сервер. Уменьшите шаблон письма: картинки лучше давать ссылками.",
                en:
                    "The letter is larger than the server accepts. Make the template smaller: link to images instead of embedding them."
            )
        case .contentRejected:
            return LocalizedText(
                ru:
                    "Сервер отклонил само письмо; причина — в его ответе. Часто дело в записях SPF, DKIM или DMARC домена отправителя или в ссылках в тексте.",
                en:
                    "The server refused the letter itself; its reply says why. Often the sender domain's SPF, DKIM or DMARC records or the links in the text are the cause."
            )
        case .connectionRejected:
            return LocalizedText(
                ru:
                    "Сервер \(host) отказался работать с этим подключением; возможно, IP-адрес вашего сервера заблокирован. Обратитесь в поддержку почтового сервиса, приложив ответ сервера.",
                en:
                    "The server \(host) refused this connection; your server's IP address may be blocked. Contact the mail service's support with the server's reply."
            )
        case .noGreeting where settings.security == .ssl:
            return LocalizedText(
                ru:
                    "Сервер \(host) принял соединение, но ничего не ответил за отведённое время. Проверьте порт: возможно, он ждёт STARTTLS (обычно 587), или сервер перегружен.",
                en:
                    "\(host) accepted the connection but said nothing in time. Check the port: it may expect STARTTLS (usually 587), or the server is overloaded."
            )
        case .noGreeting:
            return LocalizedText(
                ru:
                    "Сервер \(host) принял соединение, но ничего не ответил за отведённое время. Так бывает, когда порт ждёт шифрования сразу: выберите SSL/TLS (обычно порт 465). Если не помогло — сервер перегружен или соединение режет сетевой фильтр.",
                en:
                    "\(host) accepted the connection but said nothing in time. That happens when the port expects encryption from the start: choose SSL/TLS (usually port 465). Otherwise the server is overloaded or a firewall cuts the connection."
            )
        case .privateHostNotAllowed:
            return LocalizedText(
                ru:
                    "Сервер «\(host)» находится во внутренней сети или на этом же компьютере, и робот к нему не подключился: так панель нельзя использовать для проверки чужих внутренних адресов. Если это ваш почтовый сервер, отметьте в профиле «Разрешить сервер во внутренней сети».",
                en:
                    "The server “\(host)” is on an internal network or on this very computer, so the robot did not connect: the panel must not probe internal addresses. If it is your own mail server, tick “Allow a server on an internal network” in the profile."
            )
        case .clearTextLoginNotAllowed:
            return LocalizedText(
                ru:
                    "Без шифрования (SSL «Нет») логин и пароль ушли бы открытым текстом, и робот не стал подключаться. Выберите SSL/TLS или STARTTLS; если сервер их не поддерживает, отметьте в профиле «Разрешить пароль без шифрования».",
                en:
                    "Without encryption (SSL “None”) the login and password would travel in clear text, so the robot did not connect. Choose SSL/TLS or STARTTLS; if the server supports neither, tick “Allow the password without encryption” in the profile."
            )
        case .temporaryTrouble:
            return LocalizedText(
                ru:
                    "Сервер временно не смог принять письмо; при обычной отправке робот повторит попытку сам. Если ошибка повторяется, проверьте сервер, порт и ответ сервера.",
                en:
                    "The server could not take the letter for now; in normal sending the robot retries by itself. If it keeps failing, check the server, port and the server's reply."
            )
        }
    }

    private static func modeMismatchText(_ settings: Settings) -> LocalizedText {
        if settings.security == .ssl {
            return LocalizedText(
                ru:
                    "Выбран SSL/TLS, но порт \(settings.port) ждёт обычного соединения. Для порта 587 выберите STARTTLS, а для SSL/TLS укажите порт 465.",
                en:
                    "SSL/TLS is chosen, but port \(settings.port) expects a plain connection. Choose STARTTLS for port 587, or port 465 for SSL/TLS."
            )
        }
        if settings.port == 465 {
            return LocalizedText(
                ru:
                    "На порту 465 нужен режим SSL/TLS, а выбран «\(settings.security.title.ru)». Выберите SSL/TLS или порт 587 со STARTTLS.",
                en:
                    "Port 465 needs SSL/TLS, but “\(settings.security.title.en)” is chosen. Choose SSL/TLS, or port 587 with STARTTLS."
            )
        }
        return LocalizedText(
            ru:
                "Режим SSL не подходит к порту \(settings.port): SSL/TLS работает на порту 465, STARTTLS — на 587. Выберите пару, которую называет почтовый сервис.",
            en:
                "The SSL mode does not fit port \(settings.port): SSL/TLS runs on port 465, STARTTLS on 587. Choose the pair the mail service names."
        )
    }
}
