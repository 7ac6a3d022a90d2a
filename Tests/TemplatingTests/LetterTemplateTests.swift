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
