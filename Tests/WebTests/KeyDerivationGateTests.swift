import Foundation
import HTTPCore
import Synchronization
import Testing

@testable import Storage
@testable import Web

/// At most N key derivations at once; a login beyond them is a 503 at once, and the rest of the
/// panel answers as usual meanwhile.
@Suite struct KeyDerivationGateTests {
    @Test(arguments: [(1, 1), (2, 1), (3, 1), (4, 2), (8, 6), (256, 254)])
    func capacityLeavesTwoThreadsToTheRest(threads: Int, capacity: Int) {
        #expect(KeyDerivationGate.capacity(workerThreads: threads) == capacity)
        #expect(KeyDerivationGate(workerThreads: threads).capacity == capacity)
    }

    @Test func admitsUpToItsCapacityThenRefusesAtOnce() {
        let gate = KeyDerivationGate(capacity: 2)
        #expect(gate.enter())
        #expect(gate.enter())
        #expect(!gate.enter())
        #expect(gate.ifFree { 1 } == nil)
        gate.leave()
        #expect(gate.ifFree { 7 } == 7)
        #expect(gate.enter())
        #expect(!gate.enter())
    }

    @Test func aPlaceIsGivenBackWhenTheBodyThrows() {
        struct Failure: Error {}
        let gate = KeyDerivationGate(capacity: 1)
        #expect(throws: Failure.self) { try gate.ifFree { throw Failure() } }
        #expect(gate.enter())
    }

    @Test func neverMoreThanCapacityRunAtOnce() {
        let gate = KeyDerivationGate(capacity: 3)
        let state = Mutex((running: 0, most: 0, refused: 0))
        DispatchQueue.concurrentPerform(iterations: 64) { _ in
            let ran: Void? = gate.ifFree {
                state.withLock {
                    $0.running += 1
                    $0.most = max($0.most, $0.running)
                }
                usleep(2_000)
                state.withLock { $0.running -= 1 }
            }
            if ran == nil { state.withLock { $0.refused += 1 } }
        }
        let seen = state.withLock { $0 }
        #expect(seen.most <= 3)
        #expect(seen.running == 0)
        #expect(gate.enter() && gate.enter() && gate.enter() && !gate.enter())
    }

    @Test func aLoginBeyondTheGateIsA503AtOnceInTheReadersLanguage() throws {
        let web = try WebHarness()
        web.get("/login")
        // Logins at work hold every place.
        #expect(web.derivations.enter() && web.derivations.enter())
        let busy = web.post("/login", [("name", "admin"), ("password", "correct horse battery")])
        #expect(busy.status == 503)
        #expect(busy.header("Retry-After") == "5")
        #expect(busy.text.contains("Сервер сейчас занят проверкой других входов"))
        #expect(busy.text.contains("name=\"password\""), "the login form, to try again from")
        #expect(web.cookies["mr_session"] == nil)
        #expect(try web.db.integer("SELECT count(*) FROM login_failures") == 0, "a refused login counts nowhere")

        web.get("/lang?to=en&back=/login")
        let english = web.post("/login", [("name", "admin"), ("password", "correct horse battery")])
        #expect(english.status == 503)
        #expect(english.text.contains("The server is busy checking other logins"))

        web.derivations.leave()
        #expect(web.post("/login", [("name", "admin"), ("password", "correct horse battery")]).status == 303)
        web.derivations.leave()
    }

    @Test func pagesAndTheAPIAnswerWhileTheGateIsFull() throws {
        let web = try WebHarness()
        web.logIn()
        #expect(web.derivations.enter() && web.derivations.enter())
        defer {
            web.derivations.leave()
            web.derivations.leave()
        }
        #expect(web.get("/profiles").status == 200)
        #expect(web.get("/login").status == 303, "a logged-in admin is sent on")
        let api = web.app.handle(
            HTTPRequest(
                method: .post,
                path: "/api/v1/messages",
                headers: [.contentType: "application/json", .authorization: "Bearer mr_wrong"],
                body: Array("{}".utf8)
            )
        )
        #expect(api.status == 401)
    }
}
