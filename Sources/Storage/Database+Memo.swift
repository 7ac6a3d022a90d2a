internal import CSQLite

extension Database {
    /// A value worked out from the database, the state it was worked out from, and the caller's
    /// key.
    struct Memo {
        let state: State
        let key: AnyHashable
        let value: Any
    }

    /// Where the database stands as this connection sees it: another connection's commit changes
    /// `PRAGMA data_version`, this connection's own changes `sqlite3_total_changes64`.
    struct State: Equatable {
        let dataVersion: Int64
        let ownChanges: Int64
    }

    /// The value `make` works out, kept with the connection and given again while nothing has been
    /// committed to the database since (by any connection) and `key` is the same: a page asked for
    /// again costs a lookup, not the work. Call it inside `read`, so the state and `make`'s reads
    /// are one snapshot. One value per `name`.
    public func remembered<Value>(_ name: String, key: AnyHashable, _ make: () throws -> Value) throws -> Value {
        let state = State(dataVersion: try integer("PRAGMA data_version"), ownChanges: sqlite3_total_changes64(handle))
        if let memo = memos[name], memo.state == state, memo.key == key, let value = memo.value as? Value {
            return value
        }
        let value = try make()
        memos[name] = Memo(state: state, key: key, value: value)
        return value
    }

    /// Drops every remembered value: a rollback takes back changes that `sqlite3_total_changes64`
    /// still counts and no other connection saw, so a value worked out inside the transaction
    /// (from its own writes) would otherwise be given again with the state it was made in.
    func forgetRemembered() {
        memos.removeAll()
    }
}
