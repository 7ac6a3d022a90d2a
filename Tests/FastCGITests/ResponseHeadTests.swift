import HTTPCore
import Testing

@testable import FastCGI

struct ResponseHeadTests {
    private func text(_ response: HTTPResponse, bodyLength: Int?) -> String {
        String(decoding: ResponseHead(response, bodyLength: bodyLength).bytes, as: UTF8.self)
    }

    @Test func writesStatusFieldsAndABlankLine() {
        var response = HTTPResponse.redirect(to: "/profiles")
        response.headers.append(HTTPField(name: .setCookie, value: "s=1; HttpOnly"))
        #expect(
            text(response, bodyLength: 0)
                == "Status: 303 See Other\r\nLocation: /profiles\r\nSet-Cookie: s=1; HttpOnly\r\n"
                + "Content-Length: 0\r\n\r\n"
        )
    }

    @Test func keepsTheHandlersContentLength() {
        let response = HTTPResponse(status: .ok, headers: [.contentLength: "5"], body: .bytes([]))
        #expect(text(response, bodyLength: 9) == "Status: 200 OK\r\nContent-Length: 5\r\n\r\n")
    }

    @Test(arguments: [HTTPStatus.noContent, .notModified])
    func givesNoLengthToAStatusWithoutBody(status: HTTPStatus) {
        #expect(!text(HTTPResponse(status: status), bodyLength: 0).contains("Content-Length"))
    }

    @Test func leavesOutAStatusFieldAndKeepsValuesOnTheirLine() {
        var response = HTTPResponse(status: .ok, headers: [.contentType: "text/html; charset=utf-8"])
        response.headers[HTTPField.Name("X-B")!] = "2\r\nX-Injected: 1"
        response.headers[HTTPField.Name("status")!] = "302 Found"
        let head = ResponseHead(response, bodyLength: nil)
        #expect(
            String(decoding: head.bytes, as: UTF8.self)
                == "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nX-B: 2  X-Injected: 1\r\n\r\n"
        )
        #expect(head.dropped == ["status"])
    }

    @Test(arguments: [0, 42, 600, 999])
    func turnsAnImpossibleStatusInto500(code: Int) {
        let response = HTTPResponse(status: HTTPStatus(code: code))
        #expect(text(response, bodyLength: nil).hasPrefix("Status: 500 Internal Server Error\r\n"))
    }
}
