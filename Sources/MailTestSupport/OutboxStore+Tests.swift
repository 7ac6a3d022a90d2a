public import Foundation
public import Storage

extension OutboxStore {
    /// Claims a letter for whichever profile it belongs to: tests set up claims by letter id.
    public func claim(id: Int64, owner: String, leaseUntil: Date, now: Date) throws -> StoredLetter? {
        guard let profileID = try find(id: id)?.profileID else { return nil }
        return try claim(id: id, profileID: profileID, owner: owner, leaseUntil: leaseUntil, now: now)
    }
}
