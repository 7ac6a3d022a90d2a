import Foundation
import MailCore
import MailTestSupport
import Testing

@Suite struct MessageIDTests {
    static let domain = DomainName("shop.example.ru")!

    @Test func generatedIDIsValidAndOnTheDomain() throws {
        let id = MessageID.generate(domain: Self.domain, at: Fixtures.now)
        #expect(id.value.hasSuffix("@shop.example.ru"))
        #expect(try MessageID(id.value) == id)
        #expect(id.description == id.value)
    }

    @Test func generatedIDsDiffer() {
        let ids = Set((0..<1_000).map { _ in MessageID.generate(domain: Self.domain, at: Fixtures.now) })
        #expect(ids.count == 1_000)
    }

    @Test func randomPartComesFromTheGenerator() {
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        var other = SeededGenerator(seed: 8)
        let a = MessageID.generate(domain: Self.domain, at: Fixtures.now, using: &first)
        #expect(a == MessageID.generate(domain: Self.domain, at: Fixtures.now, using: &second))
        #expect(a != MessageID.generate(domain: Self.domain, at: Fixtures.now, using: &other))
        #expect(a.value.wholeMatch(of: /[0-9a-z]+\.[0-9a-f]{32}@shop\.example\.ru/) != nil)
    }

    @Test func timePartFollowsTheClock() {
        var generator = SeededGenerator(seed: 1)
        let early = MessageID.generate(domain: Self.domain, at: Date(timeIntervalSince1970: 0), using: &generator)
        #expect(early.value.hasPrefix("0."))
        let later = MessageID.generate(domain: Self.domain, at: Fixtures.now, using: &generator)
        #expect(later.value.hasPrefix(String(Int64(Fixtures.now.timeIntervalSince1970 * 1000), radix: 36) + "."))
    }

    @Test func internationalDomainIsPunycode() {
        let id = MessageID.generate(domain: DomainName("магазин.рф")!, at: Fixtures.now)
        #expect(id.value.hasSuffix("@xn--80aairftm.xn--p1ai"))
    }

    @Test(arguments: ["abc.def@example.ru", "1a2b3c+x=y@mail.example.com", "a@b"])
    func acceptsStoredIDs(value: String) throws {
        #expect(try MessageID(value).value == value)
    }

    @Test(arguments: [
        "", "no-at-sign", "a@b@c", "<a@example.ru>", "a b@example.ru", "@example.ru", "a@", "a..b@example.ru",
        ".a@example.ru", "a@example.ru.", "=?UTF-8?Q?=0A?=@example.ru", "a@[127.0.0.1]", "имя@example.ru",
        "a\"b@example.ru", String(repeating: "a", count: 240) + "@example.ru",
    ])
    func refusesWhatIsNotAPlainID(value: String) {
        #expect(throws: HeaderProblem.invalidMessageID) { try MessageID(value) }
    }

    @Test(arguments: ["a\r\n@example.ru", "a@example.ru\nBcc: x@y.z", "a\u{0}@b"])
    func refusesControlCharacters(value: String) {
        #expect(throws: HeaderProblem.controlCharacters(.messageID)) { try MessageID(value) }
    }
}
