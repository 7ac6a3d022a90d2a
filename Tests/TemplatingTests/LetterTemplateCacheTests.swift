import MailCore
import Templating
import Testing

@Suite struct LetterTemplateCacheTests {
    @Test func anEditedTemplateIsCompiledAfresh() throws {
        let cache = LetterTemplateCache()
        let data = JSONValue.object(["n": .string("42")])
        let first = try cache.template(subject: "Заказ №{{n}}", html: "<p>{{n}}</p>", text: "")
        #expect(first.render(data).subject == "Заказ №42")
        #expect(
            try cache.template(subject: "Заказ №{{n}}", html: "<p>{{n}}</p>", text: "").render(data).subject
                == "Заказ №42"
        )
        let edited = try cache.template(subject: "Ваш заказ {{n}}", html: "<p>{{n}}</p>", text: "")
        #expect(edited.render(data).subject == "Ваш заказ 42")
    }

    @Test func aBrokenTemplateIsRefusedEveryTime() {
        let cache = LetterTemplateCache()
        for _ in 0..<2 {
            #expect(throws: LetterTemplate.Problem.self) {
                try cache.template(subject: "x", html: "{{#open}}", text: "")
            }
        }
    }

    @Test func pastItsCapacityItStartsOverAndStillAnswers() throws {
        let cache = LetterTemplateCache(capacity: 2)
        for number in 0..<5 {
            let template = try cache.template(subject: "S\(number)", html: "<p></p>", text: "")
            #expect(template.render(.object([:])).subject == "S\(number)")
        }
    }
}
