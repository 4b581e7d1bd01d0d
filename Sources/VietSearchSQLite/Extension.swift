import ArticleIndex
import CSQLite

/// The loadable extension's registration, called by `sqlite3_vietsearchsqlite_init` (extension.c)
/// once the SQLite API table is set: the `viet` tokenizer and `vrank` (as the CLI registers them),
/// `vfold` and `vexact`, and the `vsearch` table-valued function. Nothing here writes to a database.
@_cdecl("vietsearch_extension_register")
func registerExtension(_ db: OpaquePointer?, _ message: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guard let db else { return SQLITE_MISUSE }
    do {
        let path = sqlite3_db_filename(db, "main").map { String(cString: $0) } ?? ""
        try FTS5Extensions.register(on: Database(borrowing: db, path: path))
        var rc = TextFunctions.register(on: db)
        if rc == SQLITE_OK { rc = SearchTable.register(on: db) }
        if rc != SQLITE_OK { message?.pointee = sqliteString("VietSearch: cannot register its functions (SQLite error \(rc))") }
        return rc
    } catch {
        message?.pointee = sqliteString("VietSearch: \(error)")
        return SQLITE_ERROR
    }
}

/// A copy of `text` in memory from `sqlite3_malloc64`, as SQLite frees error messages.
func sqliteString(_ text: String) -> UnsafeMutablePointer<CChar>? {
    let bytes = Array(text.utf8)
    guard let raw = sqlite3_malloc64(UInt64(bytes.count + 1)) else { return nil }
    let out = raw.bindMemory(to: CChar.self, capacity: bytes.count + 1)
    for (i, b) in bytes.enumerated() { out[i] = CChar(bitPattern: b) }
    out[bytes.count] = 0
    return out
}

/// SQLite copies the text before the call returns.
let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
