/// One piece of a parsed page template.
///
/// The page templates use the part of Mustache a page needs: escaped variables `{{name}}`,
/// dotted names `{{a.b}}`, the current value `{{.}}`, sections `{{#x}}…{{/x}}` and inverted
/// sections `{{^x}}…{{/x}}`, comments, partials `{{> name}}`, and a layout with blocks
/// (`{{<layout}}{{$block}}…{{/block}}{{/layout}}`). Everything that could write unescaped text
/// (`{{{x}}}`, `{{&x}}`), change the delimiters or the content type is refused when the template
/// is read.
indirect enum TemplateNode: Equatable, Sendable {
    case text(String)
    /// `{{a.b}}`; `{{.}}` is the empty path.
    case variable(TemplatePath)
    case section(TemplatePath, [TemplateNode], inverted: Bool)
    /// `{{> name}}`; standalone on its line, the partial's lines get the line's indentation.
    case partial(String, indentation: String?)
    /// `{{<layout}}` with the blocks the page fills in.
    case layout(String, indentation: String, blocks: [String: [TemplateNode]])
    /// `{{$name}}default{{/name}}` in a layout.
    case block(String, default: [TemplateNode], indentation: String)
}

/// A dotted name as written in a template, with the line it is on (for messages).
struct TemplatePath: Equatable, Sendable {
    let names: [String]
    let line: Int

    var text: String { names.isEmpty ? "." : names.joined(separator: ".") }
}
