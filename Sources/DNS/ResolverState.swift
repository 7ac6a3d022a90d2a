import CResolv
import Glibc
import MailCore

/// One `res_state` of glibc's resolver, owned for one lookup: `res_ninit` reads
/// `/etc/resolv.conf` into it, `res_nclose` in `deinit` closes its sockets.
///
/// The `res_n*` functions keep everything in the state they are given, so a state per lookup
/// makes lookups safe on any thread (the plain `res_query` shares one global state).
/// - SeeAlso: resolver(3)
final class ResolverState {
    let state: UnsafeMutablePointer<__res_state>

    /// - Parameters:
    ///   - server: replaces the servers of `/etc/resolv.conf`.
    ///   - timeoutSeconds: the wait for each answer (`retrans`).
    ///   - attempts: how many times each question is sent (`retry`).
    init(server: DNSServerAddress?, timeoutSeconds: Int, attempts: Int) throws(DNSError) {
        state = .allocate(capacity: 1)
        memset(state, 0, MemoryLayout<__res_state>.size)
        guard __res_ninit(state) == 0 else {
            __res_nclose(state)
            state.deallocate()
            throw .unreachable(detail: "res_ninit failed: no usable /etc/resolv.conf")
        }
        state.pointee.retrans = Int32(clamping: max(1, timeoutSeconds))
        state.pointee.retry = Int32(clamping: max(1, attempts))
        // Answers up to 1,232 bytes over UDP (DKIM keys are long); longer ones retry over TCP.
        state.pointee.options |= UInt(RES_USE_EDNS0)
        if let server {
            // glibc notices the changed list and uses it for this state (res_send's
            // __res_get_nsaddr); an IPv4 entry needs no allocation.
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(server.port).bigEndian
            let bytes = server.address.bytes
            let value = UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
            address.sin_addr = in_addr(s_addr: value.bigEndian)
            state.pointee.nsaddr_list.0 = address
            state.pointee.nscount = 1
        }
    }

    deinit {
        __res_nclose(state)
        state.deallocate()
    }
}
