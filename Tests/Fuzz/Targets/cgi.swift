// libFuzzer target: the CGI parameter parser (FastCGI CGIParameters), which turns what nginx
// sends into an HTTPRequest. Input: NAME=VALUE records separated by NUL.
import HTTPCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCGI(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let pairs = bytes.split(separator: 0, omittingEmptySubsequences: false).map { record in
        let equals = record.firstIndex(of: UInt8(ascii: "=")) ?? record.endIndex
        let name = String(decoding: record[record.startIndex..<equals], as: UTF8.self)
        let value = equals == record.endIndex ? "" : String(decoding: record[(equals + 1)...], as: UTF8.self)
        return (name: name, value: value)
    }
    let parameters = CGIParameters(pairs)
    if case .declared(let length) = parameters.bodyLength { precondition(length >= 0, "a negative body length") }
    if let request = parameters.request(body: []) {
        precondition(!request.method.isEmpty && !request.path.isEmpty, "a request without method or path")
        _ = request.header("cookie")
    }
    return 0
}
