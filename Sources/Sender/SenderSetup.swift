public import Logging
public import MailCore
public import Secrets
public import Storage

/// What sending needs from outside, for a cron run (`QueueRun`) and a check (`ProfileCheck`)
/// alike: the database, the transport, the key that opens stored passwords, the clock, the
/// folder of the profile locks, the machine's boot and a logger.
public struct SenderSetup {
    public let database: Database
    public let transport: any MailTransport
    public let sealer: PasswordSealer
    public let clock: any WallClock
    /// `DataDirectory.locksPath`: one run, or one check, works a profile at a time.
    public let locksFolder: String
    /// `MachineBoot.currentID()`: recorded with each claim, compared when a dead run's claims are
    /// taken back.
    public let boot: String
    public let logger: Logger

    public init(
        database: Database,
        transport: any MailTransport,
        sealer: PasswordSealer,
        clock: any WallClock,
        locksFolder: String,
        boot: String = MachineBoot.currentID(),
        logger: Logger
    ) {
        self.database = database
        self.transport = transport
        self.sealer = sealer
        self.clock = clock
        self.locksFolder = locksFolder
        self.boot = boot
        self.logger = logger
    }

    /// A session that logs in to `profile`'s mailbox, or nil when its stored password does not
    /// open with this key.
    func session(for profile: Profile) throws -> (any MailSession)? {
        guard let sealed = try ProfileStore(database).sealedPassword(id: profile.id),
            let password = try? sealer.open(sealed, profileID: profile.id)
        else { return nil }
        return transport.openSession(
            SMTPAccount(
                host: profile.host,
                port: profile.port,
                security: profile.security,
                login: profile.login,
                password: password,
                senderDomain: profile.senderEmail.domain
            )
        )
    }
}
