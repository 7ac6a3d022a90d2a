/// The name mailrobot greets an SMTP server with (`EHLO name`).
///
/// RFC 5321 §4.1.1.1 wants the client's fully-qualified domain name; strict servers refuse a bare
/// host name such as `vm`, which is what libcurl sends by default (`gethostname()`). As mail
/// programs do, the machine's FQDN is used when it has one, else the sender address's domain.
public enum EHLOName {
    /// The greeting name for a machine whose canonical name is `machineName` (nil when unknown),
    /// sending as `senderDomain`; nil only when neither gives one.
    public static func choose(machineName: String?, senderDomain: DomainName?) -> DomainName? {
        if let machineName, let name = DomainName(machineName), !isLocal(name) { return name }
        return senderDomain
    }

    /// Names that mean nothing outside the machine's own network.
    static func isLocal(_ name: DomainName) -> Bool {
        let local = ["localhost", "localdomain", "local", "internal", "lan", "home.arpa"]
        return local.contains { name.ascii == $0 || name.ascii.hasSuffix("." + $0) }
    }
}
