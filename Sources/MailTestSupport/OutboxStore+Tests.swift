public import Foundation
public import Storage

extension OutboxStore {
    /// Claims a letter for whichever profile it belongs to, as a run of this boot named `owner`
    /// would: tests set up claims by letter id.
    public func claim(id: Int64, owner: String, leaseUntil: Date, now: Date) throws -> StoredLetter? {
        guard let profileID = try find(id: id)?.profileID else { return nil }
        return try claim(
            ids: [id],
            profileID: profileID,
            by: Claimant(owner: owner, boot: Fixtures.boot),
            leaseUntil: leaseUntil,
            now: now
        ).first
    }
}
