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

    /// When the queued letter `id` (of `profileID`, its class and next attempt as given) is
    /// expected to leave; nil when it will not leave at its profile's current limits and state (a
    /// broken profile). `forecasts` keeps each profile's forecast for the next letter of a page.
    public func expectedAt(
        id: Int64,
        profileID: Int64,
        priority: Bool,
        nextAttemptAt: Date,
        now: Date,
        forecasts: inout [Int64: QueueForecast]
    ) throws -> Date? {
        if forecasts[profileID] == nil {
            guard let profile = try ProfileStore(db).find(id: profileID) else { return nil }
            forecasts[profileID] = try forecast(for: profile, now: now)
        }
        let rank = try OutboxStore(db).queueRank(
            id: id,
            profileID: profileID,
            priority: priority,
            nextAttemptAt: nextAttemptAt
        )
        return forecasts[profileID]?.expectedAt(isPriority: priority, rank: rank)
    }

    /// When one letter is expected to leave (the API's `expected_at`); nil when it is not queued
    /// or will not leave at its profile's current limits and state.
    public func expectedAt(_ letter: StoredLetter, now: Date) throws -> Date? {
        guard letter.status == .queued, let profileID = letter.profileID else { return nil }
        var forecasts: [Int64: QueueForecast] = [:]
        return try expectedAt(
            id: letter.id,
            profileID: profileID,
            priority: letter.priority,
            nextAttemptAt: letter.nextAttemptAt,
            now: now,
            forecasts: &forecasts
        )
    }
}
