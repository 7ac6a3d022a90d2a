import Foundation

/// Which boot of the machine this process runs in, so that a run's claims tell, after it died,
/// whether the machine went down with it (docs/delivery.md).
public enum MachineBoot {
    /// The kernel's `boot_id`, a random UUID drawn at each boot; empty where there is none, which
    /// the recovery reads as "a reboot may have come".
    public static func currentID() -> String {
        let descriptor = open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return "" }
        return String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
