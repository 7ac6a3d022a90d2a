import Testing

@testable import XLSX

@Suite struct CellTextTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("a\u{0}b", "a_x0000_b"),
        ("\u{FFFE}\u{FFFF}", "_xFFFE__xFFFF_"),
        ("_x0041_", "_x005F_x0041_"),
        ("__x00aF__", "__x005F_x00aF__"),
        ("_x0041", "_x0041"),
        ("_X0041_", "_X0041_"),
        ("_x00G1_", "_x00G1_"),
        ("snake_case_name", "snake_case_name"),
        ("\u{1}\t\n", "\u{1}\t\n"),  // libxlsxwriter escapes these itself
    ])
    func escape(_ text: String, _ expected: String) {
        #expect(CellText.escape(text) == expected)
    }

    @Test func textAtTheLimitIsKept() {
        let text = String(repeating: "Ж", count: CellText.limit)
        #expect(CellText.encode(text) == text)
    }

    @Test func textOverTheLimitIsCutWithTheMarker() {
        let encoded = CellText.encode(String(repeating: "a", count: CellText.limit + 1))
        #expect(encoded.utf16.count == CellText.limit)
        #expect(encoded.hasSuffix(CellText.cutMarker))
        #expect(encoded.dropLast(CellText.cutMarker.count).allSatisfy { $0 == "a" })
    }

    @Test func cutFallsOnACharacterBoundary() {
        let encoded = CellText.encode(String(repeating: "👩‍💻", count: 10_000))
        #expect(encoded.utf16.count <= CellText.limit)
        #expect(encoded.hasSuffix(CellText.cutMarker))
        #expect(encoded.dropLast(CellText.cutMarker.count).allSatisfy { $0 == "👩‍💻" })
    }

    @Test func escapesCountAgainstTheLimit() {
        let text = String(repeating: "_x0041_", count: 6_000)
        let encoded = CellText.encode(text)
        #expect(encoded.utf16.count <= CellText.limit)
        #expect(encoded.hasSuffix(CellText.cutMarker))
        // What Excel shows (the escaped underscores decoded) is the start of the original text.
        let shown = encoded.dropLast(CellText.cutMarker.count).replacingOccurrences(of: "_x005F_", with: "_")
        #expect(text.hasPrefix(shown))
        #expect(shown.count > 4_000)
    }

    @Test(arguments: [("abc", 3), ("Жёлудь", 6), ("漢字", 4), ("😀!", 3), (String(repeating: "x", count: 500), 60)])
    func displayWidth(_ text: String, _ width: Int) {
        #expect(CellText.displayWidth(text, cap: 60) == width)
    }
}
