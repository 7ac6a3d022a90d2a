import MailCore
import Testing

@Suite struct JSONValueTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: Array(text.utf8))
    }

    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(
            #" { "a": [1, -2, 3.5, 1e3, true, false, null], "s": "Привет \"x\" \\ \/ \n\t\u00e9\ud83c\udf3c", "o": {} } "#
        )
        guard case .object(let fields) = value else {
            Issue.record("not an object")
            return
        }
        #expect(
            fields["a"]
                == .array([.integer(1), .integer(-2), .number(3.5), .number(1000), .bool(true), .bool(false), .null])
        )
        #expect(fields["s"] == .string("Привет \"x\" \\ / \n\té🌼"))
        #expect(fields["o"] == .object([:]))
    }

    @Test func bigIntegersBecomeNumbers() throws {
        #expect(try parse("9223372036854775807") == .integer(Int64.max))
        #expect(try parse("92233720368547758080") == .number(9.223_372_036_854_775_808e19))
    }

    @Test(arguments: [
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{a:1}", "'x'", "01", "1.", ".5", "+1", "1e", "--1", "tru", "nul",
        "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"tab\there\"", "[1] 2", "{\"a\" 1}", "NaN", "Infinity", "1e999",
    ])
    func refusesWhatRFC8259Refuses(text: String) {
        #expect(throws: JSONValue.ParseError.self) { try parse(text) }
    }

    @Test func refusesInvalidUTF8InStrings() {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: [0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONValue.ParseError.tooDeep) { try parse(deep) }
        let fine = String(repeating: "[", count: JSONValue.maxDepth) + String(repeating: "]", count: JSONValue.maxDepth)
        #expect(throws: Never.self) { try parse(fine) }
    }

    @Test func serializedOutputParsesBackToTheSameValue() throws {
        let value = JSONValue.object([
            "text": .string("«Ромашка» <b> \u{0001} \u{2028}"), "n": .integer(42),
            "list": .array([.bool(true), .null]),
        ])
        #expect(try parse(value.serialized) == value)
    }
}
