import Foundation
import MailTestSupport
import Storage

/// Letters in the outbox, put there and moved on the way the sender does it.
extension WebHarness {
    /// Queues a letter created at `at` and takes it to `status` through claim and finish.
    @discardableResult
    func addLetter(
        _ number: Int,
        profile: Int64,
        status: LetterStatus = .queued,
        event: String = "order_placed",
        to: String? = nil,
        name: String = "",
        subject: String? = nil,
        text: String = "Текст письма",
        html: String = "<p>HTML</p>",
        at: Date? = nil,
        reply: String = "550 5.1.1 <x@example.com>: no such user",
        isTest: Bool = false
    ) throws -> Int64 {
        let at = at ?? clock.now()
        let outbox = OutboxStore(db)
        let id = try outbox.enqueue(
            NewLetter(
                profileID: profile,
                event: event,
                toAddress: to ?? "client\(number)@example.com",
                toName: name,
                subject: subject ?? "Заказ \(number)",
                text: text,
                html: html,
                messageID: "m\(number)@shop.example",
                isTest: isTest
            ),
            now: at
        ).id
        switch status {
        case .queued:
            break
        case .cancelled:
            _ = try JournalStore(db).cancel(id: id, now: at)
        case .sending, .sent, .failed:
            _ = try outbox.claim(id: id, owner: "run", leaseUntil: at.addingTimeInterval(300), now: at)
            if status == .sent {
                try outbox.finish(id: id, owner: "run", .sent(reply: "250 2.0.0 Ok: queued"), now: at)
            }
            if status == .failed {
                try outbox.finish(
                    id: id,
                    owner: "run",
                    .failed(reply: reply, step: "recipient", mayHaveLeft: false),
                    now: at
                )
            }
        }
        return id
    }

    /// Ids of the journal rows on the last page, top to bottom.
    var journalRowIDs: [Int64] {
        lastPage.components(separatedBy: "<tr id=\"letter-").dropFirst().compactMap { Int64($0.prefix { $0 != "\"" }) }
    }
}
