import Foundation
import Storage

extension Doctor {
    func cronFileCheck() -> DoctorFinding {
        let name = "cron file"
        let path = setup.cronFile
        let reinstall = "apt-get install --reinstall -o Dpkg::Options::=--force-confmiss mailrobot"
        guard let facts = FileFacts.of(path), let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return .failed(name, "\(path) is missing: nothing sends the queue", cure: reinstall)
        }
        // cron(8) skips a file in /etc/cron.d that others may change.
        guard facts.kind == .file, facts.uid == 0, facts.mode & 0o022 == 0 else {
            return .failed(
                name,
                "\(path) is \(facts.ownerName), \(facts.octalMode): cron ignores it unless root owns it and only root writes it",
                cure: "chown root:root \(path) && chmod 0644 \(path)"
            )
        }
        guard let job = CronFile(parsing: text).senderJob else {
            return .failed(name, "\(path) has no line running mailrobot-send run", cure: reinstall)
        }
        let folder = FileFacts.of(setup.data.path)
        if let owner = folder?.ownerName, job.user != owner {
            return .failed(
                name,
                "\(path) runs the sender as \(job.user), but \(setup.data.path) belongs to \(owner)",
                cure: "make the user field of \(path) \(owner)"
            )
        }
        let wanted = URL(fileURLWithPath: setup.data.path).standardized.path
        if let named = job.dataFolder, URL(fileURLWithPath: named).standardized.path != wanted {
            return .failed(
                name,
                "\(path) sends from --data \(named), not \(wanted)",
                cure: "make it --data \(wanted) in \(path)"
            )
        }
        return .passed(name, "\(path) runs mailrobot-send run as \(job.user) (\(job.schedule))")
    }

    func senderRecent(_ database: Result<Database, RuntimeError>, now: Date) -> DoctorFinding {
        let name = "sender"
        let cure =
            "see that cron runs (systemctl status cron) and run the line of \(setup.cronFile) by hand to see its error"
        guard case .success(let db) = database else {
            return .failed(name, "the database cannot be read", cure: "see the database above")
        }
        let last: Date?
        do {
            last = try HeartbeatStore(db).last(.senderPass)
        } catch {
            return .failed(name, "\(error)", cure: asOwner("init"))
        }
        guard let last else {
            return .failed(name, "mailrobot-send run has never finished a pass", cure: cure)
        }
        let minutes = Int(now.timeIntervalSince(last) / 60)
        guard now.timeIntervalSince(last) <= Self.senderSilence else {
            return .failed(
                name,
                "the last pass of mailrobot-send run ended \(minutes) min ago (\(ClockSanity.stamp(last)))",
                cure: cure
            )
        }
        return .passed(name, "last pass ended \(max(0, Int(now.timeIntervalSince(last)))) s ago")
    }

    func clock(_ database: Result<Database, RuntimeError>, now: Date) -> DoctorFinding {
        let name = "clock"
        let latest = (try? database.get()).flatMap { try? HeartbeatStore($0).latestStoredTime() }
        if let problem = ClockSanity.problem(now: now, latestStored: latest) {
            return .failed(name, problem, cure: "set the time right: timedatectl set-ntp true")
        }
        return .passed(name, ClockSanity.stamp(now))
    }
}
