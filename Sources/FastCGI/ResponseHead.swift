import HTTPCore

/// The CGI header block of a response: `Status: 200 OK`, the header fields, a blank line.
///
/// `HTTPFields` already refuses what could break the block (a name that is not a token, CR, LF or
/// NUL in a value); a `Status` field the handler added is left out and reported, since this block
/// writes the status itself. `Content-Length` is added when the body's length is known and the
/// handler gave none.
struct ResponseHead {
    let bytes: [UInt8]
    /// Names of the fields left out.
    let dropped: [String]

    init(_ response: HTTPResponse, bodyLength: Int?) {
        let status: HTTPStatus = (100...599).contains(response.status.code) ? response.status : .internalServerError
        var text = "Status: \(status.code) \(status.reasonPhrase)\r\n"
        var dropped: [String] = []
        for field in response.headers {
            guard field.name.canonicalName != "status" else {
                dropped.append(field.name.rawName)
                continue
            }
            text += "\(field.name.rawName): \(field.value)\r\n"
        }
        if let bodyLength, response.headers[.contentLength] == nil, Self.mayHaveBody(status: status) {
            text += "Content-Length: \(bodyLength)\r\n"
        }
        text += "\r\n"
        bytes = Array(text.utf8)
        self.dropped = dropped
    }

    /// Whether a response with this status carries a body (not 1xx, 204 or 304).
    static func mayHaveBody(status: HTTPStatus) -> Bool {
        status.code >= 200 && status != .noContent && status != .notModified
    }
}
