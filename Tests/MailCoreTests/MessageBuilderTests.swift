import Foundation
import MailCore
import MailTestSupport
import Testing

@Suite struct MessageBuilderTests {
    static let shop = try! EmailAddress(parsing: "shop@example.ru")
    static let customer = try! EmailAddress(parsing: "ivan.petrov@mail.ru")
    static let id = try! MessageID("lq2x9k.0123456789abcdef@example.ru")

    static func letter(
        fromName: String = "Интернет-магазин «Ромашка»",
        toName: String = "Иван Петров",
        subject: String = "Ваш заказ №123 оформлен",
        text: String = "Здравствуйте!\nЗаказ оформлен.",
        html: String? = "<p>Здравствуйте!</p>"
    ) throws -> LetterContent {
        LetterContent(
            from: try Mailbox(displayName: fromName, address: shop),
            to: try Mailbox(displayName: toName, address: customer),
            subject: subject,
            text: text,
            html: html,
            messageID: id,
            date: Fixtures.now
        )
    }

    /// Builds `content`, reads it back, and checks the wire rules every message must keep.
    static func read(_ content: LetterContent, seed: UInt64 = 1) throws -> MIMEReader {
        var generator = SeededGenerator(seed: seed)
        let bytes = try MessageBuilder.build(
            content,
            timeZone: TimeZone(identifier: "Europe/Moscow")!,
            using: &generator
        )
        return MIMEReader(bytes)
    }

    /// The body of `content.text` as it should decode: every line break a CRLF.
    static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
    }

    // MARK: Headers

    @Test func cyrillicNamesAndSubjectDecodeToTheInput() throws {
        let content = try Self.letter()
        let reader = try Self.read(content)
        #expect(reader.decodedHeader("Subject") == content.subject)
        #expect(reader.mailbox("From")! == ("Интернет-магазин «Ромашка»", "shop@example.ru"))
        #expect(reader.mailbox("To")! == ("Иван Петров", "ivan.petrov@mail.ru"))
        #expect(!reader.encodedWords.isEmpty)
        #expect(reader.rawHeaderLines.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }, "headers are 7-bit")
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    @Test func longSubjectOfCyrillicAndEmojiSplitsIntoValidWords() throws {
        let pieces = ["Заказ", " ", "👨‍👩‍👧‍👦", "ё", "🇷🇺", "👍🏽", "Щ", " ", "е́", "№", "🎉"]
        var subject = ""
        var index = 0
        while subject.count < 300 {
            subject += pieces[index % pieces.count]
            index += 1
        }
        #expect(subject.count == 300)
        let reader = try Self.read(try Self.letter(subject: subject))
        #expect(reader.decodedHeader("Subject") == subject)
        #expect(reader.encodedWords.count > 10)
        var decodedCharacters = 0
        for word in reader.encodedWords {
            #expect(word.utf8.count <= 75)
            let decoded = try #require(MIMEReader.decodeEncodedWord(word), "\(word) is not valid UTF-8 on its own")
            decodedCharacters += decoded.count
        }
        // Had a word split a grapheme cluster, its halves would count as two characters.
        #expect(decodedCharacters == 300)
        let subjectLines = reader.rawHeaderLines.drop { !$0.hasPrefix("Subject:") }.prefix {
            !$0.hasPrefix("Message-ID:")
        }
        #expect(subjectLines.count > 5)
        #expect(subjectLines.allSatisfy { $0.utf8.count <= 78 })
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    @Test func oversizedGraphemeClusterIsSplitOnlyBetweenScalars() throws {
        let zalgo = "a" + String(repeating: "\u{0301}", count: 40) + " конец"
        let reader = try Self.read(try Self.letter(subject: zalgo))
        #expect(reader.decodedHeader("Subject") == zalgo)
        #expect(reader.encodedWords.allSatisfy { MIMEReader.decodeEncodedWord($0) != nil })
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    @Test func longASCIISubjectIsFoldedAtSpaces() throws {
        let subject = (1...30).map { "word\($0)" }.joined(separator: " ") + " - your order has shipped today"
        let reader = try Self.read(try Self.letter(subject: subject))
        #expect(reader.decodedHeader("Subject") == subject)
        #expect(reader.encodedWords.isEmpty, "plain ASCII stays readable")
        let subjectLines = reader.rawHeaderLines.drop { !$0.hasPrefix("Subject:") }.prefix {
            !$0.hasPrefix("Message-ID:")
        }
        #expect(subjectLines.count >= 3)
        #expect(subjectLines.allSatisfy { $0.utf8.count <= 78 })
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    @Test func asciiWordTooLongToFoldIsEncoded() throws {
        let subject = "Link: https://shop.example.ru/orders/" + String(repeating: "x", count: 120)
        let reader = try Self.read(try Self.letter(subject: subject))
        #expect(reader.decodedHeader("Subject") == subject)
        #expect(!reader.encodedWords.isEmpty)
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    @Test func mixedSubjectKeepsASCIIWordsPlain() throws {
        let subject = "Order №5 is ready, Иван"
        let reader = try Self.read(try Self.letter(subject: subject))
        #expect(reader.decodedHeader("Subject") == subject)
        #expect(reader.message.header("Subject")!.hasPrefix("Order =?UTF-8?B?"))
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    @Test(arguments: ["", "  padded  ", "tab\there", "double  space", "a ", " a", "?= =? ?"])
    func subjectSpacingIsKeptExactly(subject: String) throws {
        let reader = try Self.read(try Self.letter(subject: subject))
        #expect(reader.decodedHeader("Subject") == subject)
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    @Test func asciiNamesAreAtomsOrQuoted() throws {
        let reader = try Self.read(try Self.letter(fromName: "Flower Shop", toName: #"Petrov, Ivan "Vanya" \ Jr."#))
        #expect(reader.message.header("From") == "Flower Shop <shop@example.ru>")
        #expect(reader.message.header("To") == #""Petrov, Ivan \"Vanya\" \\ Jr." <ivan.petrov@mail.ru>"#)
        #expect(reader.mailbox("To")! == (#"Petrov, Ivan "Vanya" \ Jr."#, "ivan.petrov@mail.ru"))
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    @Test func emptyNameGivesTheBareAddress() throws {
        let reader = try Self.read(try Self.letter(toName: ""))
        #expect(reader.message.header("To") == "ivan.petrov@mail.ru")
    }

    @Test(arguments: [
        String(repeating: "Очень длинное имя отправителя ", count: 8),
        String(repeating: "VeryLongAsciiNameWithoutAnySpaces", count: 4),
        " leading and trailing spaces ",
    ])
    func longOrOddNamesStayWithinTheLineLimit(name: String) throws {
        let reader = try Self.read(try Self.letter(fromName: name))
        #expect(reader.mailbox("From")?.name == name)
        let fromLines = reader.rawHeaderLines.drop { !$0.hasPrefix("From:") }.prefix { !$0.hasPrefix("To:") }
        #expect(fromLines.allSatisfy { $0.utf8.count <= 78 })
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    // MARK: Injection

    static let lookalikes = [
        "=?UTF-8?Q?=0A?=",
        "Скидка =?UTF-8?Q?=0D=0ABcc:_attacker@evil.example?=",
        "x=?UTF-8?B?DQpCY2M6IGF0dGFja2VyQGV2aWwuZXhhbXBsZQ==?=y",
        "=?utf-8?q?Hello?= world",
    ]

    @Test(arguments: lookalikes)
    func encodedWordLookalikesDecodeToTheLiteralText(text: String) throws {
        let reader = try Self.read(try Self.letter(fromName: text, toName: text, subject: text))
        #expect(reader.decodedHeader("Subject") == text)
        #expect(reader.mailbox("From")?.name == text)
        #expect(reader.mailbox("To")?.name == text)
        let headers = reader.rawHeaderLines.joined(separator: "\n")
        #expect(!headers.contains("=0A") && !headers.lowercased().contains("bcc"))
        #expect(
            reader.message.headers.map(\.name) == [
                "Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type",
            ]
        )
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    static let breaks = [
        "\r\nBcc: attacker@evil.example", "\nBcc: x@y.z", "\r", "\u{0}", "\u{1B}[31m", "\u{7F}", "\u{2028}", "\u{85}",
    ]

    @Test(arguments: breaks)
    func lineBreaksInHeaderFieldsAreRefused(injected: String) throws {
        #expect(throws: HeaderProblem.controlCharacters(.displayName)) {
            try Mailbox(displayName: "Магазин" + injected, address: Self.shop)
        }
        #expect(throws: HeaderProblem.controlCharacters(.displayName)) {
            try Mailbox(displayName: injected + "Иван", address: Self.customer)
        }
        #expect(throws: HeaderProblem.controlCharacters(.subject)) {
            try MessageBuilder.build(try Self.letter(subject: "Заказ" + injected))
        }
        #expect(throws: HeaderProblem.controlCharacters(.messageID)) {
            try MessageID("abc" + injected + "@example.ru")
        }
        #expect(throws: EmailAddress.Problem.self) {
            try EmailAddress(parsing: "ivan@mail.ru" + injected)
        }
    }

    @Test func everyProblemHasAMessageInBothLanguages() {
        let problems = HeaderProblem.Field.allCases.map(HeaderProblem.controlCharacters) + [.invalidMessageID]
        for problem in problems {
            #expect(!problem.message.ru.isEmpty && !problem.message.en.isEmpty)
        }
    }

    // MARK: Date, Message-ID, structure

    @Test func headersComeInOrderWithDateAndMessageID() throws {
        let reader = try Self.read(try Self.letter())
        #expect(reader.message.header("Date") == "Tue, 01 Dec 2026 12:00:00 +0300")
        #expect(reader.message.header("Message-ID") == "<lq2x9k.0123456789abcdef@example.ru>")
        #expect(reader.message.header("MIME-Version") == "1.0")
        #expect(reader.message.header("Auto-Submitted") == nil)
    }

    @Test func dateIsEnglishWithANumericZoneAndUTCByDefault() throws {
        let bytes = try MessageBuilder.build(try Self.letter())
        let reader = MIMEReader(bytes)
        let date = try #require(reader.message.header("Date"))
        #expect(
            date.wholeMatch(
                of:
                    /(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}/
            ) != nil
        )
        #expect(date == "Tue, 01 Dec 2026 09:00:00 +0000")
    }

    @Test func generatedMessageIDIsOnTheSendersDomain() throws {
        let id = MessageID.generate(domain: Self.shop.domain, at: Fixtures.now)
        var content = try Self.letter()
        content.messageID = id
        let reader = MIMEReader(try MessageBuilder.build(content))
        #expect(reader.message.header("Message-ID") == "<\(id.value)>")
        #expect(id.value.hasSuffix("@example.ru"))
    }

    @Test func multipartHasTextThenHTMLAndABoundaryFoundNowhereElse() throws {
        let reader = try Self.read(try Self.letter(text: "Текст письма", html: "<p>HTML <b>письма</b></p>"))
        let (boundary, parts) = try #require(reader.parts())
        #expect(parts.count == 2)
        #expect(parts[0].header("Content-Type") == "text/plain; charset=UTF-8")
        #expect(parts[1].header("Content-Type") == "text/html; charset=UTF-8")
        #expect(reader.decodedText(parts[0]) == "Текст письма")
        #expect(reader.decodedText(parts[1]) == "<p>HTML <b>письма</b></p>")
        #expect(boundary.count >= 20)
        for part in parts {
            #expect(!String(decoding: part.body, as: UTF8.self).contains(boundary))
        }
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    @Test func contentThatRepeatsTheBoundaryCannotEndAPart() throws {
        let first = try Self.read(try Self.letter(), seed: 42)
        let boundary = try #require(first.parts()).boundary
        let hostile = "до\r\n--\(boundary)\r\nContent-Type: text/html\r\n\r\n<script>\r\n--\(boundary)--\r\nпосле"
        let reader = try Self.read(try Self.letter(text: hostile, html: hostile), seed: 42)
        let (sameBoundary, parts) = try #require(reader.parts())
        #expect(sameBoundary == boundary)
        #expect(parts.count == 2)
        #expect(reader.decodedText(parts[0]) == hostile)
        #expect(reader.decodedText(parts[1]) == hostile)
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    @Test func boundariesDifferBetweenLetters() throws {
        let first = MIMEReader(try MessageBuilder.build(try Self.letter()))
        let second = MIMEReader(try MessageBuilder.build(try Self.letter()))
        #expect(try #require(first.parts()).boundary != (try #require(second.parts()).boundary))
    }

    @Test(arguments: [nil, ""])
    func withoutHTMLTheLetterIsPlainText(html: String?) throws {
        let reader = try Self.read(try Self.letter(text: "Только текст", html: html))
        #expect(reader.message.header("Content-Type") == "text/plain; charset=UTF-8")
        #expect(reader.parts() == nil)
        #expect(reader.decodedText(reader.message) == "Только текст")
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    // MARK: Bodies

    @Test(arguments: [
        String(repeating: "a", count: 5_000),
        String(repeating: "Привет, мир! ", count: 385),
        String(repeating: "Order #42 = paid; ", count: 250) + "ё",
        String(repeating: "😀", count: 1_700),
        String(repeating: " ", count: 300),
    ])
    func aLongBodyLineNeverMakesALongWireLine(line: String) throws {
        let reader = try Self.read(try Self.letter(text: line, html: line))
        let parts = try #require(reader.parts()).parts
        for part in parts {
            #expect(reader.decodedText(part) == line)
            let wireLines = MIMEReader.split(part.body, by: [0x0D, 0x0A])
            #expect(wireLines.allSatisfy { $0.count <= 76 })
        }
        #expect(reader.violations.isEmpty, "\(reader.violations)")
    }

    @Test func mostlyASCIIIsQuotedPrintableAndCyrillicIsBase64() throws {
        let reader = try Self.read(
            try Self.letter(text: "Order 42 is paid.", html: "<p>Заказ оплачен, спасибо за покупку!</p>")
        )
        let parts = try #require(reader.parts()).parts
        #expect(parts[0].header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(parts[1].header("Content-Transfer-Encoding") == "base64")
    }

    @Test(arguments: [
        "a\nb\r\nc\rd",
        "trailing spaces   \nand tabs\t\t\r\nend ",
        "\n\nstarts and ends with breaks\n\n",
        "= signs =3D and =\nsoft-looking breaks=",
        ".\n..\nFrom the start\n",
        "",
        "\u{0}nul and \u{1B}escape",
    ])
    func bodiesRoundTripWithCRLFLineEnds(text: String) throws {
        for html in [nil, "<p>x</p>"] as [String?] {
            let reader = try Self.read(try Self.letter(text: text, html: html))
            let part = try html == nil ? reader.message : #require(reader.parts()).parts[0]
            #expect(reader.decodedText(part) == Self.crlf(text))
            #expect(reader.violations.isEmpty, "\(reader.violations)")
        }
    }
}
