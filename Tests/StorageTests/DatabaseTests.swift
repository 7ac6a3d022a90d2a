import Foundation
import MailTestSupport
import Testing

@testable import Storage

@Suite struct DatabaseTests {
    @Test func textWithNULAndAnyUnicodeRoundTrips() throws {
        let test = try TestDatabase()
        let db = test.database
        try db.execute("CREATE TABLE t (x TEXT)")
        for value in ["a\u{0}b", "\u{0}", "", "Привет 🌼\u{0}конец", "e\u{301}"] {
            try db.execute("DELETE FROM t")
            try db.execute("INSERT INTO t VALUES (?)", [value])
            #expect(try db.row("SELECT x FROM t")?.string("x") == value)
            #expect(try db.integer("SELECT length(CAST(x AS BLOB)) FROM t") == Int64(value.utf8.count))
        }
    }

    @Test func writeRollsBackWhenTheBodyThrows() throws {
        struct Stop: Error {}
        let test = try TestDatabase()
        let db = test.database
        try db.execute("CREATE TABLE t (x INTEGER)")
        #expect(throws: Stop.self) {
            try db.write { db in
                try db.execute("INSERT INTO t VALUES (1)")
                throw Stop()
            }
        }
        #expect(try db.integer("SELECT count(*) FROM t") == 0)
    }

    @Test func errorsShowTheStatementNotTheValues() throws {
        let test = try TestDatabase()
        do {
            try test.database.execute("INSERT INTO no_such_table VALUES (?)", ["secret-password"])
            Issue.record("expected an error")
        } catch let error as DatabaseError {
            #expect(error.description.contains("no_such_table"))
            #expect(!error.description.contains("secret-password"))
        }
    }

    @Test func schemaIsInWALModeAndMigratedOnce() throws {
        let test = try TestDatabase()
        #expect(try test.database.row("PRAGMA journal_mode")?.string("journal_mode") == "wal")
        let version = try test.database.integer("PRAGMA user_version")
        let again = try Database(path: test.directory.file("mailrobot.sqlite"))
        #expect(try again.integer("PRAGMA user_version") == version)
    }

    /// A remembered value is given again while nothing is committed and the key stays; another
    /// connection's commit, the connection's own change or another key makes it anew.
    @Test func aRememberedValueLastsWhileTheDatabaseStaysAsItWas() throws {
        let test = try TestDatabase()
        let db = test.database
        let other = try Database(path: test.directory.file("mailrobot.sqlite"))
        try db.execute("CREATE TABLE t (x INTEGER)")
        var made = 0
        func value(_ key: Int = 1) throws -> Int {
            try db.read { db in
                try db.remembered("count", key: key) {
                    made += 1
                    return Int(try db.integer("SELECT count(*) FROM t"))
                }
            }
        }
        #expect(try value() == 0 && made == 1)
        #expect(try value() == 0 && made == 1, "nothing changed")
        try other.execute("INSERT INTO t VALUES (1)")
        #expect(try value() == 1 && made == 2, "another connection committed")
        #expect(try value() == 1 && made == 2)
        try db.execute("INSERT INTO t VALUES (2)")
        #expect(try value() == 2 && made == 3, "its own change")
        #expect(try value(2) == 2 && made == 4, "another key")
        try other.execute("UPDATE t SET x = 3 WHERE x = 3")
        #expect(try value(2) == 2 && made == 4, "a statement that changed no row")
    }

    /// A value worked out inside a transaction that then rolls back is not given again: the
    /// rollback changes neither `data_version` nor the count of the connection's own changes.
    @Test func aValueRememberedInsideARolledBackTransactionIsForgotten() throws {
        struct Undo: Error {}
        let db = try TestDatabase().database
        try db.execute("CREATE TABLE t (x INTEGER)")
        func value() throws -> Int {
            try db.read { db in
                try db.remembered("count", key: 1) { Int(try db.integer("SELECT count(*) FROM t")) }
            }
        }
        #expect(throws: Undo.self) {
            try db.write { db in
                try db.execute("INSERT INTO t VALUES (1)")
                #expect(try value() == 1, "its own write, inside the transaction")
                throw Undo()
            }
        }
        #expect(try value() == 0, "the write was rolled back")
    }
}
