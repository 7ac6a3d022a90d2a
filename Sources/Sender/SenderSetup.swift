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

    /// A session that logs in to `profile`'s mailbox, or why there is none: no password stored
    /// (it was dropped when the server changed), or one that does not open for this key, profile
    /// and server. A password sealed in the older form is sealed again, bound to the server.
    func session(for profile: Profile) throws -> Result<any MailSession, SenderError> {
        let store = ProfileStore(database)
        guard let sealed = try store.sealedPassword(id: profile.id) else {
            return .failure(.passwordMissing(profile: profile.name))
        }
        let binding = PasswordBinding(profile)
        guard let opened = try? sealer.open(sealed, for: binding) else {
            return .failure(.passwordUnreadable(profile: profile.name))
        }
        if opened.isLegacy {
            try store.replaceSealedPassword(
                id: profile.id,
                old: sealed,
                new: sealer.seal(opened.password, for: binding)
            )
        }
        let account = SMTPAccount(
            host: profile.host,
            port: profile.port,
            security: profile.security,
            login: profile.login,
            password: opened.password,
            senderDomain: profile.senderEmail.domain,
            allowPlainAuth: profile.allowPlainAuth,
            allowPrivateHost: profile.allowPrivateHost
        )
        return .success(transport.openSession(account))
    }
}
