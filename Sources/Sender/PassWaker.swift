public import Foundation
import MailCore
public import Storage

/// Starts a profile's pass at once, outside the caller, for a priority letter just committed
/// (DESIGN.md §6): the letter leaves within a second instead of at the next cron minute. Cron
/// stays the backbone: a wake-up that is lost only delays the letter.
///
/// `PassSpawner` is the real one; tests give a fake that counts.
public protocol PassWaker: Sendable {
    /// Asks for a pass of `profileID` now and returns at once. Never fails the caller: a
    /// wake-up that cannot be given is logged, and cron sends the letter.
    func wake(profileID: Int64)
}

extension PassWaker {
    /// Wakes `profile`'s pass for a priority letter committed at `now`, unless the profile may
    /// send nothing now (broken, or paused): no wake-up sends through it, and the letter waits
    /// in the queue for the runs that follow.
    func wake(for profile: Profile, now: Date) {
        guard profile.state.effective(at: now) == .ok else { return }
        wake(profileID: profile.id)
    }

    /// Wakes the pass of letter `id`'s profile when the letter is a queued priority letter
    /// (the panel's «Повторить» of a failed priority letter).
    public func wake(forLetter id: Int64, in db: Database, now: Date) throws {
        guard let letter = try OutboxStore(db).find(id: id), letter.priority, letter.status == .queued,
            let profileID = letter.profileID, let profile = try ProfileStore(db).find(id: profileID)
        else { return }
        wake(for: profile, now: now)
    }

    /// Wakes `profileID`'s pass when a priority letter of it is due (the panel's «Повторить все
    /// неотправленные», which may put priority letters back).
    public func wake(forProfile profileID: Int64, in db: Database, now: Date) throws {
        guard !(try OutboxStore(db).dueIDs(profileID: profileID, priority: true, now: now, limit: 1).isEmpty),
            let profile = try ProfileStore(db).find(id: profileID)
        else { return }
        wake(for: profile, now: now)
    }
}
