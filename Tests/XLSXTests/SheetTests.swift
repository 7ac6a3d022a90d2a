import Testing

@testable import XLSX

@Suite struct SheetTests {
    @Test(arguments: [
        ("Журнал", "Журнал"),
        ("a[b]c:d*e?f/g\\h", "abcdefgh"),
        ("'quoted'", "quoted"),
        ("  ' spaced '  ", "spaced"),
        ("tab\tname\u{1}\u{FFFF}", "tabname"),
        ("", "Лист1"),
        ("[]:*?/\\", "Лист1"),
        ("''' ", "Лист1"),
        ("History", "History_"),
        ("history", "history_"),
        (String(repeating: "я", count: 40), String(repeating: "я", count: 31)),
        (String(repeating: "a", count: 30) + "😀", String(repeating: "a", count: 30)),
        (String(repeating: "x", count: 29) + " 'y", String(repeating: "x", count: 29)),
    ])
    func excelTitle(_ title: String, _ expected: String) {
        #expect(Sheet(title: title, columns: []).excelTitle == expected)
    }
}
