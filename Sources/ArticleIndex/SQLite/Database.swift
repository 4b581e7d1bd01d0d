import CSQLite
import Foundation

/// A thin wrapper over one SQLite connection of the system library.
///
/// ```swift
/// let db = try Database(path: "index/articles.sqlite")
/// try db.execute("PRAGMA journal_mode=WAL")
/// ```
public final class Database {
    let handle: OpaquePointer
    public let path: String
    /// False for a connection someone else opened and will close (the loadable extension's host).
    private let owned: Bool

    /// Opens (and with `create`, creates) the database file, registering the FTS5 `viet` tokenizer
    /// and the `vrank` ranking function on the connection.
    public init(path: String, create: Bool = true, readOnly: Bool = false) throws {
        self.path = path
        var db: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw IndexError.cannotOpen(path: path, reason: message)
        }
        handle = db
        owned = true
        sqlite3_extended_result_codes(db, 1)
        // Readers and writers wait for each other rather than failing with "database is locked".
        sqlite3_busy_timeout(db, 10_000)
        try FTS5Extensions.register(on: self)
    }

    /// A connection opened elsewhere (the loadable extension's host), used but never closed here.
    /// Nothing is registered or configured on it.
    package init(borrowing handle: OpaquePointer, path: String) {
        self.handle = handle
        self.path = path
        owned = false
    }

    deinit { if owned { sqlite3_close_v2(handle) } }

    var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// The connection's last failure, `rc`, in `operation` (SQL or a step), as an `IndexError`.
    func error(_ rc: Int32, operation: String) -> IndexError {
        .sqlite(SQLiteFailure(code: ResultCode(rawValue: rc), message: errorMessage, path: path, operation: operation))
    }

    /// The same, for a statement: its SQL is the operation.
    func error(_ rc: Int32, sql: String) -> IndexError { error(rc, operation: SQLiteFailure.summary(ofSQL: sql)) }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? errorMessage
            sqlite3_free(message)
            throw IndexError.sqlite(SQLiteFailure(code: ResultCode(rawValue: rc), message: text, path: path,
                                                  operation: SQLiteFailure.summary(ofSQL: sql)))
        }
    }

    public func prepare(_ sql: String) throws -> Statement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc, sql: sql) }
        return Statement(stmt, database: self)
    }

    /// The first column of the first row, as an integer (0 when there is no row).
    public func scalar(_ sql: String, _ bindings: Value...) throws -> Int64 {
        let stmt = try prepare(sql)
        try stmt.bind(bindings)
        return try stmt.step() ? stmt.int(0) : 0
    }

    /// The first column of the first row, as text.
    public func text(_ sql: String, _ bindings: Value...) throws -> String? {
        let stmt = try prepare(sql)
        try stmt.bind(bindings)
        return try stmt.step() ? stmt.text(0) : nil
    }

    /// Runs `body` in an IMMEDIATE transaction, rolling back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Resets every statement of the connection that is part-way through its rows. A statement
    /// stepped once and left (a look-up by id, a `LIMIT` not read to the end) keeps its read
    /// transaction, and with it the WAL snapshot: a long-lived reader would never see another
    /// connection's commits, and the writer could not checkpoint past it.
    public func releaseSnapshot() {
        var statement = sqlite3_next_stmt(handle, nil)
        while let s = statement {
            if sqlite3_stmt_busy(s) != 0 { sqlite3_reset(s) }
            statement = sqlite3_next_stmt(handle, s)
        }
    }
}

extension Database {
    public var lastInsertRowid: Int64 { sqlite3_last_insert_rowid(handle) }
}
