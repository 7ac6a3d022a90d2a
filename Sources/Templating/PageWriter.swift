/// The bytes of a page as it is rendered, and the values its template is reading.
///
/// The bytes live in one buffer that grows by doubling and the values in scope in a fixed stack
/// of addresses (its depth is the template's deepest nesting, known when it is compiled): a page
/// is thousands of small writes, and neither an `Array` append nor a closure's retain is free at
/// that count. A writer is used through `inout` only and its memory handed out by `finish()`.
struct PageWriter {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Addresses of the values in scope, outermost first: the chrome, the page, then the value of
    /// each section entered. Each is pushed only while its value lives.
    private let frames: UnsafeMutablePointer<UnsafeRawPointer>
    private var depth = 0

    init(capacity: Int, depth: Int) {
        self.capacity = max(capacity, 1024)
        base = .allocate(capacity: self.capacity)
        frames = .allocate(capacity: depth)
    }

    /// The page's bytes; the writer's memory is freed and the writer must not be used again.
    mutating func finish() -> [UInt8] {
        let page = [UInt8](UnsafeBufferPointer(start: base, count: count))
        base.deallocate()
        frames.deallocate()
        count = 0
        capacity = 0
        return page
    }

    // MARK: - Scope

    /// The address of the value at `depth` (0: the chrome, 1: the page, 2…: sections entered).
    func frame(_ depth: Int) -> UnsafeRawPointer { frames[depth] }

    /// Renders `body` with `value` in scope.
    mutating func entering(_ value: UnsafeRawPointer, _ body: RenderStep) {
        frames[depth] = value
        depth += 1
        body(&self)
        depth -= 1
    }

    mutating func start(chrome: UnsafeRawPointer, model: UnsafeRawPointer) {
        frames[0] = chrome
        frames[1] = model
        depth = 2
    }

    // MARK: - Bytes

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends `text` with `& < > " '` as entities (HTML-escaped, byte by byte).
    mutating func escape(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ escape($0) }) != nil { return }
        var copy = text
        copy.withUTF8 { escape($0) }
    }

    private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in 0..<utf8.count {
            let entity: StaticString
            switch utf8[index] {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default: continue
            }
            append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
            append(UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            start = index + 1
        }
        append(UnsafeBufferPointer(rebasing: utf8[start...]))
    }

    /// Appends `number` in decimal.
    mutating func write(_ number: Int64) {
        reserve(20)
        var magnitude = number.magnitude
        var digits = 0
        repeat {
            digits += 1
            magnitude /= 10
        } while magnitude > 0
        if number < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        magnitude = number.magnitude
        for offset in stride(from: digits - 1, through: 0, by: -1) {
            base[count + offset] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
        count += digits
    }

    /// The byte at `offset` of what was written.
    func byte(at offset: Int) -> UInt8 { base[offset] }

    /// Puts `bytes` at `offset`, moving what follows.
    mutating func insert(_ bytes: [UInt8], at offset: Int) {
        reserve(bytes.count)
        (base + offset + bytes.count).update(from: base + offset, count: count - offset)
        bytes.withUnsafeBufferPointer { (base + offset).update(from: $0.baseAddress!, count: $0.count) }
        count += bytes.count
    }

    private mutating func reserve(_ more: Int) {
        guard count + more > capacity else { return }
        let grown = max(count + more, capacity * 2)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = grown
    }
}
