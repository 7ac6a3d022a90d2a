/// A text of the catalogue with named placeholders (`{count}`), and their values: the one way to
/// write such a text (`strings.text(.deleteMovesLetters(count: 3, defaultProfile: "Магазин"))`).
/// `Strings.text(_:)` fills them in, in one place.
enum Message: Sendable, Equatable {
    case deleteMovesLetters(count: Int, defaultProfile: String)
    case deleteReserveOf(profiles: String)
    case deleteMakeDefault(name: String)
    case eventEditTitle(name: String)
    case eventErrorTemplate(line: Int, reason: String)
    case eventErrorTooLong(max: Int)
    case eventFlashCreated(name: String)
    case eventFlashSaved(name: String)
    case flashCreated(name: String)
    case flashDefault(name: String)
    case flashDeleted(name: String)
    case flashSaved(name: String)
    case eventTemplateTooDeep(max: Int)
    case eventTemplateUnclosed(tag: String)
    case journalConfirmRetryFailedQuestion(count: Int, profile: String)
    case journalFlashRequeued(count: Int)
    case journalReserveNote(reserve: String, from: String)
    case journalRetryFailedAction(profile: String)
    case journalRetryFailedLink(count: Int, profile: String)
    case journalViaReserve(sender: String, profile: String)
    case journalExpected(time: String)
    case loginWait(seconds: Int)
    case overviewBar(day: String, sent: Int, failed: Int)
    case overviewChartSummary(sent: Int, failed: Int)
    case overviewColumnFailed(profile: String)
    case overviewColumnSent(profile: String)
    case overviewLastFailure(failure: String, time: String)
    case overviewNextSend(time: String)
    case overviewQueueEmptyBy(time: String)
    case overviewReserve(count: Int)
    case overviewThroughReserve(profile: String)
    case overviewUsage(sent: Int, max: Int)
    case overviewWaiting(regular: Int, priority: Int)
    case profileEditTitle(name: String)
    /// A name in the language's quotation marks: «Магазин», “Shop”.
    case quoted(name: String)
    case tokenCreated(name: String)
    case tokenFlashRevoked(name: String)
    case tokenStateRevoked(time: String)
    case usageToday(sent: Int, max: Int, priority: Int, priorityMax: Int)

    /// The text's key and the value of each of its placeholders.
    var parts: (key: TextKey, values: [(name: String, value: String)]) {
        switch self {
        case .deleteMovesLetters(let count, let profile):
            (.deleteMovesLetters, [("count", String(count)), ("default", profile)])
        case .deleteReserveOf(let profiles): (.deleteReserveOf, [("profiles", profiles)])
        case .deleteMakeDefault(let name): (.deleteMakeDefault, [("name", name)])
        case .eventEditTitle(let name): (.eventEditTitle, [("name", name)])
        case .eventErrorTemplate(let line, let reason):
            (.eventErrorTemplate, [("line", String(line)), ("reason", reason)])
        case .eventErrorTooLong(let max): (.eventErrorTooLong, [("max", String(max))])
        case .eventFlashCreated(let name): (.eventFlashCreated, [("name", name)])
        case .eventFlashSaved(let name): (.eventFlashSaved, [("name", name)])
        case .flashCreated(let name): (.flashCreated, [("name", name)])
        case .flashDefault(let name): (.flashDefault, [("name", name)])
        case .flashDeleted(let name): (.flashDeleted, [("name", name)])
        case .flashSaved(let name): (.flashSaved, [("name", name)])
        case .eventTemplateTooDeep(let max): (.eventTemplateTooDeep, [("max", String(max))])
        case .eventTemplateUnclosed(let tag): (.eventTemplateUnclosed, [("tag", tag)])
        case .journalConfirmRetryFailedQuestion(let count, let profile):
            (.journalConfirmRetryFailedQuestion, [("count", String(count)), ("profile", profile)])
        case .journalFlashRequeued(let count): (.journalFlashRequeued, [("count", String(count))])
        case .journalReserveNote(let reserve, let from): (.journalReserveNote, [("reserve", reserve), ("from", from)])
        case .journalRetryFailedAction(let profile): (.journalRetryFailedAction, [("profile", profile)])
        case .journalRetryFailedLink(let count, let profile):
            (.journalRetryFailedLink, [("count", String(count)), ("profile", profile)])
        case .journalViaReserve(let sender, let profile):
            (.journalViaReserve, [("sender", sender), ("profile", profile)])
        case .journalExpected(let time): (.journalExpected, [("time", time)])
        case .loginWait(let seconds): (.loginWait, [("seconds", String(seconds))])
        case .overviewBar(let day, let sent, let failed):
            (.overviewBar, [("day", day), ("sent", String(sent)), ("failed", String(failed))])
        case .overviewChartSummary(let sent, let failed):
            (.overviewChartSummary, [("sent", String(sent)), ("failed", String(failed))])
        case .overviewColumnFailed(let profile): (.overviewColumnFailed, [("profile", profile)])
        case .overviewColumnSent(let profile): (.overviewColumnSent, [("profile", profile)])
        case .overviewLastFailure(let failure, let time):
            (.overviewLastFailure, [("failure", failure), ("time", time)])
        case .overviewNextSend(let time): (.overviewNextSend, [("time", time)])
        case .overviewQueueEmptyBy(let time): (.overviewQueueEmptyBy, [("time", time)])
        case .overviewReserve(let count): (.overviewReserve, [("count", String(count))])
        case .overviewThroughReserve(let profile): (.overviewThroughReserve, [("profile", profile)])
        case .overviewUsage(let sent, let max): (.overviewUsage, [("sent", String(sent)), ("max", String(max))])
        case .overviewWaiting(let regular, let priority):
            (.overviewWaiting, [("regular", String(regular)), ("priority", String(priority))])
        case .profileEditTitle(let name): (.profileEditTitle, [("name", name)])
        case .quoted(let name): (.quoted, [("name", name)])
        case .tokenCreated(let name): (.tokenCreated, [("name", name)])
        case .tokenFlashRevoked(let name): (.tokenFlashRevoked, [("name", name)])
        case .tokenStateRevoked(let time): (.tokenStateRevoked, [("time", time)])
        case .usageToday(let sent, let max, let priority, let priorityMax):
            (
                .usageToday,
                [
                    ("sent", String(sent)), ("max", String(max)), ("priority", String(priority)),
                    ("priority_max", String(priorityMax)),
                ]
            )
        }
    }

    /// One of each case: `Strings.check` fills them all in every language at start, so a
    /// placeholder without a value, or a value without its placeholder, stops the start.
    static let samples: [Message] = [
        .deleteMovesLetters(count: 1, defaultProfile: "p"), .deleteReserveOf(profiles: "p"),
        .deleteMakeDefault(name: "n"), .eventEditTitle(name: "n"),
        .eventErrorTemplate(line: 1, reason: "r"), .eventErrorTooLong(max: 1), .eventFlashCreated(name: "n"),
        .eventFlashSaved(name: "n"), .eventTemplateTooDeep(max: 1),
        .eventTemplateUnclosed(tag: "t"), .flashCreated(name: "n"), .flashDefault(name: "n"),
        .flashDeleted(name: "n"), .flashSaved(name: "n"), .profileEditTitle(name: "n"),
        .journalConfirmRetryFailedQuestion(count: 1, profile: "p"), .journalFlashRequeued(count: 1),
        .journalRetryFailedAction(profile: "p"), .journalRetryFailedLink(count: 1, profile: "p"),
        .journalReserveNote(reserve: "r", from: "f"), .journalViaReserve(sender: "s", profile: "p"),
        .journalExpected(time: "t"), .loginWait(seconds: 1), .overviewBar(day: "d", sent: 1, failed: 1),
        .overviewChartSummary(sent: 1, failed: 1), .overviewColumnFailed(profile: "p"),
        .overviewColumnSent(profile: "p"), .overviewLastFailure(failure: "f", time: "t"),
        .overviewNextSend(time: "t"), .overviewQueueEmptyBy(time: "t"), .overviewReserve(count: 1),
        .overviewThroughReserve(profile: "p"), .overviewUsage(sent: 1, max: 1),
        .overviewWaiting(regular: 1, priority: 1), .quoted(name: "n"), .tokenCreated(name: "n"),
        .tokenFlashRevoked(name: "n"), .tokenStateRevoked(time: "t"),
        .usageToday(sent: 1, max: 1, priority: 1, priorityMax: 1),
    ]
}
