/// Why a template could not be loaded or rendered.
public enum TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No template of this name was loaded.
    case missing(name: String)
    /// The template text does not parse; `line` is 1-based.
    case syntax(name: String, line: Int, column: Int, reason: String)
    /// A file or folder could not be read.
    case unreadable(path: String)
    /// A file was read but its content is not what it must be.
    case invalid(path: String, reason: String)
    /// A page names a field its view model does not have, or uses one the wrong way.
    case field(template: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .missing(let name): "template \(name) does not exist"
        case .syntax(let name, let line, let column, let reason): "template \(name), line \(line):\(column): \(reason)"
        case .unreadable(let path): "cannot read \(path)"
        case .invalid(let path, let reason): "\(path): \(reason)"
        case .field(let name, let line, let reason): "template \(name), line \(line): \(reason)"
        }
    }
}
