/// One compiled piece of a page: writes its part of the page from the values in scope.
typealias RenderStep = @Sendable (inout PageWriter) -> Void

/// Turns a page template into `RenderStep`s bound to the fields of its view model.
///
/// Every name is looked up here, once, in the schemas of the values that will be in scope (the
/// innermost section's value first, the chrome last, as Mustache looks them up); a name no
/// schema has, or a field used in a way its kind does not allow, is a `TemplateError` at start.
/// Partials, the layout and its blocks are compiled into the page where they are used, so each
/// use is checked against the values in scope there. `{{t.key}}` is the text `key` of the
/// catalogue in the reader's language, checked to exist in every language.
struct PageCompiler {
    let templates: [String: [TemplateNode]]
    let strings: StringCatalog

    /// Partials and layouts nested deeper than this are a loop.
    static let maximumNesting = 16

    /// A value that will be in scope, and where its address will be among the frames.
    private struct Scope {
        let schema: TemplateSchema
        let depth: Int
    }

    /// A block of a layout as a page fills it in, with the template it was written in.
    private struct Override {
        let nodes: [TemplateNode]
        let template: String
    }

    /// Where in the templates the compiler is.
    private struct Place {
        var template: String
        var scopes: [Scope]
        var blocks: [String: Override] = [:]
        var indentation = ""
        var nesting = 0

        func entering(_ schema: TemplateSchema) -> Place {
            var place = self
            place.scopes.append(Scope(schema: schema, depth: scopes.count))
            return place
        }
    }

    /// The template `name` for values of `schemas` (outermost first).
    func compile(_ name: String, schemas: [TemplateSchema]) throws(TemplateError) -> RenderStep {
        guard let nodes = templates[name] else { throw .missing(name: name) }
        let scopes = schemas.enumerated().map { Scope(schema: $1, depth: $0) }
        return try compile(nodes, Place(template: name, scopes: scopes))
    }

    private func compile(_ nodes: [TemplateNode], _ place: Place) throws(TemplateError) -> RenderStep {
        var steps: [RenderStep] = []
        var pendingText: [UInt8] = []
        for node in nodes {
            if case .text(let text) = node, place.indentation.isEmpty {
                pendingText += text.utf8
                continue
            }
            if !pendingText.isEmpty {
                steps.append(Self.literal(pendingText))
                pendingText = []
            }
            steps.append(try compile(node, place))
        }
        if !pendingText.isEmpty { steps.append(Self.literal(pendingText)) }
        if !place.indentation.isEmpty { return Self.indenting(steps, by: Array(place.indentation.utf8)) }
        let all = steps
        switch all.count {
        case 0: return { _ in }
        case 1: return all[0]
        default: return { writer in for step in all { step(&writer) } }
        }
    }

    private func compile(_ node: TemplateNode, _ place: Place) throws(TemplateError) -> RenderStep {
        switch node {
        case .text(let text):
            return Self.literal(Array(text.utf8))
        case .variable(let path):
            return try variable(path, place)
        case .section(let path, let body, let inverted):
            return try section(path, body, inverted: inverted, place)
        case .partial(let name, let indentation):
            var inner = try nested(name, place)
            inner.indentation += indentation ?? ""
            return try compile(templates[name] ?? [], inner)
        case .layout(let name, let indentation, let blocks):
            var inner = try nested(name, place)
            inner.indentation += indentation
            inner.blocks = blocks.mapValues { Override(nodes: $0, template: place.template) }
                .merging(place.blocks) { _, outer in outer }
            return try compile(templates[name] ?? [], inner)
        case .block(let name, let fallback, let indentation):
            var inner = place
            inner.nesting += 1
            guard inner.nesting <= Self.maximumNesting else { throw loop(name, place) }
            inner.indentation += indentation
            guard let override = place.blocks[name] else { return try compile(fallback, inner) }
            inner.template = override.template
            return try compile(override.nodes, inner)
        }
    }

    private func nested(_ name: String, _ place: Place) throws(TemplateError) -> Place {
        guard templates[name] != nil else {
            throw .field(template: place.template, line: 0, reason: "no template \(name) for {{> \(name)}}")
        }
        var inner = place
        inner.template = name
        inner.nesting += 1
        guard inner.nesting <= Self.maximumNesting else { throw loop(name, place) }
        return inner
    }

    private func loop(_ name: String, _ place: Place) -> TemplateError {
        .field(template: place.template, line: 0, reason: "\(name) is nested more than \(Self.maximumNesting) deep")
    }

    // MARK: - Names

    /// A name found: the frame it starts at, the objects it goes through, and the field.
    private struct Resolved {
        let depth: Int
        let hops: [Nested]
        let field: FieldReader
    }

    private func resolve(_ path: TemplatePath, _ place: Place) throws(TemplateError) -> Resolved {
        guard let first = path.names.first else {
            throw problem(path, place, "{{.}} is only for a text")
        }
        guard let scope = place.scopes.last(where: { $0.schema.fields[first] != nil }),
            var field = scope.schema.fields[first]
        else {
            let types = place.scopes.reversed().map(\.schema.typeName).joined(separator: ", ")
            throw problem(path, place, "no field \(first) in \(types)")
        }
        var hops: [Nested] = []
        for name in path.names.dropFirst() {
            switch field {
            case .object(let nested), .optionalObject(let nested):
                let schema = nested.schema()
                guard let next = schema.fields[name] else {
                    throw problem(path, place, "no field \(name) in \(schema.typeName)")
                }
                hops.append(nested)
                field = next
            default:
                throw problem(path, place, "\(name) is read from something that is not an object")
            }
        }
        return Resolved(depth: scope.depth, hops: hops, field: field)
    }

    private func problem(_ path: TemplatePath, _ place: Place, _ reason: String) -> TemplateError {
        .field(template: place.template, line: path.line, reason: "{{\(path.text)}}: \(reason)")
    }

    /// Calls `body` with the address of the value that holds the field, if every optional object
    /// on the way is there.
    private static func reach(
        _ hops: [Nested]
    ) -> @Sendable (UnsafeRawPointer, (UnsafeRawPointer) -> Void) -> Void {
        guard let first = hops.first else { return { pointer, body in body(pointer) } }
        let rest = reach(Array(hops.dropFirst()))
        return { pointer, body in _ = first.visit(pointer) { rest($0, body) } }
    }

    // MARK: - Variables and sections

    private func variable(_ path: TemplatePath, _ place: Place) throws(TemplateError) -> RenderStep {
        if path.names.isEmpty {
            guard let scope = place.scopes.last, let dot = scope.schema.dot else {
                throw problem(path, place, "{{.}} is only for a text, not \(place.scopes.last?.schema.typeName ?? "")")
            }
            let depth = scope.depth
            return { writer in writer.escape(dot(writer.frames[depth])) }
        }
        if path.names.first == "t", !place.scopes.contains(where: { $0.schema.fields["t"] != nil }) {
            guard path.names.count == 2, let texts = strings.escapedTexts(path.names[1]) else {
                throw problem(path, place, "no text \(path.names.dropFirst().joined(separator: ".")) in the catalogue")
            }
            return { writer in writer.bytes += texts[writer.language] }
        }
        let resolved = try resolve(path, place)
        let depth = resolved.depth
        let reach = Self.reach(resolved.hops)
        switch resolved.field {
        case .text(let read):
            if resolved.hops.isEmpty { return { writer in writer.escape(read(writer.frames[depth])) } }
            return { writer in reach(writer.frames[depth]) { writer.escape(read($0)) } }
        case .optionalText(let read):
            return { writer in reach(writer.frames[depth]) { if let text = read($0) { writer.escape(text) } } }
        case .number(let read):
            return { writer in reach(writer.frames[depth]) { writer.write(read($0)) } }
        case .flag, .object, .optionalObject, .list:
            throw problem(path, place, "only a text or a number can be written; this opens a section")
        }
    }

    private func section(
        _ path: TemplatePath,
        _ nodes: [TemplateNode],
        inverted: Bool,
        _ place: Place
    ) throws(TemplateError) -> RenderStep {
        let resolved = try resolve(path, place)
        let depth = resolved.depth
        let reach = Self.reach(resolved.hops)
        /// Renders `body` when `test` (given the holder's address) says so, or, for an inverted
        /// section, when it does not or an optional object on the way is missing.
        func when(_ body: @escaping RenderStep, _ test: @escaping @Sendable (UnsafeRawPointer) -> Bool) -> RenderStep {
            if inverted {
                return { writer in
                    var shown = false
                    reach(writer.frames[depth]) { shown = test($0) }
                    if !shown { body(&writer) }
                }
            }
            return { writer in
                var shown = false
                reach(writer.frames[depth]) { shown = test($0) }
                if shown { body(&writer) }
            }
        }
        if inverted {
            let body = try compile(nodes, place)
            switch resolved.field {
            case .flag(let read): return when(body, read)
            case .text(let read): return when(body) { !read($0).isEmpty }
            case .optionalText(let read): return when(body) { read($0) != nil }
            case .object(let nested), .optionalObject(let nested), .list(let nested):
                return when(body) { nested.visit($0) { _ in } > 0 }
            case .number:
                throw problem(path, place, "a number cannot open a section")
            }
        }
        switch resolved.field {
        case .flag(let read):
            return when(try compile(nodes, place), read)
        case .text(let read):
            let body = try compile(nodes, place.entering(TemplateSchema(String.self)))
            return { writer in
                reach(writer.frames[depth]) { holder in
                    let text = read(holder)
                    guard !text.isEmpty else { return }
                    Self.enter(text, body, &writer)
                }
            }
        case .optionalText(let read):
            let body = try compile(nodes, place.entering(TemplateSchema(String.self)))
            return { writer in
                reach(writer.frames[depth]) { holder in
                    guard let text = read(holder) else { return }
                    Self.enter(text, body, &writer)
                }
            }
        case .object(let nested), .optionalObject(let nested), .list(let nested):
            let body = try compile(nodes, place.entering(nested.schema()))
            return { writer in
                reach(writer.frames[depth]) { holder in
                    _ = nested.visit(holder) { value in
                        writer.frames.append(value)
                        body(&writer)
                        writer.frames.removeLast()
                    }
                }
            }
        case .number:
            throw problem(path, place, "a number cannot open a section")
        }
    }

    private static func enter(_ text: String, _ body: RenderStep, _ writer: inout PageWriter) {
        withUnsafePointer(to: text) { pointer in
            writer.frames.append(UnsafeRawPointer(pointer))
            body(&writer)
            writer.frames.removeLast()
        }
    }

    // MARK: - Text and indentation

    private static func literal(_ bytes: [UInt8]) -> RenderStep {
        { writer in writer.bytes += bytes }
    }

    /// Mustache's indentation of a standalone partial: each piece that starts a new line of this
    /// part's output (not its first line, which carries the tag's own indentation) is indented.
    private static func indenting(_ steps: [RenderStep], by indentation: [UInt8]) -> RenderStep {
        { writer in
            let start = writer.bytes.count
            for step in steps {
                let before = writer.bytes.count
                step(&writer)
                if writer.bytes.count > before, before > start, writer.bytes[before - 1] == UInt8(ascii: "\n") {
                    writer.bytes.insert(contentsOf: indentation, at: before)
                }
            }
        }
    }
}
