public import MailCore
import Synchronization

/// A page template compiled for its view model `Model` and the layout's values `Chrome`: renders
/// a page to bytes with no lookup by name and no dynamic cast.
public final class CompiledPage<Model: TemplateModel, Chrome: TemplateModel>: Sendable {
    private let step: RenderStep
    /// The size of the last page rendered, so the next one's buffer is reserved at once.
    private let lastSize = Atomic<Int>(0)

    init(step: @escaping RenderStep) {
        self.step = step
    }

    /// The page for `model`, inside the layout filled from `chrome`, in `language`.
    public func render(_ model: Model, chrome: Chrome, language: Language) -> [UInt8] {
        var writer = PageWriter(
            capacity: lastSize.load(ordering: .relaxed) + 512,
            language: Language.allCases.firstIndex(of: language) ?? 0
        )
        withUnsafePointer(to: chrome) { chrome in
            withUnsafePointer(to: model) { model in
                writer.frames.append(UnsafeRawPointer(chrome))
                writer.frames.append(UnsafeRawPointer(model))
                step(&writer)
            }
        }
        lastSize.store(writer.bytes.count, ordering: .relaxed)
        return writer.bytes
    }
}
