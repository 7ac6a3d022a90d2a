public import Foundation
public import MailCore
public import Storage

/// Loads what `QueueForecast` needs and asks it: «когда уйдёт письмо» for `mailrobot-send
/// status`, «Обзор», «Журнал», the API and the alerts — the one forecast of them all.
public struct QueueForecasting {
    let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    /// The forecast at `now` of every profile, or of those whose letters or limits the letters of
    /// `profileID` may share: the profiles linked with it by reserves, or by a letter held for a
    /// reserve.
    ///
    /// Made as of its first run, the whole minute at or after `now` (cron's next): the letters due
    /// by then, and the sends the database holds in the 24 hours before it, so a send committed a
    /// moment after `now` counts. Asked at any moment before the same run, it is the same forecast:
    /// kept with the connection while nothing is committed, a page asked for again within the
    /// minute costs a lookup, not the simulation.
    public func forecast(now: Date, around profileID: Int64? = nil) throws -> QueueForecast {
        let firstRun = QueueForecast.firstRun(after: now)
        // One snapshot: the counts, the retries and the history agree with each other.
        return try db.read { db in
            // Kept without the connection that keeps it (a cycle would never close it): the queue's
            // order is given again on each use.
            try db.remembered("forecast", key: Kept(around: profileID, firstRun: firstRun)) {
                try Self.forecast(db, now: firstRun, around: profileID).reading(Unread())
            }
            .reading(OutboxStore(db))
        }
    }

    /// What a kept forecast was made for.
    private struct Kept: Hashable {
        let around: Int64?
        let firstRun: Date
    }

    /// The queue's order while a forecast waits with its connection: never asked, since the
    /// forecast is given back reading the connection again.
    private struct Unread: QueueOrder {
        struct NotAttached: Error {}

        func count(before key: QueueKey, in source: ForecastSource, isPriority: Bool) throws -> Int {
            throw NotAttached()
        }

        func count(after key: QueueKey, in source: ForecastSource, isPriority: Bool, limit: Int) throws -> Int {
            throw NotAttached()
        }

        func key(
            at index: Int,
            merging tails: [(source: ForecastSource, offset: Int)],
            isPriority: Bool
        ) throws -> QueueKey? {
            throw NotAttached()
        }
    }

    private static func forecast(_ db: Database, now: Date, around profileID: Int64?) throws -> QueueForecast {
        let outbox = OutboxStore(db)
        let profileStore = ProfileStore(db)
        var profiles = try profileStore.all()
        let via = try outbox.waitingVia(now: now)
        if let profileID {
            let linked = Self.linked(to: profileID, profiles: profiles, via: via)
            profiles.removeAll { !linked.contains($0.id) }
        }
        var letters: [ForecastSource: WaitingQueue] = [:]
        for profile in profiles {
            let own = try outbox.waitingOwn(profileID: profile.id, now: now)
            let fixed = try outbox.waitingFixed(profileID: profile.id, now: now)
            letters[ForecastSource(profileID: profile.id, kind: .movable)] = own.removing(fixed)
            letters[ForecastSource(profileID: profile.id, kind: .fixed)] = fixed
        }
        let chosen = Set(profiles.map(\.id))
        for group in via where chosen.contains(group.profileID) {
            letters[ForecastSource(profileID: group.profileID, kind: .via(group.reserveID))] = group.letters
        }
        // Only a profile that may send waiting letters needs its sends: one with letters, or along
        // the chain of reserves of one (a queue with nothing waiting reads no history at all).
        let reserves = Dictionary(profiles.map { ($0.id, $0.reserveID) }, uniquingKeysWith: { first, _ in first })
        var senders: Set<Int64> = []
        for (source, queue) in letters where queue.totals.total > 0 {
            var next: Int64? = source.profileID
            if case .via(let reserveID) = source.kind { next = reserveID }
            while let id = next, senders.insert(id).inserted { next = reserves[id] ?? nil }
        }
        let forecastProfiles = try profiles.map { profile in
            ForecastProfile(
                id: profile.id,
                limits: profile.limits,
                state: profile.state,
                reserveID: profile.reserveID,
                history: senders.contains(profile.id)
                    ? try outbox.sendHistory(profileID: profile.id, now: now) : [],
                lastRegularBatchAt: try profileStore.lastRegularBatch(id: profile.id)
            )
        }
        return try QueueForecast(profiles: forecastProfiles, letters: letters, order: outbox, now: now)
    }

    /// When the queued letter `id` (of `profileID`, its class, next attempt and group as given) is
    /// expected to leave in `forecast`; nil when it will not at the current limits and states.
    public func expectedAt(
        id: Int64,
        profileID: Int64,
        priority: Bool,
        nextAttemptAt: Date,
        kind: ForecastSource.Kind,
        in forecast: QueueForecast
    ) throws -> Date? {
        try forecast.expectedAt(
            ForecastSource(profileID: profileID, kind: kind),
            key: QueueKey(nextAttemptAt: nextAttemptAt, id: id),
            isPriority: priority
        )
    }

    /// When one letter is expected to leave (the API's `expected_at`); nil when it is not queued
    /// or will not leave at the current limits and states.
    public func expectedAt(_ letter: StoredLetter, now: Date) throws -> Date? {
        guard letter.status == .queued, let profileID = letter.profileID else { return nil }
        return try db.read { _ in
            try expectedAt(
                id: letter.id,
                profileID: profileID,
                priority: letter.priority,
                nextAttemptAt: letter.nextAttemptAt,
                kind: Self.kind(via: letter.viaProfileID, fixed: letter.possibleDuplicate || letter.isTest),
                in: try forecast(now: now, around: profileID)
            )
        }
    }

    /// The group of a queued letter (`ForecastSource`): held for the reserve `via`, never moving
    /// (`fixed`: «возможен дубль», a test letter), or free to move.
    public static func kind(via: Int64?, fixed: Bool) -> ForecastSource.Kind {
        if let via { return .via(via) }
        return fixed ? .fixed : .movable
    }

    /// The profiles linked with `profileID` by reserves, or by letters held for a reserve, in
    /// either direction.
    private static func linked(
        to profileID: Int64,
        profiles: [Profile],
        via: [(profileID: Int64, reserveID: Int64, letters: WaitingQueue)]
    ) -> Set<Int64> {
        var neighbours: [Int64: [Int64]] = [:]
        func link(_ a: Int64, _ b: Int64) {
            neighbours[a, default: []].append(b)
            neighbours[b, default: []].append(a)
        }
        for profile in profiles { if let reserve = profile.reserveID { link(profile.id, reserve) } }
        for group in via { link(group.profileID, group.reserveID) }
        var found: Set<Int64> = [profileID]
        var next = [profileID]
        while let id = next.popLast() {
            for neighbour in neighbours[id] ?? [] where found.insert(neighbour).inserted { next.append(neighbour) }
        }
        return found
    }
}
