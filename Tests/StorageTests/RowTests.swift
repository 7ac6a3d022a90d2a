import Foundation
import MailTestSupport
import Testing

@testable import Storage

/// A row reads strictly: a typo in a query or a damaged row fails loudly, never as "", 0, 1970
/// or "queued".
@Suite struct RowTests {
    let test: TestDatabase

    init() throws {
        test = try TestDatabase()
    }

    private func row(_ sql: String) throws -> Row {
        try require(try test.database.row(sql))
    }

    private func require<T>(_ value: T?) throws -> T {
        try #require(value)
    }

    @Test func aMissingOrMisspelledColumnThrows() throws {
        let row = try row("SELECT 1 AS id, 'a' AS name")
        #expect(throws: RowError.missingColumn("nmae")) { try row.string("nmae") }
        #expect(throws: RowError.missingColumn("count")) { try row.int("count") }
        #expect(throws: RowError.missingColumn("at")) { try row.date("at") }
        #expect(throws: RowError.missingColumn("at")) { try row.optionalDate("at") }
        #expect(try row.int64("id") == 1 && row.string("name") == "a")
    }

    @Test func nullWhereAValueIsRequiredThrows() throws {
        let row = try row("SELECT NULL AS n")
        #expect(throws: RowError.null("n")) { try row.string("n") }
        #expect(throws: RowError.null("n")) { try row.int("n") }
        #expect(throws: RowError.null("n")) { try row.date("n") }
        #expect(try row.optionalInt64("n") == nil && row.optionalString("n") == nil && row.optionalDate("n") == nil)
    }

    @Test func aValueOfAnotherTypeThrows() throws {
        let row = try row("SELECT 'x' AS text, 2.5 AS real, 7 AS number, x'00' AS blob, 2 AS flag")
        #expect(throws: RowError.wrongType(column: "text", expected: "integer", found: "text")) { try row.int("text") }
        #expect(throws: RowError.wrongType(column: "real", expected: "integer", found: "real")) { try row.int("real") }
        #expect(throws: RowError.wrongType(column: "number", expected: "text", found: "integer")) {
            try row.string("number")
        }
        #expect(throws: RowError.wrongType(column: "text", expected: "blob", found: "text")) { try row.blob("text") }
        #expect(throws: RowError.unknownValue(column: "flag", value: "2")) { try row.bool("flag") }
        #expect(try row.blob("blob") == [0])
    }

    @Test func anUnknownEnumWordThrows() throws {
        let row = try row("SELECT 'queued' AS good, 'postponed' AS bad")
        #expect(try row.enumValue(LetterStatus.self, "good") == .queued)
        #expect(throws: RowError.missingColumn("status")) { try row.enumValue(LetterStatus.self, "status") }
        #expect(throws: RowError.unknownValue(column: "bad", value: "postponed")) {
            try row.enumValue(LetterStatus.self, "bad")
        }
    }

    /// Through a store: a letter read by a query that lacks a column is an error, not a letter.
    @Test func aStoreReadingAnIncompleteRowFails() throws {
        let row = try row("SELECT 1 AS id, 'Магазин' AS profile_name")
        #expect(throws: RowError.self) { try StoredLetter(row) }
    }

    @Test func integerNeedsARowAndAnInteger() throws {
        #expect(try test.database.integer("SELECT count(*) FROM profiles") == 0)
        #expect(throws: RowError.noRow) { try test.database.integer("SELECT id FROM profiles") }
        #expect(throws: RowError.wrongType(column: "1", expected: "integer", found: "text")) {
            try test.database.integer("SELECT 'x'")
        }
    }
}
