import ArgumentParser
import Foundation
import Runtime

/// `mailrobot-admin doctor`: what breaks a deployment, each failure with the line that cures it.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the deployment and print a cure for each failure; exit 0 only when every check passes.",
        discussion: """
            Checks: the templates folder; the data folder, the key and the database files (owners and \
            modes); the database (integrity_check, schema); the panel answers on its socket; nginx passes \
            nginx -t, has a site for the socket, and its user can reach the socket; the cron file; the \
            sender's last pass within 5 minutes; the clock. Run it as root: it reads nginx's whole \
            configuration. It changes nothing.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var templates: TemplatesOptions

    @Option(help: "The panel's unix socket. Default: DATA/mailrobot.sock")
    var socket: String?

    @Option(help: "The cron file that runs the sender.")
    var cronFile = "/etc/cron.d/mailrobot"

    @Option(help: "The nginx binary.")
    var nginx = "/usr/sbin/nginx"

    @Option(help: "nginx's main configuration file. Default: nginx's own (/etc/nginx/nginx.conf)")
    var nginxConf: String?

    func run() throws {
        let directory = data.directory
        let doctor = Doctor(
            .init(
                data: directory,
                socket: socket ?? directory.defaultSocketPath,
                templates: templates.templates,
                cronFile: cronFile,
                nginx: nginx,
                nginxConfig: nginxConf
            )
        )
        let findings = doctor.run(now: Date())
        for finding in findings { print(finding.text) }
        let failed = findings.filter { !$0.passed }.count
        guard failed == 0 else {
            print("\(failed) of \(findings.count) checks failed")
            throw ExitCode(1)
        }
        print("all \(findings.count) checks passed")
    }
}
