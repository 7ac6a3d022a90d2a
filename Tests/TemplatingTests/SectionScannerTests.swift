import Testing

@testable import Templating

@Suite struct SectionScannerTests {
    @Test func tagsFollowDelimiterChangesAndTripleMustaches() {
        let source = "a {{{raw}}} {{# list }}\n{{=<% %>=}}<%name%> <%/list%> {{not a tag}}"
        let tags = SectionScanner.tags(in: source)
        #expect(tags.map(\.body) == ["{raw", "# list", "=<% %>=", "name", "/list"])
        #expect(tags.map(\.line) == [1, 1, 2, 2, 2])
        #expect(tags[1].column == 13)
    }

    @Test func anUnfinishedTagEndsTheScan() {
        #expect(SectionScanner.tags(in: "{{#a}} {{b").map(\.body) == ["#a"])
    }

    @Test func depthCountsOpenSectionsOfEveryKind() {
        let nested = "{{#a}}{{^b}}{{$c}}{{<d}}{{/d}}{{/c}}{{/b}}{{/a}}"
        #expect(SectionScanner.firstTooDeep(in: nested, limit: 4) == nil)
        let tooDeep = SectionScanner.firstTooDeep(in: nested, limit: 3)
        #expect(tooDeep?.body == "<d")
        // Siblings do not add up: only nesting does.
        let siblings = String(repeating: "{{#a}}x{{/a}}", count: 500)
        #expect(SectionScanner.firstTooDeep(in: siblings, limit: 1) == nil)
    }
}
