import HTTPCore
import Testing

@testable import FastCGI

struct ResponseHeadTests {
    private func text(_ response: HTTPResponse, bodyLength: Int?) -> String {
        String(decoding: ResponseHead(response, bodyLength: bodyLength).bytes, as: UTF8.self)
    }

    @Test func writesStatusFieldsAndABlankLine() {
        let response = HTTPResponse(
            status: 303,
            headers: [("Location", "/profiles"), ("Set-Cookie", "s=1; HttpOnly")],
            body: .bytes([])
        )
        #expect(
            text(response, bodyLength: 0)
                == "Status: 303 See Other\r\nLocation: /profiles\r\nSet-Cookie: s=1; HttpOnly\r\n"
                + "Content-Length: 0\r\n\r\n"
        )
    }

    @Test func keepsTheHandlersContentLength() {
        let response = HTTPResponse(status: 200, headers: [("content-length", "5")], body: .bytes([]))
        #expect(text(response, bodyLength: 9) == "Status: 200 OK\r\ncontent-length: 5\r\n\r\n")
    }

    @Test(arguments: [204, 304])
    func givesNoLengthToAStatusWithoutBody(status: Int) {
        #expect(!text(HTTPResponse(status: status), bodyLength: 0).contains("Content-Length"))
    }

    @Test func leavesOutFieldsThatWouldBreakTheBlock() {
        let head = ResponseHead(
            HTTPResponse(
                status: 200,
                headers: [
                    ("X-A", "1"), ("X-B", "2\r\nX-Injected: 1"), ("X-C", "3\n"), ("X-D", "4\0"), ("X Space", "5"),
                    ("", "6"), ("status", "302 Found"), ("Content-Type", "text/html; charset=utf-8"),
                ]
            ),
            bodyLength: nil
        )
        #expect(
            String(decoding: head.bytes, as: UTF8.self)
                == "Status: 200 OK\r\nX-A: 1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        )
        #expect(head.dropped == ["X-B", "X-C", "X-D", "X Space", "", "status"])
    }

    @Test(arguments: [0, 42, 600, 1000])
    func turnsAnImpossibleStatusInto500(status: Int) {
        #expect(text(HTTPResponse(status: status), bodyLength: nil).hasPrefix("Status: 500 Internal Server Error\r\n"))
    }
}
