import Foundation

/// A system user as the kernel checks it: its ids and every group it is in.
public struct Account: Sendable, Equatable {
    public let name: String
    public let uid: UInt32
    public let groups: Set<UInt32>

    public init(name: String, uid: UInt32, groups: Set<UInt32>) {
        self.name = name
        self.uid = uid
        self.groups = groups
    }

    /// What a process needs on a path.
    public enum Access: Sendable {
        /// Pass through a folder (`x`).
        case traverse
        /// Connect to a unix socket or write a file (`w`).
        case write
    }

    /// Whether this user may do `access` on a file with `facts`: the owner's bits if it owns
    /// it, else the group's if it is in the group, else the others' (root may do anything).
    public func may(_ access: Access, on facts: FileFacts) -> Bool {
        if uid == 0 { return true }
        let bit = access == .traverse ? 0o1 : 0o2
        let shift = facts.uid == uid ? 6 : groups.contains(facts.gid) ? 3 : 0
        return facts.mode >> shift & bit != 0
    }

    /// The user called `name` with its groups, from the system's user database.
    public static func named(_ name: String) -> Account? {
        guard let entry = getpwnam(name) else { return nil }
        let uid = entry.pointee.pw_uid
        let primary = entry.pointee.pw_gid
        var count: Int32 = 64
        var ids = [gid_t](repeating: 0, count: Int(count))
        while getgrouplist(name, primary, &ids, &count) < 0 {
            ids = [gid_t](repeating: 0, count: Int(count))
        }
        return Account(name: name, uid: uid, groups: Set(ids.prefix(Int(count))).union([primary]))
    }

    static func userName(_ uid: UInt32) -> String {
        getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? String(uid)
    }

    static func groupName(_ gid: UInt32) -> String {
        getgrgid(gid).map { String(cString: $0.pointee.gr_name) } ?? String(gid)
    }
}
