import MailCore
import Testing

@testable import SMTP

@Suite struct CurlSMTPSessionTests {
    private func url(_ host: String, _ port: Int = 465, _ security: SecurityMode = .ssl) -> String? {
        CurlSMTPSession.url(
            SMTPAccount(host: host, port: port, security: security, login: "", password: ""),
            machineName: nil
        )
    }

    @Test func namesTheGreetingInThePath() {
        let account = SMTPAccount(
            host: "smtp.mail.ru",
            port: 465,
            security: .ssl,
            login: "",
            password: "",
            senderDomain: DomainName("shop.example")
        )
        #expect(CurlSMTPSession.url(account, machineName: "vm") == "smtps://smtp.mail.ru:465/shop.example")
        #expect(
            CurlSMTPSession.url(account, machineName: "web1.shop.example")
                == "smtps://smtp.mail.ru:465/web1.shop.example"
        )
    }

    @Test func buildsTheURLFromTheSecurityMode() {
        #expect(url("smtp.mail.ru") == "smtps://smtp.mail.ru:465")
        #expect(url("smtp.yandex.ru", 587, .starttls) == "smtp://smtp.yandex.ru:587")
        #expect(url("192.0.2.10", 25, .none) == "smtp://192.0.2.10:25")
        #expect(url("[2001:db8::1]") == "smtps://[2001:db8::1]:465")
    }

    @Test(arguments: ["", "host/path", "user@host", "host?x", "host#x", "a b", "host\r\n", "2001:db8::1", "h%41"])
    func refusesHostsThatWouldChangeTheURL(host: String) {
        #expect(url(host) == nil)
    }

    @Test func refusesPortsOutOfRange() {
        #expect(url("smtp.example.com", 0) == nil)
        #expect(url("smtp.example.com", 65536) == nil)
    }

    @Test func durationsBecomeLibcurlUnits() {
        #expect(Duration.seconds(15).curlMilliseconds == 15_000)
        #expect(Duration.milliseconds(1500).curlSeconds == 2)
        #expect(Duration.microseconds(1).curlMilliseconds == 1)
        #expect(Duration.zero.curlMilliseconds == 1)
    }
}
