public import HTTPCore

extension HTTPFields {
    /// The value of a field named by text, as `HTTPFields` joins repeated fields; nil for a name
    /// that is not a token.
    public subscript(named name: String) -> String? {
        HTTPField.Name(name).flatMap { self[$0] }
    }
}

extension HTTPResponse {
    /// The value of a response field named by text.
    public func header(_ name: String) -> String? {
        headers[named: name]
    }
}
