public import struct Foundation.Date

extension Profile {
    /// The profile's latest failure, for «Последний сбой»: the one a check or a run recorded, or
    /// the refused login that broke the profile, whichever came later; nil when nothing failed.
    /// A run records a refused login only as the profile's state, so without this a broken
    /// profile would read «Сбоев не было».
    public var latestFailure: (recorded: String, at: Date)? {
        let recorded = health.lastFailureAt.map { (recorded: health.lastFailure, at: $0) }
        guard case .broken(let reply, let since) = state, recorded.map({ since > $0.at }) ?? true else {
            return recorded
        }
        return (reply, since)
    }
}
