import Foundation
import Storage
import Testing

@testable import Web

/// Reading the journal's query string: what is applied, what is noted and left out.
@Suite struct JournalRequestTests {
    let moscow = TimeZone(identifier: "Europe/Moscow")!

    private func request(_ query: String, zone: TimeZone? = nil) throws -> JournalRequest {
        JournalRequest(query: try FormData(urlEncoded: Array(query.utf8)), timeZone: zone ?? moscow)
    }

    private func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    @Test func appliesEveryUnderstoodFilter() throws {
        let parsed = try request(
            "status=failed&profile=7&event=order_paid&recipient=+%D0%98%D0%B2%D0%B0%D0%BD+&date_from=2026-12-01&date_to=2026-12-31&before=120"
        )
        #expect(parsed.notes.isEmpty)
        #expect(
            parsed.filter
                == JournalFilter(
                    status: .failed,
                    profileID: 7,
                    event: "order_paid",
                    recipient: "Иван",
                    createdFrom: date("2026-11-30T21:00:00Z"),
                    createdBefore: date("2026-12-31T21:00:00Z"),
                    hidesTests: true
                )
        )
        #expect(parsed.before == 120)
        #expect(
            Path.journal.link(query: parsed.filterQuery)
                == "/journal?status=failed&profile=7&event=order_paid&recipient=%D0%98%D0%B2%D0%B0%D0%BD&date_from=2026-12-01&date_to=2026-12-31"
        )
    }

    @Test func leavesOutWhatItDoesNotUnderstand() throws {
        let parsed = try request(
            "status=SENT&profile=1e3&event=Order-Paid&recipient=ab&date_from=2026-02-30&date_to=2026-1-01&before=9999999999999999999"
        )
        #expect(parsed.filter == JournalFilter(hidesTests: true))
        #expect(parsed.before == nil)
        #expect(parsed.filterQuery.isEmpty)
        #expect(parsed.typedRecipient == "ab")
        #expect(
            parsed.notes == [
                .journalNoteStatus, .journalNoteProfile, .journalNoteEvent, .journalNoteRecipientShort,
                .journalNoteDateFrom, .journalNoteDateTo, .journalNoteBefore,
            ]
        )
        let control = try request("recipient=abc%00%22def")
        #expect(control.filter.recipient == nil && control.notes == [.journalNoteRecipientInvalid])
        let long = try request("recipient=" + String(repeating: "a", count: 201))
        #expect(long.filter.recipient == nil && long.notes == [.journalNoteRecipientLong])
        #expect(try request("status=&profile=+&recipient=").notes.isEmpty, "empty fields are no filter")
    }

    @Test func unknownProfileIsDroppedWithANote() throws {
        var parsed = try request("profile=5&status=sent")
        parsed.requireKnownProfile([1, 2])
        #expect(parsed.filter == JournalFilter(status: .sent, hidesTests: true))
        #expect(Path.journal.link(query: parsed.filterQuery) == "/journal?status=sent")
        #expect(parsed.notes == [.journalNoteProfile])
    }

    @Test func testLettersAreLeftOutUnlessAskedFor() throws {
        #expect(try request("").filter.hidesTests)
        #expect(try request("tests=0").filter.hidesTests)
        let shown = try request("tests=1")
        #expect(!shown.filter.hidesTests && shown.showsTests)
        #expect(Path.journal.link(query: shown.filterQuery) == "/journal?tests=1", "links keep the toggle")
        #expect(!(try request("event=test").filter.hidesTests), "asking for their event shows them")
    }

    @Test func quotesAndAmpersandsStayInsideTheirParameter() throws {
        let parsed = try request("recipient=a%26b%22%3Cc")
        #expect(parsed.filter.recipient == "a&b\"<c")
        #expect(Path.journal.link(query: parsed.filterQuery) == "/journal?recipient=a%26b%22%3Cc")
    }

    @Test(arguments: [
        "2026-02-30", "2026-13-01", "2026-00-10", "26-01-01", "2026-1-01", "２０２６-01-01", "1969-12-31",
        "+2026-01-01", "2026-01-01T00:00", "2026/01/01", "",
    ])
    func refusesAnythingButARealDay(_ text: String) {
        #expect(JournalRequest.day(text, in: moscow) == nil)
    }

    @Test func dayRunsFromMidnightToMidnightInTheShopsZone() throws {
        let day = try #require(JournalRequest.day("2024-02-29", in: moscow))
        #expect(day.start == date("2024-02-28T21:00:00Z") && day.end == date("2024-02-29T21:00:00Z"))
        // São Paulo started summer time at midnight on 4 November 2018: that day began at 01:00.
        let saoPaulo = try #require(TimeZone(identifier: "America/Sao_Paulo"))
        let shifted = try #require(JournalRequest.day("2018-11-04", in: saoPaulo))
        #expect(shifted.start == date("2018-11-04T03:00:00Z") && shifted.end == date("2018-11-05T02:00:00Z"))
        #expect(try request("date_from=2026-12-05&date_to=2026-12-01").notes == [.journalNoteDatesReversed])
    }
}
