import Foundation
import MailTestSupport
import Storage
import Testing

@Suite struct HeartbeatStoreTests {
    @Test func theLastBeatIsKept() throws {
        let test = try TestDatabase()
        let store = HeartbeatStore(test.database)
        #expect(try store.last(.senderPass) == nil)
        try store.record(.senderPass, at: Fixtures.now)
        try store.record(.senderPass, at: Fixtures.now.addingTimeInterval(60))
        #expect(try store.last(.senderPass) == Fixtures.now.addingTimeInterval(60))
    }

    @Test func theLatestStoredTimeIsTheLatestOfLettersSendsSessionsAndBeats() throws {
        let test = try TestDatabase()
        let store = HeartbeatStore(test.database)
        #expect(try store.latestStoredTime() == nil)
        let profile = try test.addProfile("Магазин", isDefault: true)
        let later = Fixtures.now.addingTimeInterval(3_600)
        _ = try OutboxStore(test.database).enqueue(
            NewLetter(profileID: profile, toAddress: "a@example.com", subject: "S", text: "T", messageID: "h@x"),
            now: later
        )
        try store.record(.senderPass, at: Fixtures.now)
        #expect(try store.latestStoredTime() == later)
    }
}
