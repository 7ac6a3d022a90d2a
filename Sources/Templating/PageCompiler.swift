/// One compiled piece of a page: writes its part of the page from the values in scope.
typealias RenderStep = @Sendable (inout PageWriter) -> Void

/// Turns a page template into `RenderStep`s bound to the fields of its view model.
///
/// Every name is looked up here, once, in the schemas of the values that will be in scope (the
/// innermost section's value first, the chrome last, as Mustache looks them up); a name no
/// schema has, or a field used in a way its kind does not allow, is a `TemplateError` at start.
/// Partials, the layout and its blocks are compiled into the page where they are used, so each
/// use is checked against the values in scope there. `{{t.key}}` is the text `key` of the
/// catalogue in the reader's language, checked to exist in every language; a page is compiled once
/// per language, so those texts are fixed bytes, joined with the text around them.
struct PageCompiler {
    let templates: [String: [TemplateNode]]
    let strings: StringCatalog
    /// The language compiled for, as an index into `Language.allCases`.
    let language: Int
    /// The most values in scope at once, seen so far: the renderer's stack of addresses.
    private let deepest = Deepest()

    /// A counter the compiler raises as it enters sections (compiling is one thread's work).
    private final class Deepest {
        var scopes = 0
    }

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

    /// A compiled template and the deepest nesting of values it renders.
    struct Compiled {
        let step: RenderStep
        let depth: Int
    }

    /// The template `name` for values of `schemas` (outermost first).
    func compile(_ name: String, schemas: [TemplateSchema]) throws(TemplateError) -> Compiled {
        guard let nodes = templates[name] else { throw .missing(name: name) }
        let scopes = schemas.enumerated().map { Scope(schema: $1, depth: $0) }
        deepest.scopes = scopes.count
        let step = try compile(nodes, Place(template: name, scopes: scopes))
        return Compiled(step: step, depth: deepest.scopes)
    }

    private func compile(_ nodes: [TemplateNode], _ place: Place) throws(TemplateError) -> RenderStep {
        guard place.indentation.isEmpty else {
            var steps: [RenderStep] = []
            for node in nodes { steps.append(try compile(node, place)) }
            return Self.indenting(steps, by: Array(place.indentation.utf8))
        }
        var steps: [RenderStep] = []
        var index = 0
        /// Fixed bytes from `index` on (text, and `{{t.key}}`, fixed in one language).
        func fixedText() throws(TemplateError) -> [UInt8] {
            var bytes: [UInt8] = []
            while index < nodes.count {
                if case .text(let text) = nodes[index] {
                    bytes += text.utf8
                } else if case .variable(let path) = nodes[index], let text = try catalogueText(path, place) {
                    bytes += text
                } else {
                    break
                }
                index += 1
            }
            return bytes
        }
        var before = try fixedText()
        while index < nodes.count {
            let node = nodes[index]
            index += 1
            if case .variable(let path) = node, let write = try direct(path, place) {
                // The commonest piece of a page: text, a value, text; one step for the three.
                let after = try fixedText()
                steps.append(Self.between(before, write, after))
                before = try fixedText()
                continue
            }
            let step = try compile(node, place)
            steps.append(before.isEmpty ? step : Self.prefixed(before, step))
            before = try fixedText()
        }
        if !before.isEmpty { steps.append(Self.literal(before)) }
        return Self.sequence(steps[...])
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

    /// The escaped text of `{{t.key}}` in the language compiled for; nil for any other name.
    private func catalogueText(_ path: TemplatePath, _ place: Place) throws(TemplateError) -> [UInt8]? {
        guard path.names.first == "t", !place.scopes.contains(where: { $0.schema.fields["t"] != nil }) else {
            return nil
        }
        guard path.names.count == 2, let texts = strings.escapedTexts(path.names[1]) else {
            throw problem(path, place, "no text \(path.names.dropFirst().joined(separator: ".")) in the catalogue")
        }
        return texts[language]
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

    /// How `{{path}}` writes its value when it needs no step of its own: a text, a number or
    /// `{{.}}` read straight from a value in scope (nil for anything else).
    private func direct(
        _ path: TemplatePath,
        _ place: Place
    ) throws(TemplateError) -> (@Sendable (inout PageWriter) -> Void)? {
        if path.names.isEmpty {
            guard let scope = place.scopes.last, let dot = scope.schema.dot else { return nil }
            let depth = scope.depth
            return { writer in writer.escape(dot(writer.frame(depth))) }
        }
        let resolved = try resolve(path, place)
        guard resolved.hops.isEmpty else { return nil }
        let depth = resolved.depth
        switch resolved.field {
        case .text(let read): return { writer in writer.escape(read(writer.frame(depth))) }
        case .number(let read): return { writer in writer.write(read(writer.frame(depth))) }
        default: return nil
        }
    }

    private func variable(_ path: TemplatePath, _ place: Place) throws(TemplateError) -> RenderStep {
        if path.names.isEmpty {
            guard let scope = place.scopes.last, let dot = scope.schema.dot else {
                throw problem(path, place, "{{.}} is only for a text, not \(place.scopes.last?.schema.typeName ?? "")")
            }
            let depth = scope.depth
            return { writer in writer.escape(dot(writer.frame(depth))) }
        }
        if let text = try catalogueText(path, place) { return Self.literal(text) }
        let resolved = try resolve(path, place)
        let depth = resolved.depth
        let reach = Self.reach(resolved.hops)
        let direct = resolved.hops.isEmpty
        switch resolved.field {
        case .text(let read):
            if direct { return { writer in writer.escape(read(writer.frame(depth))) } }
            return { writer in reach(writer.frame(depth)) { writer.escape(read($0)) } }
        case .optionalText(let read):
            if direct { return { writer in if let text = read(writer.frame(depth)) { writer.escape(text) } } }
            return { writer in reach(writer.frame(depth)) { if let text = read($0) { writer.escape(text) } } }
        case .number(let read):
            if direct { return { writer in writer.write(read(writer.frame(depth))) } }
            return { writer in reach(writer.frame(depth)) { writer.write(read($0)) } }
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
        let direct = resolved.hops.isEmpty
        /// Renders `body` when `test` (given the holder's address) says so, or, for an inverted
        /// section, when it does not or an optional object on the way is missing.
        func when(_ body: @escaping RenderStep, _ test: @escaping @Sendable (UnsafeRawPointer) -> Bool) -> RenderStep {
            if direct {
                return { writer in if test(writer.frame(depth)) != inverted { body(&writer) } }
            }
            return { writer in
                var shown = false
                reach(writer.frame(depth)) { shown = test($0) }
                if shown != inverted { body(&writer) }
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
            let body = try compile(nodes, entering(TemplateSchema(String.self), place))
            return { writer in
                reach(writer.frame(depth)) { holder in
                    let text = read(holder)
                    guard !text.isEmpty else { return }
                    Self.enter(text, body, &writer)
                }
            }
        case .optionalText(let read):
            let body = try compile(nodes, entering(TemplateSchema(String.self), place))
            return { writer in
                reach(writer.frame(depth)) { holder in
                    guard let text = read(holder) else { return }
                    Self.enter(text, body, &writer)
                }
            }
        case .object(let nested), .optionalObject(let nested), .list(let nested):
            let body = try compile(nodes, entering(nested.schema(), place))
            let visit = nested.visit
            if direct {
                return { writer in _ = visit(writer.frame(depth)) { writer.entering($0, body) } }
            }
            return { writer in reach(writer.frame(depth)) { holder in _ = visit(holder) { writer.entering($0, body) } }
            }
        case .number:
            throw problem(path, place, "a number cannot open a section")
        }
    }

    private static func enter(_ text: String, _ body: RenderStep, _ writer: inout PageWriter) {
        withUnsafePointer(to: text) { writer.entering(UnsafeRawPointer($0), body) }
    }

    /// `place` with a value of `schema` in scope, counted for the renderer's stack.
    private func entering(_ schema: TemplateSchema, _ place: Place) -> Place {
        let inner = place.entering(schema)
        deepest.scopes = max(deepest.scopes, inner.scopes.count)
        return inner
    }
}
