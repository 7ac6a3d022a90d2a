// libFuzzer target: the JSON parser the API reads bodies with (MailCore JSONValue+Parsing).
// Any input: no crash, no hang; what parses serializes to JSON that parses back to the same value.
import MailCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONValue(parsing: bytes) else { return 0 }
    let again = try? JSONValue(parsing: Array(value.serialized.utf8))
    precondition(again == value, "serialized JSON does not parse back to the same value")
    _ = value.pathsOfControlCharacters()
    return 0
}
