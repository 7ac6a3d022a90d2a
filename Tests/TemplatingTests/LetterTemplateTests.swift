import MailCore
import Templating
import Testing

/// Where `LetterTemplate` says a template is broken: the line an admin must look at.
@Suite struct LetterTemplateTests {
    @Test func unclosedSectionPointsAtItsOpeningTag() {
        let html = "<p>a</p>\n<p>b</p>\n<ul>{{#items}}<li>{{name}}</li>\n</ul>\n<p>c</p>\n"
        let problems = LetterTemplate.problems(subject: "s", html: html, text: "")
        #expect(problems.count == 1)
        let problem = problems[0]
        #expect(problem.part == .html)
        #expect(problem.line == 3)
        #expect(problem.column == 5)
        #expect(problem.kind == .unclosedSection(tag: "{{#items}}"))
        #expect(problem.description == "html, line 3: section {{#items}} is opened but never closed")
    }

    @Test func theInnermostOpenSectionIsNamed() {
        let text = "{{#order}}\n{{#items}}{{/items}}\n{{^paid}}\nunpaid\n{{/order}}"
        let problem = LetterTemplate.problems(subject: "s", html: "h", text: text).first
        #expect(problem?.part == .text)
        #expect(problem?.kind == .mismatchedClose)
        #expect(problem?.line == 5)
        let unclosed = LetterTemplate.problems(subject: "s", html: "{{#order}}\n{{^paid}}x{{/paid}}\n", text: "").first
        #expect(unclosed?.kind == .unclosedSection(tag: "{{#order}}"))
        #expect(unclosed?.line == 1)
    }

    @Test func unfinishedTagAndItsLine() {
        let problem = LetterTemplate.problems(subject: "s", html: "a\nb {{oops\nc", text: "").first
        #expect(problem?.kind == .unfinishedTag)
        #expect(problem?.line == 3)
    }

    @Test func subjectColumnsCountFromTheAdminsText() {
        let problem = LetterTemplate.problems(subject: "Заказ {{/x}}", html: "h", text: "").first
        #expect(problem?.part == .subject)
        #expect(problem?.line == 1)
        #expect(problem?.kind == .mismatchedClose)
        #expect((problem?.column ?? 0) < 15)
    }

    @Test func everyBrokenPartIsReported() {
        let problems = LetterTemplate.problems(subject: "{{#a}}", html: "{{#b}}", text: "{{#c}}")
        #expect(problems.map(\.part) == [.subject, .html, .text])
        #expect(LetterTemplate.problems(subject: "{{a}}", html: "{{#b}}{{/b}}", text: "").isEmpty)
    }

    @Test func initReportsTheFirstProblem() {
        #expect(throws: LetterTemplate.Problem.self) {
            try LetterTemplate(subject: "ok", html: "x\n{{#items}}", text: "")
        }
        do {
            _ = try LetterTemplate(subject: "ok", html: "x\n{{#items}}", text: "")
        } catch {
            #expect(error.line == 2 && error.part == .html)
        }
    }
}

/// Bounds that keep a hostile template from taking a worker down.
@Suite struct LetterTemplateDepthTests {
    private func nested(_ depth: Int, separator: String = "") -> String {
        String(repeating: "{{#a}}" + separator, count: depth) + "x" + String(repeating: "{{/a}}", count: depth)
    }

    @Test func sectionsNestedToTheBoundCompileAndRender() throws {
        let template = try LetterTemplate(subject: "s", html: nested(LetterTemplate.maxSectionDepth), text: "")
        #expect(template.render(.object(["a": .bool(true)])).html == "x")
    }

    @Test func oneLevelMoreIsRefusedAtItsLine() {
        let html = nested(LetterTemplate.maxSectionDepth + 1, separator: "\n")
        let problem = LetterTemplate.problems(subject: "s", html: html, text: "").first
        #expect(problem?.part == .html)
        #expect(problem?.kind == .nestedTooDeep(limit: 100))
        #expect(problem?.line == 101)
        #expect(problem?.column == 1)
        #expect(problem?.description == "html, line 101: sections nested deeper than 100 levels")
    }

    /// Far past the bound (within the 200,000-character cap of the form), the template is refused
    /// before the recursive parser sees it, in every part and behind a delimiter change.
    @Test func farPastTheBoundIsRefusedBeforeParsing() {
        let deep = nested(16_000)
        let unclosed = String(repeating: "{{#a}}", count: 33_000)
        let hidden = "{{=<% %>=}}" + String(repeating: "<%#a%>", count: 30_000)
        for source in [deep, unclosed, hidden] {
            #expect(source.count <= 200_000)
            for problems in [
                LetterTemplate.problems(subject: source, html: "h", text: ""),
                LetterTemplate.problems(subject: "s", html: source, text: ""),
                LetterTemplate.problems(subject: "s", html: "h", text: source),
            ] {
                #expect(problems.count == 1 && problems[0].kind == .nestedTooDeep(limit: 100))
            }
        }
        #expect(throws: LetterTemplate.Problem.self) { try LetterTemplate(subject: "s", html: deep, text: "") }
    }
}

/// The error for a line break bound for the Subject names the variable that gets there.
@Suite struct LetterTemplateSubjectTests {
    @Test func theVariableThatReachesTheSubjectIsNamedNotTheFirstWithALineBreak() throws {
        let template = try LetterTemplate(
            subject: "Заказ {{order_number}}",
            html: "{{#items}}{{name}}{{/items}}",
            text: ""
        )
        let data = JSONValue.object([
            "items": .array([.object(["name": .string("Чайник\nэлектрический")])]),
            "order_number": .string("42\r\nBcc: x@evil.example"),
        ])
        #expect(data.pathsOfControlCharacters() == ["items[0].name", "order_number"])
        #expect(template.pathReachingSubject(data) == "order_number")
    }

    @Test func aValueOnlyInTheBodyIsNeverNamed() throws {
        let template = try LetterTemplate(subject: "Заказ {{order_number}}", html: "{{note}}", text: "")
        #expect(template.pathReachingSubject(.object(["note": .string("a\nb"), "order_number": .string("1")])) == nil)
    }

    /// A value that decides a section keeps its truth while its line break is cleaned away: the
    /// section stays open and the value inside it is still found.
    @Test func aSectionOverALineBreakStaysOpen() throws {
        let template = try LetterTemplate(subject: "{{#z_flag}}№ {{a_order}}{{/z_flag}}", html: "h", text: "")
        let data = JSONValue.object(["a_order": .string("1\n2"), "z_flag": .string("\n")])
        #expect(template.pathReachingSubject(data) == "a_order")
    }

    @Test func theFirstOfThousandsIsFoundInAFewRenders() throws {
        let template = try LetterTemplate(
            subject: "{{#lines}}{{#urgent}}{{text}}{{/urgent}}{{/lines}}",
            html: "h",
            text: ""
        )
        let lines = (0..<5_000).map { index in
            JSONValue.object(["text": .string("line \(index)\n"), "urgent": .bool(index == 3_217 || index == 4_000)])
        }
        #expect(template.pathReachingSubject(.object(["lines": .array(lines)])) == "lines[3217].text")
    }
}

@Suite struct LetterTemplateNullTests {
    @Test func nullIsLikeAMissingVariable() throws {
        let template = try LetterTemplate(
            subject: "{{#coupon}}С купоном{{/coupon}}{{^coupon}}Без купона{{/coupon}}",
            html: "<p>{{coupon}}{{#items}}[{{.}}]{{/items}}</p>",
            text: ""
        )
        let letter = template.render(.object(["coupon": .null, "items": .array([.string("a"), .null, .string("b")])]))
        #expect(letter.subject == "Без купона")
        #expect(letter.html == "<p>[a][b]</p>")
    }
}
