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
    /// Wakes the pass that sends a priority letter of `profile` committed at `now`: the
    /// profile's own, or, while it cannot send, the pass of the reserve that carries its letters
    /// (`ReserveRoute`). Nothing is woken when no profile may send the letter now (broken, or
    /// paused): the letter waits in the queue for the runs that follow.
    func wake(for profile: Profile, in db: Database, now: Date) {
        if profile.state.effective(at: now) == .ok {
            wake(profileID: profile.id)
            return
        }
        guard let links = try? ProfileStore(db).reserveLinks(),
            let carrier = ReserveRoute.carrier(of: profile.id, links: links, now: now), carrier != profile.id,
            links[carrier]?.state.effective(at: now) == .ok
        else { return }
        wake(profileID: carrier)
    }

    /// Wakes the pass of letter `id`'s profile when the letter is a queued priority letter
    /// (the panel's «Повторить» of a failed priority letter).
    public func wake(forLetter id: Int64, in db: Database, now: Date) throws {
        guard let letter = try OutboxStore(db).find(id: id), letter.priority, letter.status == .queued,
            let profileID = letter.profileID, let profile = try ProfileStore(db).find(id: profileID)
        else { return }
        wake(for: profile, in: db, now: now)
    }

    /// Wakes `profileID`'s pass when a priority letter of it is due (the panel's «Повторить все
    /// неотправленные», which may put priority letters back).
    public func wake(forProfile profileID: Int64, in db: Database, now: Date) throws {
        guard !(try OutboxStore(db).dueIDs(profileID: profileID, priority: true, now: now, limit: 1).isEmpty),
            let profile = try ProfileStore(db).find(id: profileID)
        else { return }
        wake(for: profile, in: db, now: now)
    }
}
