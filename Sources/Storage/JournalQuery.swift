/// The SQL that lists the letters of a `JournalFilter`, newest first.
///
/// A page first picks its ids, then reads those rows: with one of status, profile, event or
/// date the ids come from that column's index alone (no letter row is read until the page's
/// own), so a page costs the same with a million letters as with a hundred. A date range alone
/// sorts the ids of its range (a day's letters in a millisecond; a year of a million letters in
/// about 0.2 s); with another filter, that filter's index leads and the dates are checked on
/// the rows it yields. A recipient text is looked up in the trigram index `letters_search`, which
/// drives the query newest first and stops at the end of the page.
struct JournalQuery {
    let sql: String
    let arguments: [any SQLBindable]

    /// The columns of a `JournalEntry`.
    static let columns = """
        l.id AS id, l.profile_id AS profile_id, l.profile_name AS profile_name, l.event AS event,
        l.to_address AS to_address, l.to_name AS to_name, l.subject AS subject, l.status AS status,
        l.attempts AS attempts, l.next_attempt_at AS next_attempt_at, l.last_reply AS last_reply,
        l.possible_duplicate AS possible_duplicate, l.created_at AS created_at, l.sent_at AS sent_at,
        l.sent_profile_name AS sent_profile_name, l.via_reserve AS via_reserve, l.priority AS priority,
        l.via_profile_id AS via_profile_id, l.is_test AS is_test
        """

    /// Up to `limit` letters with an id below `before`.
    static func page(_ filter: JournalFilter, before: Int64?, limit: Int) -> JournalQuery {
        let ids = selection(filter, before: before, output: "l.id")
        return JournalQuery(
            sql: """
                SELECT \(columns) FROM letters AS l
                WHERE l.id IN (\(ids.sql) LIMIT ?) ORDER BY l.id DESC
                """,
            arguments: ids.arguments + [limit]
        )
    }

    /// Every matching letter (the export reads them one at a time).
    static func all(_ filter: JournalFilter) -> JournalQuery {
        selection(filter, before: nil, output: columns)
    }

    /// `SELECT output … ORDER BY id DESC` over the letters of `filter` below `before`.
    private static func selection(_ filter: JournalFilter, before: Int64?, output: String) -> JournalQuery {
        var conditions: [String] = []
        var arguments: [any SQLBindable] = []
        let source: String
        let idColumn: String
        if let recipient = filter.recipient {
            // The full-text index walks its matches newest first; each is joined to its letter.
            source = "letters_search CROSS JOIN letters AS l ON l.id = letters_search.rowid"
            idColumn = "letters_search.rowid"
            conditions.append("letters_search MATCH ?")
            arguments.append(phrase(recipient))
        } else if filter.status == nil && filter.profileID == nil && filter.event == nil
            && (filter.createdFrom != nil || filter.createdBefore != nil)
        {
            // Only a date range: read that range of the index and sort its ids, rather than walk
            // every newer letter back to the range (which the planner may prefer, to skip the sort).
            source = "letters AS l INDEXED BY letters_created"
            idColumn = "l.id"
        } else {
            source = "letters AS l"
            idColumn = "l.id"
        }
        func add(_ condition: String, _ value: any SQLBindable) {
            conditions.append(condition)
            arguments.append(value)
        }
        if let before { add("\(idColumn) < ?", before) }
        if let status = filter.status { add("l.status = ?", status.rawValue) }
        if let profileID = filter.profileID { add("l.profile_id = ?", profileID) }
        if let event = filter.event { add("l.event = ?", event) }
        if let from = filter.createdFrom { add("l.created_at >= ?", from) }
        if let until = filter.createdBefore { add("l.created_at < ?", until) }
        if filter.hidesTests { conditions.append("l.is_test = 0") }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return JournalQuery(
            sql: "SELECT \(output) FROM \(source)\(whereClause) ORDER BY \(idColumn) DESC",
            arguments: arguments
        )
    }

    /// The text as one FTS5 phrase: matched as a substring, every character literal. NUL is
    /// left out: no address or name holds one, and FTS5 would treat it as the end of the phrase.
    static func phrase(_ text: String) -> String {
        var quoted = "\""
        for character in text where character != "\0" {
            quoted.append(character)
            if character == "\"" { quoted.append(character) }
        }
        return quoted + "\""
    }
}
