import Foundation
import MailCore
import MailTestSupport
import Testing

@testable import Storage

/// «Резервный профиль» as stored: chosen on save, never itself or a loop, cleared on delete.
@Suite struct ProfileStoreReserveTests {
    let test: TestDatabase
    let store: ProfileStore

    init() throws {
        test = try TestDatabase()
        store = ProfileStore(test.database)
    }

    func save(_ id: Int64, reserve: Int64?) throws {
        let profile = try #require(try store.find(id: id))
        var settings = Fixtures.settings(name: profile.name, isDefault: profile.isDefault)
        settings.newPassword = nil
        settings.reserveID = reserve
        try store.update(id: id, settings, now: Fixtures.now, seal: Fixtures.fakeSeal)
    }

    @Test func aReserveIsSavedAndReadBack() throws {
        let shop = try test.addProfile("Магазин")
        let spare = try test.addProfile("Запасной")
        try save(shop, reserve: spare)
        #expect(try store.find(id: shop)?.reserveID == spare)
        #expect(try store.reserves() == [shop: spare, spare: nil])
        #expect(try store.reserveLinks()[shop] == ReserveLink(state: .ok, reserveID: spare))
        #expect(try store.reserving(id: spare) == ["Магазин"])
        try save(shop, reserve: nil)
        #expect(try store.find(id: shop)?.reserveID == nil, "«нет» clears it")
    }

    @Test func itselfALoopOrAnUnknownProfileIsRefused() throws {
        let a = try test.addProfile("A")
        let b = try test.addProfile("B")
        let c = try test.addProfile("C")
        #expect(throws: ReserveProblem.itself) { try save(a, reserve: a) }
        try save(a, reserve: b)
        try save(b, reserve: c)
        #expect(throws: ReserveProblem.loop) { try save(c, reserve: a) }
        #expect(throws: ReserveProblem.unknown) { try save(c, reserve: 999) }
        #expect(try store.find(id: c)?.reserveID == nil, "a refused save changes nothing")
        var settings = Fixtures.settings(name: "D")
        settings.reserveID = 999
        #expect(throws: ReserveProblem.unknown) {
            try store.create(settings, now: Fixtures.now, seal: Fixtures.fakeSeal)
        }
    }

    @Test func deletingAReserveClearsTheLinks() throws {
        try test.addProfile("Главный", isDefault: true)
        let shop = try test.addProfile("Магазин")
        let spare = try test.addProfile("Запасной")
        try save(shop, reserve: spare)
        try store.delete(id: spare, now: Fixtures.now)
        #expect(try store.find(id: shop)?.reserveID == nil)
    }
}
