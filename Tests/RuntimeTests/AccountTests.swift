import Runtime
import Testing

@Suite struct AccountTests {
    let nginx = Account(name: "www-data", uid: 33, groups: [33, 998])

    @Test(arguments: [
        // mode, owner, group, may traverse, may write
        (0o750, UInt32(998), UInt32(998), true, false),  // the data folder, www-data in its group
        (0o700, 998, 998, false, false),
        (0o660, 998, 998, false, true),  // the socket: the group's rw (a socket needs no x)
        (0o600, 998, 998, false, false),
        (0o750, 998, 1000, false, false),  // another group
        (0o755, 998, 1000, true, false),  // others may pass
        (0o070, 33, 998, false, false),  // the owner's bits decide for the owner, even when the group's allow
        (0o300, 33, 998, true, true),
    ])
    func theKernelsRuleOfOwnerThenGroupThenOthers(mode: Int, owner: UInt32, group: UInt32, traverse: Bool, write: Bool)
    {
        let facts = FileFacts(kind: .folder, mode: mode, uid: owner, gid: group)
        #expect(nginx.may(.traverse, on: facts) == traverse)
        #expect(nginx.may(.write, on: facts) == write)
    }

    @Test func rootMayDoAnything() {
        let root = Account(name: "root", uid: 0, groups: [0])
        #expect(root.may(.write, on: FileFacts(kind: .socket, mode: 0, uid: 998, gid: 998)))
    }

    @Test func aUserOfTheSystemHasItsGroups() throws {
        let root = try #require(Account.named("root"))
        #expect(root.uid == 0 && root.groups.contains(0))
        #expect(Account.named("no-such-user-of-mailrobot") == nil)
    }
}
