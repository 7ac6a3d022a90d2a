import HTTPCore

/// The CGI header block of a response: `Status: 200 OK`, the header fields, a blank line.
///
/// A field that could break the block (a name that is not a token, a value with CR, LF or NUL) is left
/// out and reported, so no handler can split the response; so is a `Status` field, which this block
/// writes itself. `Content-Length` is added when the body's length is known and the handler gave none.
struct ResponseHead {
    let bytes: [UInt8]
    /// Names of the fields left out.
    let dropped: [String]

    init(_ response: HTTPResponse, bodyLength: Int?) {
        let status = (100...599).contains(response.status) ? response.status : 500
        let reason = status == response.status ? response.reasonPhrase : "Internal Server Error"
        var text = "Status: \(status) \(reason)\r\n"
        var dropped: [String] = []
        var hasLength = false
        for (name, value) in response.headers {
            let lowered = name.lowercased()
            guard Self.isValid(name: name), Self.isValid(value: value), lowered != "status" else {
                dropped.append(name)
                continue
            }
            hasLength = hasLength || lowered == "content-length"
            text += "\(name): \(value)\r\n"
        }
        if let bodyLength, !hasLength, Self.mayHaveBody(status: status) {
            text += "Content-Length: \(bodyLength)\r\n"
        }
        text += "\r\n"
        bytes = Array(text.utf8)
        self.dropped = dropped
    }

    /// Whether a response with this status carries a body (not 1xx, 204 or 304).
    static func mayHaveBody(status: Int) -> Bool {
        status >= 200 && status != 204 && status != 304
    }

    private static func isValid(name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(CGIParameters.isTokenByte)
    }

    private static func isValid(value: String) -> Bool {
        !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }
}
