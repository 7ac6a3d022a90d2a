import Foundation
import Secrets
import Storage

extension Doctor {
    func templatesFolder() -> DoctorFinding {
        let name = "templates"
        let reinstall = "apt-get install --reinstall mailrobot, or pass --templates DIR"
        guard let found = try? TemplatesDirectory.resolve(option: setup.templates) else {
            return .failed(name, "no templates folder found", cure: reinstall)
        }
        let missing = ["pages", "i18n", "mail"].filter { !FileManager.default.fileExists(atPath: found + "/" + $0) }
        guard missing.isEmpty else {
            return .failed(name, "\(found) has no \(missing.joined(separator: ", "))", cure: reinstall)
        }
        return .passed(name, found)
    }

    func dataFolder() -> DoctorFinding {
        let name = "data folder"
        let path = setup.data.path
        guard let (facts, owner) = folder else {
            return .failed(name, "\(path) does not exist", cure: "mailrobot-admin init --data \(path) (as its user)")
        }
        guard facts.kind == .folder else {
            return .failed(
                name,
                "\(path) is not a folder",
                cure: "move it away, then mailrobot-admin init --data \(path)"
            )
        }
        guard facts.mode & 0o027 == 0, facts.mode & 0o700 == 0o700 else {
            return .failed(
                name,
                "\(path) has mode \(facts.octalMode): its group may write in it or others may look inside",
                cure: "chmod 0750 \(path)"
            )
        }
        return .passed(name, "\(path), \(owner), mode \(facts.octalMode)")
    }

    func keyFile() -> DoctorFinding {
        let name = "secret key"
        let path = setup.data.keyPath
        guard let (folderFacts, owner) = folder, let facts = FileFacts.of(path) else {
            return .failed(
                name,
                "\(path) is missing",
                cure: "copy back the secret.key you keep apart (mode 0600, \(folder?.owner ?? "the folder's owner")); "
                    + "without it, \(asOwner("init")) makes a new one and every SMTP password must be typed again"
            )
        }
        guard facts.uid == folderFacts.uid else {
            return .failed(
                name,
                "\(path) belongs to \(facts.ownerName), not to the data folder's owner \(folderFacts.ownerName)",
                cure: "chown \(owner) \(path)"
            )
        }
        do {
            _ = try SecretKey.load(from: path)
        } catch {
            let cure: String =
                switch error {
                case .unsafeMode: "chmod 0600 \(path)"
                default: "copy back the secret.key you keep apart"
                }
            return .failed(name, error.description, cure: cure)
        }
        return .passed(name, "\(path), mode 0600")
    }

    /// Every file of the data folder belongs to the folder's owner (a command run as root must
    /// not leave a `-wal` the panel cannot write), and the database's files are private. (The key
    /// has a check of its own.)
    func dataFiles() -> DoctorFinding {
        let name = "data files"
        guard let (folderFacts, owner) = folder, folderFacts.kind == .folder else {
            return .failed(name, "no data folder", cure: "see the data folder above")
        }
        let path = setup.data.path
        var strangers: [String] = []
        var open: [String] = []
        let entries = FileManager.default.enumerator(atPath: path)
        while let entry = entries?.nextObject() as? String, strangers.count + open.count < 20 {
            guard path + "/" + entry != setup.data.keyPath, let facts = FileFacts.of(path + "/" + entry) else {
                continue
            }
            if facts.uid != folderFacts.uid { strangers.append(entry) }
            if facts.kind == .file, facts.mode & 0o077 != 0 { open.append("\(entry) (\(facts.octalMode))") }
        }
        if !strangers.isEmpty {
            return .failed(
                name,
                "not owned by \(folderFacts.ownerName): \(strangers.joined(separator: ", "))",
                cure: "chown -R \(owner) \(path)"
            )
        }
        if !open.isEmpty {
            return .failed(
                name,
                "readable by others than \(folderFacts.ownerName): \(open.joined(separator: ", "))",
                cure: "chmod 0600 " + open.map { path + "/" + $0.prefix { $0 != " " } }.joined(separator: " ")
            )
        }
        return .passed(name, "all owned by \(folderFacts.ownerName), private")
    }

    func databaseCheck(_ database: Result<Database, RuntimeError>) -> DoctorFinding {
        let name = "database"
        let path = setup.data.databasePath
        let restore = "restore the latest good backup: mailrobot-admin restore FILE --data \(setup.data.path)"
        let db: Database
        switch database {
        case .failure(let error): return .failed(name, error.description, cure: asOwner("init"))
        case .success(let opened): db = opened
        }
        do {
            if let problem = try db.integrityProblem() {
                return .failed(name, "integrity_check: \(problem)", cure: restore)
            }
            let version = try db.schemaVersion()
            guard version == Database.latestSchemaVersion else {
                return .failed(
                    name,
                    "schema \(version), this version uses \(Database.latestSchemaVersion)",
                    cure: version < Database.latestSchemaVersion
                        ? asOwner("init") : "install the mailrobot that wrote it (a newer one)"
                )
            }
        } catch {
            return .failed(name, "\(error)", cure: restore)
        }
        return .passed(name, "\(path): integrity_check ok, schema \(Database.latestSchemaVersion)")
    }
}
