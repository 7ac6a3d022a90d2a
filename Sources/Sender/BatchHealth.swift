import Foundation
import MailCore
import Storage

/// What one batch showed about its profile, recorded once at its end (`ProfilePass`): when a
/// letter last went, and the failure that ended the batch, if it was the profile's (not a pause
/// or a refused login, which are states of their own).
struct BatchHealth {
    var lastSentAt: Date?
    var failure: (text: String, at: Date)?

    mutating func note(_ action: LetterAction, at now: Date) {
        switch action {
        case .markSent:
            lastSentAt = now
        case .retry(_, let failure, _), .fail(let failure):
            if failure.endsTheBatch { self.failure = (failure.description, now) }
        case .profileBroken, .pauseProfile:
            break
        }
    }

    /// Records what the batch showed, in one transaction that does not wait for the disk: a
    /// power cut can only take back a state in words, never a letter's outcome.
    func record(profileID: Int64, in db: Database) throws {
        guard lastSentAt != nil || failure != nil else { return }
        try db.write(synced: false) { db in
            let profiles = ProfileStore(db)
            if let lastSentAt { try profiles.recordSuccess(id: profileID, at: lastSentAt) }
            if let failure { try profiles.recordFailure(id: profileID, failure: failure.text, at: failure.at) }
        }
    }
}
