import CResolv
import MailCore

/// Reads the answer section of a DNS message with libresolv's `ns_initparse`/`ns_parserr`.
/// - SeeAlso: https://www.rfc-editor.org/rfc/rfc1035#section-4.1
enum DNSAnswerParser {
    /// The wire code of a record type.
    static func code(_ type: DNSRecordType) -> UInt32 {
        switch type {
        case .a: ns_t_a.rawValue
        case .aaaa: ns_t_aaaa.rawValue
        case .mx: ns_t_mx.rawValue
        case .txt: ns_t_txt.rawValue
        }
    }

    /// The records of `type` in the answer section (CNAMEs and other types skipped).
    static func records(_ message: [UInt8], type: DNSRecordType) throws(DNSError) -> [DNSRecord] {
        let parsed: [DNSRecord]? = message.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var handle = ns_msg()
            guard ns_initparse(base, Int32(buffer.count), &handle) == 0 else { return nil }
            let count = withUnsafeBytes(of: handle._counts) { counts in
                counts.load(fromByteOffset: Int(ns_s_an.rawValue) * 2, as: UInt16.self)
            }
            var records: [DNSRecord] = []
            for index in 0..<Int32(count) {
                var record = ns_rr()
                guard ns_parserr(&handle, ns_s_an, index, &record) == 0 else { return nil }
                guard UInt32(record.type) == code(type), record.rr_class == UInt16(ns_c_in.rawValue) else { continue }
                let data = UnsafeBufferPointer(start: record.rdata, count: Int(record.rdlength))
                guard let value = decode(data, type: type, message: buffer) else { return nil }
                records.append(value)
            }
            return records
        }
        guard let parsed else { throw .malformedAnswer }
        return parsed
    }

    private static func decode(
        _ data: UnsafeBufferPointer<UInt8>,
        type: DNSRecordType,
        message: UnsafeBufferPointer<UInt8>
    ) -> DNSRecord? {
        switch type {
        case .a, .aaaa:
            return IPAddress(bytes: Array(data)).map(DNSRecord.address)
        case .txt:
            // One or more <length><bytes> character-strings, joined as RFC 7208 §3.3 says.
            var text: [UInt8] = []
            var offset = 0
            while offset < data.count {
                let length = Int(data[offset])
                guard offset + 1 + length <= data.count else { return nil }
                text += data[(offset + 1)..<(offset + 1 + length)]
                offset += 1 + length
            }
            return .text(String(decoding: text, as: UTF8.self))
        case .mx:
            guard data.count >= 3, let start = data.baseAddress, let base = message.baseAddress else { return nil }
            let preference = Int(data[0]) << 8 | Int(data[1])
            var name = [CChar](repeating: 0, count: Int(NS_MAXDNAME))
            let used = dn_expand(base, base + message.count, start + 2, &name, Int32(name.count))
            guard used > 0 else { return nil }
            let text = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .mailExchange(preference: preference, host: text.isEmpty ? nil : DNSName(text))
        }
    }
}
