import Foundation
import Logging
import MailCore
import MailTestSupport
import Secrets
import Sender
import Storage

/// A database with profiles whose passwords are really sealed, and a way to run the sender
/// against a scripted transport at chosen moments.
final class SenderHarness {
    let test: TestDatabase
    let sealer: PasswordSealer
    let clock = TestClock()
    var db: Database { test.database }
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    init(key: SecretKey = .random()) throws {
        test = try TestDatabase()
        sealer = PasswordSealer(key: key)
    }

    @discardableResult
    func addProfile(
        _ name: String,
        host: String = "smtp.example.com",
        isDefault: Bool = false,
        limits: ProfileLimits = ProfileLimits(maxPerDay: 100, intervalMinutes: 0, batchSize: 10, priorityPerDay: 10),
        senderEmail: String? = nil,
        reserve: Int64? = nil
    ) throws -> Int64 {
        var settings = Fixtures.settings(name: name, isDefault: isDefault)
        settings.limits = limits
        settings.host = host
        settings.reserveID = reserve
        if let senderEmail { settings.senderEmail = try EmailAddress(parsing: senderEmail) }
        return try ProfileStore(db).create(settings, now: clock.now(), seal: { try self.sealer.seal($0, for: $1) })
    }

    /// Queues a ready letter and returns its id; `waker` is told of priority letters.
    @discardableResult
    func enqueue(
        _ to: String = "customer@example.com",
        subject: String = "Заказ",
        priority: Bool = false,
        profile: String? = nil,
        waker: (any PassWaker)? = nil
    ) throws -> Int64 {
        var request = LetterRequest(to: to)
        request.subject = subject
        request.text = "Текст письма"
        request.priority = priority
        request.profile = profile
        guard case .queued(let id) = try Enqueuer(database: db, clock: clock, waker: waker).enqueue(request) else {
            throw HarnessError.notQueued
        }
        return id
    }

    @discardableResult
    func run(_ transport: ScriptedTransport, dryRun: Bool = false) throws -> RunReport {
        try QueueRun(setup(transport)).run(dryRun: dryRun)
    }

    /// One profile's pass (`run --profile`, or a woken pass holding the lock through `lockDescriptor`).
    @discardableResult
    func run(profile id: Int64, _ transport: ScriptedTransport, lockDescriptor: Int32? = nil) throws -> RunReport {
        try QueueRun(setup(transport)).run(profileID: id, lockDescriptor: lockDescriptor)
    }

    /// The folder of the profile locks.
    var locksFolder: String { test.directory.file("locks") }

    /// The parts a run or a check sends with, over `transport`.
    func setup(_ transport: ScriptedTransport) -> SenderSetup {
        SenderSetup(
            database: db,
            transport: transport,
            sealer: sealer,
            clock: clock,
            locksFolder: locksFolder,
            boot: Fixtures.boot,
            logger: logger
        )
    }

    func letter(_ id: Int64) throws -> StoredLetter {
        try require(try OutboxStore(db).find(id: id))
    }

    func profile(_ id: Int64) throws -> Profile {
        try require(try ProfileStore(db).find(id: id))
    }

    enum HarnessError: Error {
        case notQueued
    }
}

/// `#require` outside a test function.
func require<T>(_ value: T?) throws -> T {
    guard let value else { throw RequireError() }
    return value
}

struct RequireError: Error {}

extension DeliveryResult {
    static func refused(_ code: Int, _ enhanced: String?, _ text: String, step: SMTPStep) -> DeliveryResult {
        let reply = SMTPReply(code: code, enhancedCode: enhanced, text: text)
        switch step {
        case .auth: return .failed(.auth(reply: reply), dataSent: false)
        case .sender: return .failed(.senderRefused(reply: reply), dataSent: false)
        case .recipient: return .failed(.recipientRefused(reply: reply), dataSent: false)
        default: return .failed(.dataRefused(reply: reply), dataSent: true)
        }
    }
}
