public import struct Foundation.Date
public import typealias Foundation.TimeInterval

/// What the reserve rules need to know of one profile: its state and the profile it names as
/// its reserve («Резервный профиль»), if any.
public struct ReserveLink: Sendable, Equatable {
    public var state: ProfileState
    public var reserveID: Int64?

    public init(state: ProfileState, reserveID: Int64?) {
        self.state = state
        self.reserveID = reserveID
    }
}

/// Why a profile cannot be named as another's reserve.
public enum ReserveProblem: Error, Sendable, Equatable {
    /// A profile is never its own reserve.
    case itself
    /// The chosen profile does not exist (any more).
    case unknown
    /// The chosen profile's chain of reserves comes back to this profile.
    case loop

    /// The message next to the field.
    public var message: LocalizedText {
        switch self {
        case .itself:
            LocalizedText(
                ru: "Профиль не может быть резервным сам для себя.",
                en: "A profile cannot be its own reserve."
            )
        case .unknown:
            LocalizedText(
                ru: "Такого профиля нет — выберите профиль из списка.",
                en: "There is no such profile: choose one from the list."
            )
        case .loop:
            LocalizedText(
                ru: "Этот профиль сам (или через свои резервные) ссылается на этот — получится круг.",
                en: "That profile names this one as its reserve (directly or through its reserves): a loop."
            )
        }
    }
}

/// The rules of «Резервный профиль» (DESIGN.md §6, issue 14), pure, with the moment a parameter.
///
/// A profile may name another as its reserve; chains are allowed, loops and a profile naming
/// itself are not. While a profile is broken (its login was refused), or paused for longer than
/// the next cron pass, its due letters go out through its reserve; when the reserve cannot send
/// either, through the reserve's reserve, and so on: the first profile along the chain that can.
public enum ReserveRoute {
    /// How often cron starts a pass: a pause that ends before the next one does not move letters.
    public static let cronPeriod: TimeInterval = 60

    /// True when the letters of a profile in `state` should go through its reserve at `now`:
    /// the profile is broken, or paused until after the next cron pass.
    public static func needsReserve(_ state: ProfileState, now: Date) -> Bool {
        switch state.effective(at: now) {
        case .ok: false
        case .broken: true
        case .paused(let until, _): until > now.addingTimeInterval(cronPeriod)
        }
    }

    /// The profile that sends `profileID`'s due letters at `now`: the profile itself when it
    /// can, else the first profile along its chain of reserves that can; nil when none can (the
    /// letters wait). A loop in `links` (which the store never writes) ends the walk.
    public static func carrier(of profileID: Int64, links: [Int64: ReserveLink], now: Date) -> Int64? {
        var current = profileID
        var seen: Set<Int64> = []
        while let link = links[current], seen.insert(current).inserted {
            guard needsReserve(link.state, now: now) else { return current }
            guard let next = link.reserveID else { return nil }
            current = next
        }
        return nil
    }

    /// The passes a run makes for `profileIDs` (the profiles with work) at `now`: each of them,
    /// and the carrier of each that cannot send itself, by id, once each.
    public static func passes(for profileIDs: [Int64], links: [Int64: ReserveLink], now: Date) -> [Int64] {
        var passes = Set(profileIDs)
        for id in profileIDs {
            if let carrier = carrier(of: id, links: links, now: now) { passes.insert(carrier) }
        }
        return passes.sorted()
    }

    /// The profiles whose due letters `carrierID` sends for them at `now`, by id.
    public static func borrowers(of carrierID: Int64, links: [Int64: ReserveLink], now: Date) -> [Int64] {
        links.keys.filter { $0 != carrierID && carrier(of: $0, links: links, now: now) == carrierID }.sorted()
    }

    /// Why `reserveID` cannot be the reserve of `profileID` (nil: a new profile), given each
    /// profile's current reserve in `reserves`; nil when it can.
    public static func problem(
        profile profileID: Int64?,
        reserve reserveID: Int64,
        reserves: [Int64: Int64?]
    )
        -> ReserveProblem?
    {
        if reserveID == profileID { return .itself }
        guard reserves[reserveID] != nil else { return .unknown }
        guard let profileID else { return nil }
        var current: Int64? = reserveID
        var seen: Set<Int64> = []
        while let id = current, seen.insert(id).inserted {
            if id == profileID { return .loop }
            current = reserves[id] ?? nil
        }
        return nil
    }

    /// The profiles `profileID` may name as its reserve, in the order of `reserves`' keys
    /// sorted: every other profile whose chain does not come back to it.
    public static func choices(for profileID: Int64?, reserves: [Int64: Int64?]) -> [Int64] {
        reserves.keys.sorted().filter { problem(profile: profileID, reserve: $0, reserves: reserves) == nil }
    }
}
