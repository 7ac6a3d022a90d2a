import HTTPCore
import Testing

@testable import FastCGI

struct CGIParametersTests {
    @Test(arguments: [
        ([("REQUEST_URI", "/a%20b/c?x=1"), ("DOCUMENT_URI", "/a b/c")], "/a%20b/c"),
        ([("DOCUMENT_URI", "/from/document")], "/from/document"),
        ([("REQUEST_URI", "http://example.com/x"), ("DOCUMENT_URI", "/x")], "/x"),
        ([("SCRIPT_NAME", "/app"), ("PATH_INFO", "/profiles")], "/app/profiles"),
        ([("REQUEST_URI", ""), ("DOCUMENT_URI", "")], "/"),
        ([], "/"),
    ])
    func findsThePath(parameters: [(String, String)], path: String) throws {
        let request = try #require(CGIParameters([("REQUEST_METHOD", "GET")] + parameters).request(body: []))
        #expect(request.path == path)
    }

    @Test func takesTheQueryFromTheRequestURIWhenQueryStringIsMissing() throws {
        let request = try #require(
            CGIParameters([("REQUEST_METHOD", "GET"), ("REQUEST_URI", "/log?page=2&status=sent")]).request(body: [])
        )
        #expect(request.query == "page=2&status=sent")
    }

    @Test func mapsHeaderParameters() {
        let headers = CGIParameters([
            ("HTTP_USER_AGENT", "Mozilla/5.0"), ("HTTP_X_FORWARDED_FOR", "192.0.2.1"),
            ("HTTP_ACCEPT", "text/html"), ("HTTP_ACCEPT", "*/*"), ("HTTP_COOKIE", "a=1"), ("HTTP_COOKIE", "b=2"),
            ("CONTENT_TYPE", "text/plain"), ("CONTENT_LENGTH", ""), ("HTTP_", "nameless"),
            ("SERVER_NAME", "panel.example"), ("HTTPS", "on"),
        ]).headers
        #expect(
            headers.map { "\($0.name.rawName): \($0.value)" } == [
                "user-agent: Mozilla/5.0", "x-forwarded-for: 192.0.2.1", "accept: text/html", "accept: */*",
                "cookie: a=1", "cookie: b=2", "content-type: text/plain",
            ]
        )
        #expect(headers[.accept] == "text/html, */*")
        #expect(headers[.cookie] == "a=1; b=2")
    }

    @Test func prefersTheCGIContentParametersToNginxsHeaderCopies() {
        let withCGI = CGIParameters([
            ("CONTENT_TYPE", "application/json"), ("CONTENT_LENGTH", "12"),
            ("HTTP_CONTENT_TYPE", "application/json"), ("HTTP_CONTENT_LENGTH", "12"),
        ]).headers
        let headerOnly = CGIParameters([("HTTP_CONTENT_TYPE", "text/plain"), ("CONTENT_TYPE", "")]).headers

        #expect(withCGI == [.contentType: "application/json", .contentLength: "12"])
        #expect(headerOnly == [.contentType: "text/plain"])
    }

    @Test(arguments: [("8080", 8080), ("443", 443), ("", nil), ("0", nil), ("70000", nil), ("80x", nil)])
    func readsTheServerPort(value: String, port: Int?) throws {
        let request = try #require(
            CGIParameters([("REQUEST_METHOD", "GET"), ("SERVER_PORT", value)]).request(body: [])
        )
        #expect(request.serverPort == port)
    }

    @Test(arguments: [("on", true), ("ON", true), ("", false), ("off", false)])
    func readsHTTPS(value: String, isHTTPS: Bool) throws {
        let request = try #require(CGIParameters([("REQUEST_METHOD", "GET"), ("HTTPS", value)]).request(body: []))
        #expect(request.isHTTPS == isHTTPS)
    }

    @Test(arguments: [
        (nil, CGIParameters.BodyLength.unknown), ("", .unknown), ("0", .declared(0)), ("1048576", .declared(1 << 20)),
        ("99999999999999999999999", .declared(Int.max)), ("-1", .invalid), ("12 ", .invalid), ("0x10", .invalid),
    ])
    func readsTheBodyLength(value: String?, expected: CGIParameters.BodyLength) {
        let parameters = value.map { [("CONTENT_LENGTH", $0)] } ?? []
        #expect(CGIParameters(parameters).bodyLength == expected)
    }

    @Test(arguments: [nil, "", "GE T", "GET\r\n"])
    func refusesAMissingOrMalformedMethod(method: String?) {
        let parameters = method.map { [("REQUEST_METHOD", $0)] } ?? []
        #expect(CGIParameters(parameters).request(body: []) == nil)
    }

    @Test func usesTheFirstOfRepeatedParameters() throws {
        let request = try #require(
            CGIParameters([("REQUEST_METHOD", "DELETE"), ("REMOTE_ADDR", "192.0.2.1"), ("REMOTE_ADDR", "10.0.0.1")])
                .request(body: [])
        )
        #expect(request.method == .delete)
        #expect(request.remoteAddress == "192.0.2.1")
    }
}
