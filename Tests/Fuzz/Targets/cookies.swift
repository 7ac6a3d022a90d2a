// libFuzzer target: the Cookie header parser (Web Cookies). Any header: no crash, and every
// cookie read has a name without the separators of the header.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCookies(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let header = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for (name, value) in Cookies.parse(header) {
        precondition(!name.isEmpty && !name.contains(";") && !name.contains("="), "a malformed cookie name")
        precondition(!value.contains(";"), "a cookie value with a separator")
    }
    return 0
}
