public import Foundation
public import MailCore

/// «Проверка домена»: asks DNS what `DomainRules` need for a profile's sender domain, within a
/// time limit, and returns their findings.
///
/// Questions are asked one at a time, in rounds (an SPF `include:` is read only once the record
/// that names it has been). Once the DNS server proves unreachable, or the time is up, no further
/// question is asked: what is left reads «не удалось проверить».
public struct DomainCheck: Sendable {
    public let resolver: any DNSResolver
    /// The clock that bounds the check (real time, even when a run is dated with `--now`).
    public let clock: any WallClock
    /// No question is asked after this much time has passed; one already asked may add at most
    /// the resolver's own bound.
    public let timeLimit: TimeInterval

    /// Questions per check at most: SPF's limit of 10 lookups with MX hosts and both address
    /// families stays well below it.
    static let questionLimit = 60

    public init(resolver: any DNSResolver, clock: any WallClock = SystemClock(), timeLimit: TimeInterval = 15) {
        self.resolver = resolver
        self.clock = clock
        self.timeLimit = timeLimit
    }

    /// The findings for `profile`'s sender address, with the DKIM selector the admin typed, if any.
    public func run(profile: Profile, dkimSelector: DNSName? = nil) -> [DomainFinding] {
        run(DomainRules(senderDomain: profile.senderEmail.domain, smtpHost: profile.host, dkimSelector: dkimSelector))
    }

    public func run(_ rules: DomainRules) -> [DomainFinding] {
        let deadline = clock.now().addingTimeInterval(timeLimit)
        var snapshot = DNSSnapshot()
        asking: while true {
            let questions = rules.questions(after: snapshot).sorted { $0.description < $1.description }
            if questions.isEmpty { break }
            for question in questions {
                guard clock.now() < deadline, snapshot.count < Self.questionLimit else {
                    snapshot.stoppedBecause = .timedOut
                    break asking
                }
                do {
                    snapshot[question] = .success(try resolver.lookup(question))
                } catch {
                    snapshot[question] = .failure(error)
                    if Self.serverIsDown(error) {
                        snapshot.stoppedBecause = error
                        break asking
                    }
                }
            }
        }
        return rules.findings(snapshot)
    }

    /// A failure that every further question would repeat. A timeout is not one: glibc reports a
    /// SERVFAIL for one name as a timeout too; the time limit bounds a silent server instead.
    private static func serverIsDown(_ error: DNSError) -> Bool {
        if case .unreachable = error { return true }
        return false
    }
}
