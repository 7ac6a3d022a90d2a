import MailCore
import Testing

@Suite struct OutcomeTextTests {
    /// Failures without a server reply read as the program's words, in Russian and English;
    /// libcurl's English is not among them.
    @Test(arguments: [
        (
            SMTPFailure.dns(detail: "Could not resolve host: smtp.mail.ru"), "сервер не найден (DNS)",
            "server not found (DNS)"
        ),
        (
            .dns(detail: "Resolving timed out after 5000 milliseconds"), "DNS не ответил за 5 с",
            "DNS gave no answer in 5 s"
        ),
        (
            .connect(detail: "Failed to connect to smtp.shop.ru port 465 after 2 ms: Connection refused"),
            "соединение отклонено", "connection refused"
        ),
        (.connect(detail: "Connection timed out after 15001 milliseconds"), "нет ответа за 15 с", "no answer in 15 s"),
        (
            .connect(detail: "Failed to connect to 192.0.2.1 port 25 after 3 ms: No route to host"),
            "сервер недоступен по сети", "server unreachable over the network"
        ),
        (.timeout(step: .greeting, seconds: 30), "нет ответа за 30 с", "no answer in 30 s"),
        (.timeout(step: .data), "нет ответа вовремя", "no answer in time"),
        (
            .tls(detail: "SSL certificate problem: self-signed certificate"), "сертификат сервера не прошёл проверку",
            "the server's certificate did not pass the check"
        ),
        (.tls(detail: "STARTTLS not supported."), "сервер не предложил STARTTLS", "the server did not offer STARTTLS"),
        (.auth(reply: nil), "вход не принят", "login refused"),
        (.connectionLost(step: .data, reply: nil), "соединение оборвалось", "connection lost"),
        (
            .addressNotAllowed(address: "10.0.0.5", scope: .privateNetwork),
            "не подключались: 10.0.0.5 — адрес внутренней сети, а сервер во внутренней сети профилю не разрешён",
            "not connected: 10.0.0.5 is an address of a private network, and the profile does not allow an internal server"
        ),
        (
            .clearTextLoginNotAllowed,
            "не подключались: без шифрования пароль ушёл бы открытым текстом, а профилю это не разрешено",
            "not connected: without encryption the password would go in clear text, and the profile does not allow it"
        ),
    ])
    func aFailureWithoutAReplyIsAnErrorInWords(failure: SMTPFailure, ru: String, en: String) {
        let shown = failure.outcomeText
        #expect(!shown.isServerReply)
        #expect(shown.label == OutcomeText.errorLabel)
        #expect(failure.summary(.ru) == ru)
        #expect(failure.summary(.en) == en)
        #expect(!ru.contains { ("a"..."z").contains($0) && !"DNSTLSTAR".contains($0) })
    }

    /// «Ответ сервера» labels only what a server said.
    @Test(arguments: [
        SMTPFailure.auth(reply: reply(535, "5.7.8", "Authentication failed")),
        .recipientRefused(reply: reply(550, "5.1.1", "No such user")),
        .connectionLost(step: .sender, reply: reply(421, "4.7.0", "Too many messages")),
        .tls(detail: "554 5.7.0 TLS not available"),
    ])
    func aServerReplyIsShownAsTheServerWroteIt(failure: SMTPFailure) {
        guard case .serverReply(let reply) = failure.outcomeText else {
            Issue.record("\(failure) should show a server reply")
            return
        }
        #expect(failure.outcomeText.label == OutcomeText.serverReplyLabel)
        #expect(failure.summary(.ru) == reply.description && failure.summary(.en) == reply.description)
    }

    /// What the journal recorded (`failure.description`) reads back as the same failure, so a page
    /// shows it in its language long after the attempt.
    @Test(arguments: [
        SMTPFailure.dns(detail: "Could not resolve host: smtp.mail.ru"),
        .dns(detail: "\(SMTPFailure.badAddressDetail): bad host:0"),
        .connect(detail: "Failed to connect to x port 25 after 1 ms: Connection refused"),
        .tls(detail: "SSL certificate problem: certificate has expired"),
        .tls(detail: "554 5.7.0 TLS not available"),
        .auth(reply: nil),
        .auth(reply: reply(535, "5.7.8", "Authentication failed")),
        .auth(reply: reply(530, nil, "Must issue a STARTTLS command first")),
        .senderRefused(reply: reply(553, "5.7.1", "Sender address rejected: not owned by user")),
        .recipientRefused(reply: reply(550, "5.1.1", "<a@b.ru>: user unknown")),
        .dataRefused(reply: reply(554, "5.7.1", "Message rejected as spam")),
        .timeout(step: .greeting),
        .timeout(step: .data, seconds: 30),
        .connectionLost(step: .data, reply: nil),
        .connectionLost(step: .greeting, reply: reply(421, "4.7.0", "Too busy, try later")),
        .connectionLost(step: .auth, reply: nil),
        .addressNotAllowed(address: "127.0.0.1", scope: .loopback),
        .addressNotAllowed(address: "fd00::25", scope: .privateNetwork),
        .addressNotAllowed(address: "0.0.0.0", scope: .thisNetwork),
        .clearTextLoginNotAllowed,
    ])
    func aRecordedFailureReadsBack(failure: SMTPFailure) {
        #expect(SMTPFailure(recorded: failure.description) == failure, "\(failure.description)")
        #expect(OutcomeText(recorded: failure.description) == failure.outcomeText)
    }

    @Test func otherRecordedTextsAreNotesRepliesOrVerbatim() {
        #expect(OutcomeText(recorded: "check interrupted") == .note(.checkInterrupted, detail: ""))
        #expect(OutcomeText(recorded: "check interrupted").text(.ru) == "проверка прервана")
        let unwritable = OutcomeText(recorded: ProgramNote.letterUnwritable.recorded("bad address"))
        #expect(unwritable.text(.ru) == "письмо не удалось собрать: bad address")
        #expect(unwritable.label == OutcomeText.errorLabel)
        #expect(OutcomeText(recorded: "run ended before the server answered").text(.en).hasPrefix("the run ended"))
        let sent = OutcomeText(recorded: "250 2.0.0 Ok: queued as 4XyZ")
        #expect(sent == .serverReply(reply(250, "2.0.0", "Ok: queued as 4XyZ")))
        #expect(OutcomeText(recorded: "something else").text(.ru) == "something else")
        #expect(SMTPFailure(recorded: "greeting: 220 hello") == nil)
    }
}
