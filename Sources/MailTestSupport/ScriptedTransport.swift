public import MailCore
import Synchronization

/// A `MailTransport` that answers from a script instead of a network: each send takes the next
/// result (`.sent`, `451`, `535` …). A send beyond the script is recorded in `unexpectedSends`
/// and answered with a 554, so a test that did not plan for it fails.
public final class ScriptedTransport: MailTransport {
    fileprivate struct State {
        var script: [DeliveryResult]
        var delivered: [(account: SMTPAccount, letter: OutgoingLetter)] = []
        var sessions = 0
        var unexpected = 0
        var onSend: (@Sendable (Int) -> Void)?
        var onClose: (@Sendable () -> Void)?
    }

    fileprivate let state: Mutex<State>
    private let fallback: DeliveryResult?

    /// `fallback` answers every send once the script is used up (nil: such a send is unexpected).
    public init(_ script: [DeliveryResult] = [], fallback: DeliveryResult? = nil) {
        state = Mutex(State(script: script))
        self.fallback = fallback
    }

    /// A transport that accepts everything.
    public static func acceptingAll() -> ScriptedTransport {
        ScriptedTransport(fallback: .sent(reply: SMTPReply(code: 250, enhancedCode: "2.0.0", text: "OK queued")))
    }

    public func openSession(_ account: SMTPAccount) -> any MailSession {
        state.withLock { $0.sessions += 1 }
        return Session(transport: self, account: account)
    }

    /// Runs `body` as each letter is handed over, before its result is given, with how many
    /// letters went before it: to act in the middle of a batch (queue another letter, copy the
    /// database files as a power cut would leave them).
    public func onSend(_ body: @escaping @Sendable (Int) -> Void) {
        state.withLock { $0.onSend = body }
    }

    /// Runs `body` when a session closes (the end of a profile's turn, still under its lock).
    public func onClose(_ body: @escaping @Sendable () -> Void) {
        state.withLock { $0.onClose = body }
    }

    /// Letters handed to a session, in order, with the account they went through.
    public var sent: [OutgoingLetter] { state.withLock { $0.delivered.map(\.letter) } }
    public var accounts: [SMTPAccount] { state.withLock { $0.delivered.map(\.account) } }
    public var sessionsOpened: Int { state.withLock { $0.sessions } }
    public var unexpectedSends: Int { state.withLock { $0.unexpected } }

    fileprivate func next(_ letter: OutgoingLetter, account: SMTPAccount) -> DeliveryResult {
        let (hook, count) = state.withLock { ($0.onSend, $0.delivered.count) }
        hook?(count)
        return state.withLock { state in
            state.delivered.append((account, letter))
            if !state.script.isEmpty { return state.script.removeFirst() }
            if let fallback { return fallback }
            state.unexpected += 1
            return .failed(.dataRefused(reply: SMTPReply(code: 554, text: "unexpected send in test")), dataSent: false)
        }
    }

    private final class Session: MailSession {
        let transport: ScriptedTransport
        let account: SMTPAccount
        private(set) var transcript = Transcript()

        init(transport: ScriptedTransport, account: SMTPAccount) {
            self.transport = transport
            self.account = account
        }

        func send(_ letter: OutgoingLetter) -> DeliveryResult {
            let result = transport.next(letter, account: account)
            transcript.append(.client, "MAIL FROM:<\(letter.envelopeFrom.address)>")
            return result
        }

        func close() {
            transport.state.withLock { $0.onClose }?()
        }
    }
}

extension SMTPReply {
    /// `250 2.0.0 OK`, the usual acceptance.
    public static let ok = SMTPReply(code: 250, enhancedCode: "2.0.0", text: "OK")
}
