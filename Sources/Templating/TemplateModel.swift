/// A value a page template reads: a page's view model, or a part of one (a table row, a form
/// field). `templateFields` names what templates may use; a template that names anything else
/// fails when the pages are compiled at start, not as an empty string on a page.
///
/// ```swift
/// struct ProfileRow: TemplateModel {
///     let id: Int64
///     let name: String
///     let isDefault: Bool
///     static let templateFields: TemplateFields<Self> = [
///         "id": .number(\.id), "name": .text(\.name), "is_default": .flag(\.isDefault),
///     ]
/// }
/// ```
public protocol TemplateModel: SendableMetatype {
    /// The fields by the names templates use.
    static var templateFields: TemplateFields<Self> { get }
}

/// The fields of a `TemplateModel`, by name.
public struct TemplateFields<Model: TemplateModel>: Sendable, ExpressibleByDictionaryLiteral {
    let fields: [String: TemplateField<Model>]
    /// What `{{.}}` writes for a value of this type (only for text).
    let dot: (@Sendable (UnsafeRawPointer) -> String)?

    public init(dictionaryLiteral elements: (String, TemplateField<Model>)...) {
        fields = Dictionary(elements, uniquingKeysWith: { first, _ in first })
        dot = nil
    }

    /// Fields made by code, such as one per case of an enumeration.
    public init(_ fields: [String: TemplateField<Model>]) {
        self.fields = fields
        dot = nil
    }

    init(dot: @escaping @Sendable (UnsafeRawPointer) -> String) {
        fields = [:]
        self.dot = dot
    }
}

/// One field of a `TemplateModel` and how a template may use it:
///
/// | field | `{{name}}` | `{{#name}}…{{/name}}` |
/// |---|---|---|
/// | `.text` | the text, HTML-escaped | when not empty, with the text as `{{.}}` |
/// | `.optionalText` | the text, or nothing | when present (even if empty) |
/// | `.number` | the number | — |
/// | `.flag` | — | when true |
/// | `.object` | — | always, with the object's fields |
/// | `.optionalObject` | — | when present, with its fields |
/// | `.list` | — | once per element, with its fields |
///
/// An inverted section `{{^name}}` renders when the section would not. Dotted names
/// (`{{letter.id}}`) reach into objects and present optional objects.
///
/// The constructors are inlinable so that each field's reader is specialised for its model where
/// the model declares it: it reads the field through the pointer without copying the model.
public struct TemplateField<Model: TemplateModel>: Sendable {
    @usableFromInline let reader: FieldReader

    @usableFromInline init(reader: FieldReader) {
        self.reader = reader
    }

    @inlinable public static func text(_ read: @escaping @Sendable (Model) -> String) -> Self {
        Self(reader: .text { read($0.assumingMemoryBound(to: Model.self).pointee) })
    }

    @inlinable public static func optionalText(_ read: @escaping @Sendable (Model) -> String?) -> Self {
        Self(reader: .optionalText { read($0.assumingMemoryBound(to: Model.self).pointee) })
    }

    @inlinable public static func number<Number: BinaryInteger & SendableMetatype>(
        _ read: @escaping @Sendable (Model) -> Number
    ) -> Self {
        Self(reader: .number { Int64(read($0.assumingMemoryBound(to: Model.self).pointee)) })
    }

    @inlinable public static func flag(_ read: @escaping @Sendable (Model) -> Bool) -> Self {
        Self(reader: .flag { read($0.assumingMemoryBound(to: Model.self).pointee) })
    }

    @inlinable public static func object<Child: TemplateModel>(_ read: @escaping @Sendable (Model) -> Child) -> Self {
        Self(
            reader: .object(
                Nested(schema: { TemplateSchema(Child.self) }) { pointer, body in
                    withUnsafePointer(to: read(pointer.assumingMemoryBound(to: Model.self).pointee)) { body($0) }
                    return 1
                }
            )
        )
    }

    @inlinable public static func optionalObject<Child: TemplateModel>(
        _ read: @escaping @Sendable (Model) -> Child?
    ) -> Self {
        Self(
            reader: .optionalObject(
                Nested(schema: { TemplateSchema(Child.self) }) { pointer, body in
                    guard let child = read(pointer.assumingMemoryBound(to: Model.self).pointee) else { return 0 }
                    withUnsafePointer(to: child) { body($0) }
                    return 1
                }
            )
        )
    }

    @inlinable public static func list<Element: TemplateModel>(_ read: @escaping @Sendable (Model) -> [Element]) -> Self
    {
        Self(
            reader: .list(
                Nested(schema: { TemplateSchema(Element.self) }) { pointer, body in
                    let elements = read(pointer.assumingMemoryBound(to: Model.self).pointee)
                    elements.withUnsafeBufferPointer { buffer in
                        guard let base = buffer.baseAddress else { return }
                        for index in 0..<buffer.count { body(base + index) }
                    }
                    return elements.count
                }
            )
        )
    }
}

extension String: TemplateModel {
    /// A text in a list or a section is written by `{{.}}`.
    public static let templateFields = TemplateFields<String>(dot: { $0.assumingMemoryBound(to: String.self).pointee })
}

/// A field as the compiler sees it: its kind, and how to read it through a pointer to the value
/// that holds it. The pointers come from the renderer, which pushes a value's address only while
/// the value lives and only where the compiler checked its type.
@usableFromInline enum FieldReader: Sendable {
    case text(@Sendable (UnsafeRawPointer) -> String)
    case optionalText(@Sendable (UnsafeRawPointer) -> String?)
    case number(@Sendable (UnsafeRawPointer) -> Int64)
    case flag(@Sendable (UnsafeRawPointer) -> Bool)
    case object(Nested)
    case optionalObject(Nested)
    case list(Nested)
}

/// A field that holds other models: their schema, and a way to call `body` with a pointer to
/// each of them (returning how many there were).
@usableFromInline struct Nested: Sendable {
    let schema: @Sendable () -> TemplateSchema
    let visit: @Sendable (UnsafeRawPointer, (UnsafeRawPointer) -> Void) -> Int

    @usableFromInline init(
        schema: @escaping @Sendable () -> TemplateSchema,
        visit: @escaping @Sendable (UnsafeRawPointer, (UnsafeRawPointer) -> Void) -> Int
    ) {
        self.schema = schema
        self.visit = visit
    }
}

/// What the compiler knows of a model type.
@usableFromInline struct TemplateSchema {
    let typeName: String
    let fields: [String: FieldReader]
    let dot: (@Sendable (UnsafeRawPointer) -> String)?

    @usableFromInline init<Model: TemplateModel>(_ type: Model.Type) {
        typeName = String(describing: type)
        let declared = Model.templateFields
        fields = declared.fields.mapValues(\.reader)
        dot = declared.dot
    }
}
