import ArgumentParser
import DNS
import FastCGI
import Foundation
import Logging
import Runtime
import SMTP
import Secrets
import Sender
import Templating
import Web

/// `mailrobot-admin serve`: the panel as a FastCGI server behind nginx.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the admin panel over FastCGI until SIGTERM or SIGINT.",
        discussion: """
            The unix socket is created with mode 0660: give nginx's group access to it (see deploy/). \
            «Проверка профиля» checks the sender domain in DNS through /etc/resolv.conf's servers, or \
            MAILROBOT_DNS_SERVER=ADDRESS[:PORT] (or --dns-server).
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var transport: TransportOptions
    @OptionGroup var resolver: ResolverOptions

    @Option(help: "A unix socket path, or HOST:PORT such as 127.0.0.1:9001. Default: DATA/mailrobot.sock")
    var socket: String?

    @Option(help: "Requests served at once (1-256).")
    var threads = 8

    @Option(help: "The group the unix socket is given to, so nginx's workers can connect.")
    var socketGroup: String?

    @Flag(
        help:
            "Let --socket listen on a TCP address other machines can reach (FastCGI has no TLS and no login of its own)."
    )
    var allowRemote = false

    @OptionGroup var templates: TemplatesOptions

    func validate() throws {
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be from 1 to 256") }
        if let socket, case .network(let host) = try ListenReach(address: socket) {
            let warning =
                "--socket \(socket) listens beyond this machine (\(host)): whoever reaches the port talks FastCGI "
                + "to the panel without nginx, its TLS, headers and limits"
            guard allowRemote else {
                throw ValidationError(warning + "; use a unix socket or 127.0.0.1:PORT, or add --allow-remote")
            }
            FileHandle.standardError.write(Data("mailrobot-admin: warning: \(warning)\n".utf8))
        }
    }

    func run() throws {
        LogSetup.bootstrap(defaultLevel: .info)
        let logger = Logger(label: "mailrobot-admin")
        let directory = data.directory
        let sealer = PasswordSealer(key: try directory.loadKey())
        let pool = try directory.openPool()
        let templatesFolder = try templates.resolve()
        // Events shipped with a newer version appear without another `init`; edits are kept.
        try pool.withConnection { db in try ShippedEventsInstaller.install(from: templatesFolder, into: db, now: Date())
        }
        let mailTransport: CurlSMTPTransport
        do {
            // Shorter than cron's: «Проверка профиля» keeps a browser waiting, and nginx
            // gives up on a FastCGI answer after 60 s.
            mailTransport = try CurlSMTPTransport(
                caFile: transport.caFilePath,
                timeouts: .init(replySeconds: transport.replySeconds(default: 20))
            )
        } catch {
            throw RuntimeError(error.description)
        }
        // A priority letter committed here (the API, «Повторить») starts its profile's pass at once.
        let waker = PassSpawner(
            executable: ExecutablePath.sibling(named: "mailrobot-send"),
            dataFolder: directory.path,
            locksFolder: directory.locksPath,
            extraArguments: transport.caFile.map { ["--ca-file", $0] } ?? [],
            keepsErrorOutput: true,
            logger: logger
        )
        let app = try AdminApp(
            pool: pool,
            pages: try PageLibrary(directory: templatesFolder + "/pages"),
            strings: try StringCatalog(directory: templatesFolder + "/i18n"),
            sealer: sealer,
            transport: mailTransport,
            resolver: SystemResolver(server: resolver.server),
            locksFolder: directory.locksPath,
            waker: waker,
            logger: logger
        )
        let server = try FastCGIServer(
            listenOn: socket ?? directory.defaultSocketPath,
            threads: threads,
            socketGroup: socketGroup,
            handler: app,
            logger: logger
        )
        logger.info("serving", metadata: ["address": "\(server.boundAddress)", "threads": "\(threads)"])
        try server.run()
        logger.info("stopped")
    }
}
