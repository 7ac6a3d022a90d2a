import Foundation
public import Logging
public import MailCore
public import Storage

/// Tells the admins when a profile fails and when it works again (issue 13, «Кому сообщать о
/// сбоях»): at the end of cron's pass, `AlertRule` compares each profile's state with the state
/// last announced, and each change is announced once — a priority letter to every address of the
/// alert settings through a healthy profile (never the failing one), and a JSON POST to the
/// webhook.
///
/// A change is recorded, and its letters queued, in one transaction that first checks the stored
/// state is still the one the rule saw: of two overlapping runs only one announces it. The
/// webhook is POSTed after the commit, with a timeout, never inside a transaction.
public struct AlertCheck {
    let database: Database
    let clock: any WallClock
    let webhook: (any WebhookPoster)?
    let logger: Logger

    public init(database: Database, clock: any WallClock, webhook: (any WebhookPoster)?, logger: Logger) {
        self.database = database
        self.clock = clock
        self.webhook = webhook
        self.logger = logger
    }

    /// What a check announced.
    public struct Outcome: Sendable {
        /// The changes announced, in profile order.
        public var announced: [AlertChange] = []
        /// The profiles alert letters were queued for (their passes may send them now).
        public var carriers: [Int64] = []
        /// One line each: an alert that reached nobody, a webhook that failed.
        public var problems: [String] = []
    }

    /// A queued alert's webhook body, POSTed once the change is committed.
    private struct Pending {
        let change: AlertChange
        let json: String
    }

    /// Compares every profile with what was announced, and announces each change.
    public func run() throws -> Outcome {
        var outcome = Outcome()
        let store = AlertStore(database)
        let settings = try store.settings()
        guard settings.isActive else { return outcome }
        let now = clock.now()
        let profiles = try ProfileStore(database).all()
        let announced = try store.announced()
        var current: [Int64: AlertState] = [:]
        var queued: [Int64: (priority: Int, regular: Int)] = [:]
        // The forecast of «Обзор» and `status`, read once and only when a letter waits.
        var forecast: QueueForecast?
        for profile in profiles {
            let counts = try OutboxStore(database).queuedCount(profileID: profile.id)
            queued[profile.id] = counts
            let last = announced[profile.id] ?? .ok
            current[profile.id] = try AlertRule.state(
                of: profile.state,
                lastAlerted: last,
                horizon: TimeInterval(settings.hours * 3600),
                now: now
            ) { horizon in
                guard counts.priority + counts.regular > 0 else { return true }
                let loaded = try forecast ?? QueueForecasting(database).forecast(now: now)
                forecast = loaded
                return switch try loaded.end(of: profile.id) {
                case .nothingWaits: true
                case .at(let end): end <= now.addingTimeInterval(horizon)
                case .never: false
                }
            }
        }
        let time = OperatorTime(timeZone: try SettingsStore(database).timeZone())
        var pending: [Pending] = []
        for profile in profiles {
            guard
                let change = AlertRule.change(
                    profileID: profile.id,
                    lastAlerted: announced[profile.id] ?? .ok,
                    current: current[profile.id] ?? .ok
                )
            else { continue }
            let counts = queued[profile.id] ?? (0, 0)
            let message = AlertMessage(change, facts: facts(profile, counts, settings, now: now, time: time))
            let carrier = Self.carrier(for: change, among: profiles, states: current)
            let recorded = try database.write { db -> Bool in
                guard try AlertStore(db).record(change, at: now) else { return false }
                if let carrier, !settings.recipients.isEmpty {
                    try queueLetters(message, to: settings.recipients, through: carrier, in: db)
                }
                return true
            }
            guard recorded else { continue }
            logger.info(
                "alert announced",
                metadata: ["profile.id": "\(profile.id)", "alert.from": "\(change.from)", "alert.to": "\(change.to)"]
            )
            outcome.announced.append(change)
            if let carrier, !settings.recipients.isEmpty, !outcome.carriers.contains(carrier.id) {
                outcome.carriers.append(carrier.id)
            }
            if carrier == nil, !settings.recipients.isEmpty {
                outcome.problems.append(
                    "alert about profile \(profile.name) (\(change.to.rawValue)): no healthy profile to send the letter"
                        + (settings.webhook == nil ? "; nobody was told" : "; the webhook alone")
                )
            }
            pending.append(Pending(change: change, json: message.json))
        }
        if let url = settings.webhook, let webhook {
            for alert in pending {
                let result = webhook.post(alert.json, to: url)
                guard !result.isAccepted else { continue }
                outcome.problems.append("alert webhook \(url.shownForm): \(Self.describe(result))")
                logger.error(
                    "alert webhook failed",
                    metadata: ["webhook": "\(url.shownForm)", "profile.id": "\(alert.change.profileID)"]
                )
            }
        }
        return outcome
    }

    /// The profile an alert letter goes through: one that may send now and is not the subject —
    /// a working one before one falling behind, the default first, then by number; for a recovery
    /// with no other, the recovered profile itself. Nil: none may send.
    static func carrier(for change: AlertChange, among profiles: [Profile], states: [Int64: AlertState]) -> Profile? {
        let usable = profiles.filter { states[$0.id] == .ok || states[$0.id] == .slow }
        let ordered = usable.sorted { a, b in
            let (aOK, bOK) = (states[a.id] == .ok, states[b.id] == .ok)
            if aOK != bOK { return aOK }
            if a.isDefault != b.isDefault { return a.isDefault }
            return a.id < b.id
        }
        return ordered.first { $0.id != change.profileID } ?? (change.isRecovery ? ordered.first : nil)
    }

    private func queueLetters(
        _ message: AlertMessage,
        to recipients: [EmailAddress],
        through carrier: Profile,
        in db: Database
    )
        throws
    {
        let enqueuer = Enqueuer(database: db, clock: clock)
        for recipient in recipients {
            var request = LetterRequest(to: recipient.address)
            request.subject = message.subject
            request.text = message.text
            request.priority = true
            request.profile = carrier.name
            do {
                _ = try enqueuer.enqueue(request)
            } catch let refusal as EnqueueRefusal {
                logger.error("alert letter refused", metadata: ["to": "\(recipient)", "reason": "\(refusal)"])
            }
        }
    }

    private func facts(
        _ profile: Profile,
        _ queued: (priority: Int, regular: Int),
        _ settings: AlertSettings,
        now: Date,
        time: OperatorTime
    ) -> AlertMessage.Facts {
        let condition = ProfileCondition(of: profile, now: now)
        var pausedUntil = ""
        if case .paused(let until, _) = condition { pausedUntil = time.string(until) }
        let timestamp = ISO8601DateFormatter().string(from: now)
        return AlertMessage.Facts(
            profileID: profile.id,
            profileName: profile.name,
            host: profile.host,
            reply: condition.reply.isEmpty ? "" : OutcomeText(recorded: condition.reply).text(.en),
            queuedPriority: queued.priority,
            queuedRegular: queued.regular,
            hours: settings.hours,
            pausedUntil: pausedUntil,
            time: time.string(now),
            timestamp: timestamp
        )
    }

    private static func describe(_ outcome: WebhookOutcome) -> String {
        switch outcome {
        case .answered(let status, let excerpt): "the server answered HTTP \(status) \(excerpt)"
        case .failed(let reason): reason
        }
    }
}
