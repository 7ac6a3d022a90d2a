public import MailCore
import Synchronization

/// A page template compiled for its view model `Model` and the layout's values `Chrome`, once per
/// language: renders a page to bytes with no lookup by name and no dynamic cast.
public final class CompiledPage<Model: TemplateModel, Chrome: TemplateModel>: Sendable {
    /// The compiled template of each language, in the order of `Language.allCases`.
    private let languages: [PageCompiler.Compiled]
    /// The size of the last page rendered, so the next one's buffer is reserved at once.
    private let lastSize = Atomic<Int>(0)

    init(_ languages: [PageCompiler.Compiled]) {
        self.languages = languages
    }

    /// The page for `model`, inside the layout filled from `chrome`, in `language`.
    public func render(_ model: Model, chrome: Chrome, language: Language) -> [UInt8] {
        let compiled = languages[Language.allCases.firstIndex(of: language) ?? 0]
        var writer = PageWriter(capacity: lastSize.load(ordering: .relaxed) + 512, depth: compiled.depth)
        withUnsafePointer(to: chrome) { chrome in
            withUnsafePointer(to: model) { model in
                writer.start(chrome: UnsafeRawPointer(chrome), model: UnsafeRawPointer(model))
                compiled.step(&writer)
            }
        }
        lastSize.store(writer.count, ordering: .relaxed)
        return writer.finish()
    }
}
