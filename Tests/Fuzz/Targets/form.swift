// libFuzzer target: the form and query decoder (Web FormData) and the URL helpers beside it
// (Web PercentEncoding). Any bytes: no crash; an encoded value decodes back to itself; a return
// path is always local.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzForm(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if let form = try? FormData(urlEncoded: bytes) {
        _ = form["next"]
        _ = form.all("a")
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let encoded = "v=" + PercentEncoding.encodeQueryValue(text)
    let decoded = try? FormData(urlEncoded: Array(encoded.utf8))
    precondition(decoded?["v"] == text, "an encoded query value does not decode back to itself")
    let path = PercentEncoding.safeLocalPath(text)
    precondition(path == "/profiles" || (path.hasPrefix("/") && !path.hasPrefix("//")), "a non-local path: \(path)")
    return 0
}
