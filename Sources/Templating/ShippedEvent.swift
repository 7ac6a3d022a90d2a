import Foundation
public import MailCore

/// A built-in event as shipped in `templates/mail/<code>/`: `event.json` (names, priority
/// flag, sample variables) and `subject.mustache`, `html.mustache`, optional `text.mustache`.
public struct ShippedEvent: Sendable, Equatable {
    public let code: String
    public let name: LocalizedText
    public let isPriority: Bool
    /// Sample variables (a JSON object): the preview's data and the variables the event expects.
    public let sample: JSONValue
    public let subject: String
    public let html: String
    /// Empty: derived from the HTML.
    public let text: String

    /// Loads every event folder of `directory` (sorted by code), checking that each file is
    /// there, that `event.json` is complete and that every template parses.
    public static func loadAll(from directory: String) throws(TemplateError) -> [ShippedEvent] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw .unreadable(path: directory)
        }
        var events: [ShippedEvent] = []
        for code in names.sorted() where !code.hasPrefix(".") {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: "\(directory)/\(code)", isDirectory: &isFolder),
                isFolder.boolValue
            else {
                continue
            }
            events.append(try load(code: code, folder: "\(directory)/\(code)"))
        }
        return events
    }

    private static func load(code: String, folder: String) throws(TemplateError) -> ShippedEvent {
        guard EventCode.isValid(code) else {
            throw .invalid(path: folder, reason: "an event code is 1-\(EventCode.maxLength) of a-z, 0-9 and _")
        }
        let descriptionPath = "\(folder)/event.json"
        // event.json: {"name": {"ru": …, "en": …}, "priority": true|false, "sample": {…}}
        let descriptionText = try read(descriptionPath, required: true)
        let description = try? JSONValue(parsing: Array(descriptionText.utf8)).objectValue
        let names = description?["name"]?.objectValue
        guard let russian = names?["ru"]?.stringValue, let english = names?["en"]?.stringValue,
            let priority = description?["priority"]?.boolValue, let sample = description?["sample"]
        else {
            throw .invalid(
                path: descriptionPath,
                reason: "expected {\"name\": {\"ru\", \"en\"}, \"priority\", \"sample\": {…}}"
            )
        }
        guard !russian.isEmpty, !english.isEmpty, sample.objectValue != nil else {
            throw .invalid(path: descriptionPath, reason: "names must not be empty and the sample must be an object")
        }
        let subject = try read("\(folder)/subject.mustache", required: true).trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        let html = try read("\(folder)/html.mustache", required: true)
        let text = try read("\(folder)/text.mustache", required: false)
        if let problem = LetterTemplate.problems(subject: subject, html: html, text: text).first {
            throw .syntax(
                name: "\(code)/\(problem.part.rawValue).mustache",
                line: problem.line,
                column: problem.column,
                reason: problem.reason
            )
        }
        return ShippedEvent(
            code: code,
            name: LocalizedText(ru: russian, en: english),
            isPriority: priority,
            sample: sample,
            subject: subject,
            html: html,
            text: text
        )
    }

    /// The file's text; a missing optional file reads as empty.
    private static func read(_ path: String, required: Bool) throws(TemplateError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            if !required && !FileManager.default.fileExists(atPath: path) { return "" }
            throw .unreadable(path: path)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .invalid(path: path, reason: "not UTF-8")
        }
        return text
    }
}
