public import Foundation
import Storage

/// `mailrobot-admin doctor`: the checks of what breaks a deployment, each failure with its cure.
///
/// Meant to run as root on the server (it reads nginx's whole configuration); it changes nothing.
public struct Doctor: Sendable {
    /// Where the parts of the deployment are.
    public struct Setup: Sendable {
        public var data: DataDirectory
        /// The panel's unix socket.
        public var socket: String
        /// `--templates`, if given.
        public var templates: String?
        public var cronFile: String
        /// The nginx binary.
        public var nginx: String
        /// nginx's main configuration file; nginx's own default when nil.
        public var nginxConfig: String?

        public init(
            data: DataDirectory,
            socket: String,
            templates: String?,
            cronFile: String,
            nginx: String,
            nginxConfig: String?
        ) {
            self.data = data
            self.socket = socket
            self.templates = templates
            self.cronFile = cronFile
            self.nginx = nginx
            self.nginxConfig = nginxConfig
        }
    }

    /// How long ago the sender's last pass may have ended: cron starts one every minute.
    public static let senderSilence: TimeInterval = 300

    let setup: Setup

    public init(_ setup: Setup) {
        self.setup = setup
    }

    /// Every check, in the order an operator would fix them.
    public func run(now: Date) -> [DoctorFinding] {
        var findings = [templatesFolder(), dataFolder(), keyFile(), dataFiles()]
        let database = openDatabase()
        findings.append(databaseCheck(database))
        findings.append(panelAnswers())
        let nginx = nginxConfiguration()
        findings.append(nginx.finding)
        findings.append(nginxSite(nginx.dump))
        findings.append(nginxReachesSocket(nginx.dump))
        findings.append(cronFileCheck())
        findings.append(senderRecent(database, now: now))
        findings.append(clock(database, now: now))
        return findings
    }

    /// The data folder's facts, and its owner and group by name for the cures.
    var folder: (facts: FileFacts, owner: String)? {
        FileFacts.of(setup.data.path).map { ($0, "\($0.ownerName):\($0.groupName)") }
    }

    /// The database, opened without migrating it (a check changes nothing), or why it cannot be.
    func openDatabase() -> Result<Database, RuntimeError> {
        guard FileManager.default.fileExists(atPath: setup.data.databasePath) else {
            return .failure(RuntimeError("no database at \(setup.data.databasePath)"))
        }
        do {
            return .success(try Database(path: setup.data.databasePath, migrate: false))
        } catch {
            return .failure(RuntimeError("\(error)"))
        }
    }

    /// `runuser -u OWNER -- mailrobot-admin ARGUMENTS --data DATA`: a command as the data folder's owner.
    func asOwner(_ arguments: String) -> String {
        let owner = folder?.facts.ownerName ?? "mailrobot"
        return "runuser -u \(owner) -- mailrobot-admin \(arguments) --data \(setup.data.path)"
    }
}
