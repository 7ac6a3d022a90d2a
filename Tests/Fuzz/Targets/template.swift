// libFuzzer target: the letter template checker (Templating LetterTemplate, SectionScanner and
// swift-mustache's parser). Input: subject, HTML and text separated by NUL. No crash, no stack
// overflow; the checker finds a problem exactly when the template does not compile.
import Templating

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var parts = text.split(separator: "\0", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    while parts.count < 3 { parts.append("") }
    let problems = LetterTemplate.problems(subject: parts[0], html: parts[1], text: parts[2])
    let compiles = (try? LetterTemplate(subject: parts[0], html: parts[1], text: parts[2])) != nil
    precondition(problems.isEmpty == compiles, "the checker and the compiler disagree")
    for problem in problems { precondition(problem.line >= 1 && problem.column >= 1, "a problem without a place") }
    return 0
}
