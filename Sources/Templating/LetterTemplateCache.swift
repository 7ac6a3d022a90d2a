import Synchronization

/// Compiled letter templates, kept between requests: the API queues letters of the same few
/// events over and over, and parsing three Mustache templates for each was most of a request.
/// Keyed by the template texts themselves, so an edited event is compiled afresh at once.
public final class LetterTemplateCache: Sendable {
    private struct Source: Hashable {
        let subject: String
        let html: String
        let text: String
    }

    private let compiled = Mutex<[Source: LetterTemplate]>([:])
    /// Shops have a handful of events; past this many texts the cache starts over.
    private let capacity: Int

    public init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// The compiled template of these texts, parsing them only the first time.
    public func template(subject: String, html: String, text: String) throws(LetterTemplate.Problem) -> LetterTemplate {
        let source = Source(subject: subject, html: html, text: text)
        if let template = compiled.withLock({ $0[source] }) { return template }
        let template = try LetterTemplate(subject: subject, html: html, text: text)
        compiled.withLock { cache in
            if cache.count >= capacity { cache.removeAll() }
            cache[source] = template
        }
        return template
    }
}
