public import HTTPTypes

/// A request method (`GET`, `POST` …) as apple/swift-http-types has it.
public typealias HTTPMethod = HTTPTypes.HTTPRequest.Method

/// A response status with its reason phrase (`.seeOther` is `303 See Other`).
public typealias HTTPStatus = HTTPTypes.HTTPResponse.Status

/// Header fields in order, by case-insensitive name; a value can hold no CR, LF or NUL.
public typealias HTTPFields = HTTPTypes.HTTPFields

/// One header field; `HTTPField.Name` has the common names (`.cookie`, `.location` …).
public typealias HTTPField = HTTPTypes.HTTPField
