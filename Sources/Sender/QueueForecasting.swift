public import Foundation
public import MailCore
public import Storage

/// Loads what `QueueForecast` needs for a profile and asks it: «когда уйдёт письмо» for
/// `mailrobot-send status`, «Обзор», «Журнал» and the API.
public struct QueueForecasting {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// The forecast of `profile`'s queue at `now`.
    public func forecast(for profile: Profile, now: Date) throws -> QueueForecast {
        let outbox = OutboxStore(db)
        let waiting = try outbox.waiting(profileID: profile.id, now: now)
        return QueueForecast(
            limits: profile.limits,
            state: profile.state,
            history: try outbox.sendHistory(profileID: profile.id, now: now).map {
                SendRecord(at: $0.at, isPriority: $0.priority)
            },
            lastRegularBatchAt: try ProfileStore(db).lastRegularBatch(id: profile.id),
            priority: waiting.priority,
            regular: waiting.regular,
            now: now
        )
    }

    /// When a queued letter is expected to leave; nil when it is not queued or will not leave at
    /// its profile's current limits and state (a broken profile). `forecasts` keeps each
    /// profile's forecast for the next letter of the same page.
    public func expectedAt(
        _ letter: StoredLetter,
        now: Date,
        forecasts: inout [Int64: QueueForecast]
    ) throws -> Date? {
        guard let rank = try OutboxStore(db).queueRank(of: letter), let profileID = letter.profileID else {
            return nil
        }
        if forecasts[profileID] == nil {
            guard let profile = try ProfileStore(db).find(id: profileID) else { return nil }
            forecasts[profileID] = try forecast(for: profile, now: now)
        }
        return forecasts[profileID]?.expectedAt(isPriority: letter.priority, rank: rank)
    }

    /// When one queued letter is expected to leave (the API's `expected_at`).
    public func expectedAt(_ letter: StoredLetter, now: Date) throws -> Date? {
        var forecasts: [Int64: QueueForecast] = [:]
        return try expectedAt(letter, now: now, forecasts: &forecasts)
    }
}
