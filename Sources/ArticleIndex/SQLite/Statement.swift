import CSQLite
import Foundation

/// A prepared statement, reset and reused.
///
/// It holds its connection: SQLite requires a connection to outlive its statements, and a
/// statement kept beyond its `Database` would otherwise point at a closed handle.
public final class Statement {
    let stmt: OpaquePointer
    let database: Database

    init(_ stmt: OpaquePointer, database: Database) {
        self.stmt = stmt
        self.database = database
    }

    deinit { sqlite3_finalize(stmt) }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    public func bind(_ values: [Value]) throws {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
        for (i, v) in values.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch v {
            case .int(let x): rc = sqlite3_bind_int64(stmt, index, x)
            case .real(let x): rc = sqlite3_bind_double(stmt, index, x)
            case .null: rc = sqlite3_bind_null(stmt, index)
            case .text(let s): rc = sqlite3_bind_text(stmt, index, s, -1, Self.transient)
            }
            if rc != SQLITE_OK { throw database.error(rc, operation: "binding parameter \(index) of \(sql)") }
        }
    }

    /// Binds `pointer` to parameter `index` as an SQLite pointer value of type `type` (a C string
    /// that lives forever), for an extension function on the same connection to read back.
    /// Throws if SQLite refuses: an unbound pointer would read as NULL, and a search would
    /// silently find nothing.
    func bind(pointer: UnsafeMutableRawPointer, at index: Int32, type: UnsafePointer<CChar>) throws {
        let rc = sqlite3_bind_pointer(stmt, index, pointer, type, nil)
        if rc != SQLITE_OK { throw database.error(rc, operation: "binding pointer parameter \(index) of \(sql)") }
    }

    /// The statement's SQL, on one line (for error messages).
    var sql: String { SQLiteFailure.summary(ofSQL: sqlite3_sql(stmt).map { String(cString: $0) } ?? "") }

    public func bind(_ values: Value...) throws { try bind(values) }

    /// Advances to the next row; false when done.
    public func step() throws -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        let err = database.error(rc, operation: sql)
        sqlite3_reset(stmt)
        throw err
    }

    /// Ends the current run early, letting go of what it holds (a reader's snapshot of the file).
    public func reset() { sqlite3_reset(stmt) }

    /// Steps until done.
    public func run(_ values: Value...) throws {
        try bind(values)
        while try step() {}
    }

    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(stmt, column) }
    public func double(_ column: Int32) -> Double { sqlite3_column_double(stmt, column) }
    public func blob(_ column: Int32) -> [UInt8] {
        guard let p = sqlite3_column_blob(stmt, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(stmt, column))))
    }

    /// Binds bytes to a parameter (copied by SQLite), without resetting the other bindings.
    public func bindBlob(_ index: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        let rc = sqlite3_bind_blob(stmt, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        if rc != SQLITE_OK { throw database.error(rc, operation: "binding parameter \(index) of \(sql)") }
    }

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(stmt, column) == SQLITE_NULL }
    public func text(_ column: Int32) -> String? {
        guard let p = sqlite3_column_text(stmt, column) else { return nil }
        let n = Int(sqlite3_column_bytes(stmt, column))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }
}
