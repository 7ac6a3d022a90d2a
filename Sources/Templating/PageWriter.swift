/// The bytes of a page as it is rendered, and the values its template is reading.
struct PageWriter {
    var bytes: [UInt8] = []
    /// Addresses of the values in scope, outermost first: the chrome, the page, then the value of
    /// each section entered. Each is pushed only while its value lives.
    var frames: [UnsafeRawPointer] = []
    /// The reader's language, as an index into `Language.allCases` (texts of the catalogue).
    let language: Int

    init(capacity: Int, language: Int) {
        bytes.reserveCapacity(capacity)
        frames.reserveCapacity(8)
        self.language = language
    }

    /// Appends `text` with `& < > " '` as entities (HTML-escaped, byte by byte).
    mutating func escape(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
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
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }

    mutating func write(_ number: Int64) {
        if (0..<10).contains(number) {
            bytes.append(UInt8(ascii: "0") + UInt8(number))
        } else {
            bytes.append(contentsOf: String(number).utf8)
        }
    }
}
