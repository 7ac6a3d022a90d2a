import Foundation
import MailTestSupport
import Testing

@testable import Storage

@Suite struct LoginFailureStoreTests {
    @Test func countsAreKeptPerSubjectAndForgottenWhenOld() throws {
        let test = try TestDatabase()
        let store = LoginFailureStore(test.database)
        try store.record("addr:192.0.2.1", count: 2, at: Fixtures.now.addingTimeInterval(-7200))
        try store.record("name:admin", count: 5, at: Fixtures.now)
        try store.forget(before: Fixtures.now.addingTimeInterval(-3600))
        #expect(try store.failures(of: "addr:192.0.2.1") == nil)
        #expect(try store.failures(of: "name:admin")?.count == 5)
        try store.clear("name:admin")
        #expect(try store.failures(of: "name:admin") == nil)
    }

    /// Every statement of the login transaction finds its rows through an index: with many
    /// subjects counted (a flood of guesses), none may read the whole table while it holds the
    /// write lock.
    @Test func theLoginTransactionNeverScansTheTable() throws {
        let test = try TestDatabase()
        let lookups = [LoginFailureStore.forgetSQL, LoginFailureStore.failuresSQL, LoginFailureStore.clearSQL]
        for sql in lookups {
            let plan = try test.database.rows("EXPLAIN QUERY PLAN " + sql, [0]).map { try $0.string("detail") }
            #expect(!plan.isEmpty && plan.allSatisfy { $0.contains("INDEX") }, "\(sql): \(plan)")
        }
        let upsert = try test.database.rows("EXPLAIN QUERY PLAN " + LoginFailureStore.recordSQL, ["s", 1, 0])
        #expect(!upsert.contains { (try? $0.string("detail").hasPrefix("SCAN")) == true })
    }
}
