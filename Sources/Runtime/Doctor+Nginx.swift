import Foundation

extension Doctor {
    func panelAnswers() -> DoctorFinding {
        let name = "panel"
        let start = "systemctl start mailrobot-admin (or: \(asOwner("serve")))"
        guard let facts = FileFacts.of(setup.socket) else {
            return .failed(name, "no socket at \(setup.socket): the panel is not running", cure: start)
        }
        guard facts.kind == .socket else {
            return .failed(name, "\(setup.socket) is not a socket", cure: "remove it, then " + start)
        }
        guard SocketProbe.answers(unixPath: setup.socket) else {
            return .failed(name, "nothing answers on \(setup.socket): the panel is not running", cure: start)
        }
        return .passed(name, "answers on \(setup.socket)")
    }

    /// `nginx -t` and, when it passes, `nginx -T`'s dump of the whole configuration.
    func nginxConfiguration() -> (finding: DoctorFinding, dump: NginxDump?) {
        let name = "nginx"
        guard FileManager.default.isExecutableFile(atPath: setup.nginx) else {
            return (.failed(name, "\(setup.nginx) is not installed", cure: "apt-get install nginx"), nil)
        }
        let config = setup.nginxConfig.map { ["-c", $0] } ?? []
        let test = Self.capture(setup.nginx, ["-t", "-q"] + config)
        guard test.status == 0 else {
            let reason = test.errors.split(whereSeparator: \.isNewline).first.map(String.init) ?? "it failed"
            let cure =
                geteuid() == 0
                ? "correct the file it names, then: nginx -t && systemctl reload nginx"
                : "run mailrobot-admin doctor as root: nginx -t reads the TLS key"
            return (.failed(name, "nginx -t: \(reason)", cure: cure), nil)
        }
        let dump = Self.capture(setup.nginx, ["-T", "-q"] + config)
        return (.passed(name, "nginx -t passes"), NginxDump(parsing: dump.output))
    }

    func nginxSite(_ dump: NginxDump?) -> DoctorFinding {
        let name = "nginx site"
        guard let dump else { return .failed(name, "nginx's configuration cannot be read", cure: "see nginx above") }
        guard dump.fastCGISockets.contains(setup.socket) else {
            return .failed(
                name,
                "no enabled site passes requests to unix:\(setup.socket)",
                cure: "ln -s ../sites-available/mailrobot /etc/nginx/sites-enabled/mailrobot && systemctl reload nginx"
            )
        }
        return .passed(name, "an enabled site passes to unix:\(setup.socket)")
    }

    /// nginx's workers can connect: they may pass through every folder above the socket and write it.
    func nginxReachesSocket(_ dump: NginxDump?) -> DoctorFinding {
        let name = "socket access"
        guard let dump else { return .failed(name, "nginx's user is unknown", cure: "see nginx above") }
        guard let account = Account.named(dump.workerUser) else {
            return .failed(
                name,
                "nginx runs as \(dump.workerUser), which does not exist",
                cure: "correct the user line of /etc/nginx/nginx.conf"
            )
        }
        var path = ""
        let components = URL(fileURLWithPath: setup.socket).standardized.pathComponents.dropFirst()
        for (index, component) in components.enumerated() {
            path += "/" + component
            let isSocket = index == components.count - 1
            guard let facts = FileFacts.of(path) else {
                return .failed(name, "\(path) does not exist", cure: "see the panel above")
            }
            guard account.may(isSocket ? .write : .traverse, on: facts) else {
                let problem =
                    "nginx's user \(account.name) cannot \(isSocket ? "connect to" : "pass through") \(path) "
                    + "(\(facts.ownerName):\(facts.groupName), \(facts.octalMode))"
                let groupAllows = facts.mode >> 3 & (isSocket ? 0o2 : 0o1) != 0
                let cure =
                    groupAllows && !account.groups.contains(facts.gid)
                    ? "adduser \(account.name) \(facts.groupName) && systemctl reload nginx"
                    : "chmod g+\(isSocket ? "w" : "x") \(path)"
                return .failed(name, problem, cure: cure)
            }
        }
        return .passed(name, "nginx's user \(account.name) can connect to \(setup.socket)")
    }

    /// Runs `program` and returns its exit status, standard output and standard error.
    static func capture(_ program: String, _ arguments: [String]) -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return (127, "", "\(program): \(error.localizedDescription)")
        }
        // Both pipes are read at once, so a full one never blocks the other.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorText = Data()
        group.enter()
        DispatchQueue.global().async {
            errorText = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputText = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outputText, as: UTF8.self),
            String(decoding: errorText, as: UTF8.self)
        )
    }
}
