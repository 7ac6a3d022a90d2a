import Foundation
public import MailCore

/// An event's sample variables (a JSON object): the preview's data, and the names a request
/// must give.
public struct EventSample: Sendable {
    public let value: JSONValue

    public init(_ json: String) {
        value = (try? JSONValue(parsing: Array(json.utf8))) ?? .object([:])
    }

    /// The top-level variable names, sorted.
    public var variableNames: [String] {
        value.objectValue?.keys.sorted() ?? []
    }
}
