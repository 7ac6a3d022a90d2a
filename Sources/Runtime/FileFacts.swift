import Foundation

/// What `stat(2)` says about a path: its kind, owner, group and permission bits.
public struct FileFacts: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case file, folder, socket, other
    }

    public let kind: Kind
    /// The permission bits (`0o750` …), without the file type.
    public let mode: Int
    public let uid: UInt32
    public let gid: UInt32

    public init(kind: Kind, mode: Int, uid: UInt32, gid: UInt32) {
        self.kind = kind
        self.mode = mode
        self.uid = uid
        self.gid = gid
    }

    /// The facts of `path` (following symbolic links), or nil when nothing is there.
    public static func of(_ path: String) -> FileFacts? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let kind: Kind =
            switch info.st_mode & S_IFMT {
            case S_IFREG: .file
            case S_IFDIR: .folder
            case S_IFSOCK: .socket
            default: .other
            }
        return FileFacts(kind: kind, mode: Int(info.st_mode & 0o7777), uid: info.st_uid, gid: info.st_gid)
    }

    /// The mode as `chmod` writes it: `0750`.
    public var octalMode: String { "0" + String(mode, radix: 8) }

    /// The owner's login name (or the number when it has none).
    public var ownerName: String { Account.userName(uid) }

    /// The group's name (or the number when it has none).
    public var groupName: String { Account.groupName(gid) }
}
