import Logging
import MailCore
import Runtime
import SMTP
import Secrets
import Sender
import Storage

/// The real parts a command needs, built from its options: the database, the key and the
/// libcurl transport.
struct Environment {
    let directory: DataDirectory
    let db: Database
    let sealer: PasswordSealer
    let logger: Logger

    init(_ options: DataOptions) throws {
        LogSetup.bootstrap(defaultLevel: .error)
        directory = options.directory
        sealer = PasswordSealer(key: try directory.loadKey())
        db = try directory.openDatabase()
        logger = Logger(label: "mailrobot-send")
    }

    /// The parts a run or a check sends with.
    func sender(_ options: TransportOptions, clock: any WallClock) throws -> SenderSetup {
        SenderSetup(
            database: db,
            transport: try Self.transport(options),
            sealer: sealer,
            clock: clock,
            locksFolder: directory.locksPath,
            logger: logger
        )
    }

    /// Starts a profile's pass for a priority letter this process queues: this binary's `run
    /// --profile`. Its problems go to the journal only: the caller may be reading our stderr.
    func waker() -> PassSpawner {
        PassSpawner(
            executable: ExecutablePath.current(),
            dataFolder: directory.path,
            locksFolder: directory.locksPath,
            keepsErrorOutput: false,
            logger: logger
        )
    }

    /// Where cron's pass POSTs its alerts (`AlertCheck`), trusting the same CA file as SMTP.
    func webhook(_ options: TransportOptions) throws -> CurlWebhookPoster {
        do {
            return try CurlWebhookPoster(caFile: options.caFilePath)
        } catch {
            throw RuntimeError(error.description)
        }
    }

    private static func transport(_ options: TransportOptions) throws -> CurlSMTPTransport {
        do {
            return try CurlSMTPTransport(
                caFile: options.caFilePath,
                timeouts: .init(replySeconds: options.replySeconds(default: 30))
            )
        } catch {
            throw RuntimeError(error.description)
        }
    }
}
