import Foundation

/// The plain-text part of a letter made from its HTML, for events whose text template is
/// empty: blocks become lines, links keep their address, entities are decoded.
public enum HTMLToText {
    public static func convert(_ html: String) -> String {
        var text = html
        for element in ["head", "style", "script", "title"] {
            text = text.replacingOccurrences(
                of: "<\(element)\\b[^>]*>.*?</\(element)\\s*>",
                with: "",
                options: [.regularExpression, .caseInsensitive]
            )
        }
        text = text.replacingOccurrences(of: "<!--.*?-->", with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: "[\\r\\n\\t ]+", with: " ", options: .regularExpression)
        text = text.replacingOccurrences(
            of: "<a\\b[^>]*href\\s*=\\s*\"([^\"]*)\"[^>]*>(.*?)</a\\s*>",
            with: "$2 ($1)",
            options: [.regularExpression, .caseInsensitive]
        )
        text = text.replacingOccurrences(of: "<br\\s*/?>", with: "\n", options: [.regularExpression, .caseInsensitive])
        text = text.replacingOccurrences(
            of: "<li\\b[^>]*>",
            with: "\n• ",
            options: [.regularExpression, .caseInsensitive]
        )
        text = text.replacingOccurrences(
            of: "</?(p|div|h[1-6]|tr|table|ul|ol|blockquote|section|header|footer)\\b[^>]*>",
            with: "\n",
            options: [.regularExpression, .caseInsensitive]
        )
        text = text.replacingOccurrences(
            of: "</t[dh]\\s*>",
            with: " ",
            options: [.regularExpression, .caseInsensitive]
        )
        text = text.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        text = decodeEntities(text)
        let lines = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var result: [String] = []
        for line in lines where !(line.isEmpty && (result.last?.isEmpty ?? true)) {
            result.append(line)
        }
        while result.last?.isEmpty == true { result.removeLast() }
        return result.joined(separator: "\n")
    }

    /// Decodes the entities letters commonly use (named ones, `&#NNN;` and `&#xHH;`); unknown
    /// ones and control characters stay as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "laquo": "«",
            "raquo": "»", "mdash": "—", "ndash": "–", "hellip": "…", "copy": "©", "#39": "'",
        ]
        var output = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(10).firstIndex(of: ";") else {
                output += "&"
                rest = after
                continue
            }
            let name = String(after[..<semicolon])
            if let value = named[name] {
                output += value
            } else if name.hasPrefix("#"), let scalar = numericEntity(name.dropFirst()) {
                output.unicodeScalars.append(scalar)
            } else {
                output += "&" + name + ";"
            }
            rest = after[after.index(after: semicolon)...]
        }
        return output + rest
    }

    private static func numericEntity(_ digits: Substring) -> Unicode.Scalar? {
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init).flatMap { $0.value >= 0x20 || $0 == "\n" ? $0 : nil }
    }
}
