import MailCore

/// A path of the route table taken apart: literal segments and at most one argument, `:id` (a
/// record number, `RecordID`) or `:code` (an event code, `EventCode`).
struct PathPattern: Sendable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case argument(Argument)
    }

    enum Argument: Sendable, Equatable {
        case id
        case code
    }

    let segments: [Segment]

    init(_ path: String) {
        segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part in
            switch part {
            case ":id": .argument(.id)
            case ":code": .argument(.code)
            default: .literal(String(part))
            }
        }
    }

    /// The argument the path carries, if any.
    var argument: Argument? {
        for case .argument(let argument) in segments { return argument }
        return nil
    }

    var literalCount: Int {
        segments.count { if case .literal = $0 { true } else { false } }
    }

    /// The arguments when `parts` (a request path split at `/`, without the leading empty part)
    /// is this path.
    func match(_ parts: ArraySlice<Substring>) -> Path.Arguments? {
        guard parts.count == segments.count else { return nil }
        var arguments = Path.Arguments()
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let text):
                guard part == text else { return nil }
            case .argument(.id):
                guard let id = RecordID.parse(part) else { return nil }
                arguments.id = id
            case .argument(.code):
                guard EventCode.isValid(part) else { return nil }
                arguments.code = String(part)
            }
        }
        return arguments
    }
}

extension Path {
    /// The values a request path gave the pattern's argument.
    struct Arguments: Sendable, Equatable {
        var id: Int64?
        var code: String?
    }

    /// Every path taken apart once.
    private static let patterns = Dictionary(uniqueKeysWithValues: allCases.map { ($0, PathPattern($0.rawValue)) })

    var pattern: PathPattern { Self.patterns[self] ?? PathPattern(rawValue) }

    /// The address of this path with `id` (or `code`) in place of its argument, and a query.
    func link(id: Int64? = nil, code: String? = nil, query: [(String, String)] = []) -> String {
        var link = ""
        for segment in pattern.segments {
            link += "/"
            switch segment {
            case .literal(let text): link += text
            case .argument(.id): link += id.map(String.init) ?? ""
            case .argument(.code): link += code ?? ""
            }
        }
        if link.isEmpty { link = "/" }
        guard !query.isEmpty else { return link }
        return link + "?" + query.map { "\($0.0)=\(PercentEncoding.encodeQueryValue($0.1))" }.joined(separator: "&")
    }
}
