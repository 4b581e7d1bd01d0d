import Foundation

/// Opens an index file with the settings every command shares, and migrates it.
public enum IndexStore {
    /// The default index, relative to the working directory.
    public static let defaultPath = "index/articles.sqlite"
    /// The schema version an index is migrated to (`PRAGMA user_version`).
    public static var schemaVersion: Int { Schema.migrations.count }

    /// Opens `path` for reading; it must exist and be a current index. With `readOnly`, the
    /// connection cannot write at all (SQLite's read-only mode; the loadable extension's searches).
    public static func openForReading(_ path: String, readOnly: Bool = false) throws -> Database {
        guard FileManager.default.fileExists(atPath: path) else { throw IndexError.noIndex(path: path) }
        let db = try Database(path: path, create: false, readOnly: readOnly)
        if readOnly {
            try db.execute("PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536")
        } else {
            try configure(db)
        }
        // Readers map the file (up to 1 GiB) instead of copying each page in with a read call: a
        // `vietsearch search` process, median of the 45 benchmark queries, 56 → 51 ms. Nothing
        // shrinks the file under a reader (no VACUUM; WAL checkpoints only rewrite pages).
        try db.execute("PRAGMA mmap_size=1073741824")
        try Schema.migrate(db, writable: false)
        return db
    }

    /// Opens or creates `path` for writing, creating its folder.
    public static func openForWriting(_ path: String, notes: (String) -> Void = { _ in }) throws -> Database {
        let folder = try createFolder(of: path)
        let exists = FileManager.default.fileExists(atPath: path)
        if !FileManager.default.isWritableFile(atPath: exists ? path : folder) && getuid() != 0 {
            throw IndexError.readOnly(path: path)
        }
        let db = try Database(path: path)
        try configure(db)
        // An index run writes in order and reads little back: 16 MB of page cache, not the 64 MB
        // searches keep. The corpus peaked at 153 MB with 64, 102 MB with 16, in no more time.
        try db.execute("PRAGMA cache_size=-16384")
        try Schema.migrate(db, writable: true, notes: notes)
        return db
    }

    /// Creates the folder that holds `path`, if missing, and returns it. A read-only place is
    /// `readOnly`; anything else (a file where a folder should be, a full disk) says what it is.
    @discardableResult
    static func createFolder(of path: String) throws -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            switch IndexError.posixCode(error) {
            case EACCES, EROFS, EPERM: throw IndexError.readOnly(path: path)
            default:
                // Foundation says "a file with the same name already exists" without naming it.
                var ancestor = URL(fileURLWithPath: folder)
                var isFolder: ObjCBool = false
                while ancestor.path != "/" {
                    if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder) && !isFolder.boolValue {
                        throw IndexError.cannotCreateFolder(path: folder, reason: "\(ancestor.path) is a file, not a folder")
                    }
                    ancestor.deleteLastPathComponent()
                }
                throw IndexError.cannotCreateFolder(path: folder, reason: IndexError.systemReason(error))
            }
        }
        return folder
    }

    static func configure(_ db: Database) throws {
        do {
            // WAL lets searches run while an index run writes.
            try db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536")
        } catch IndexError.sqlite(let f) where f.code ~= .notADatabase {
            throw IndexError.notAnIndex(path: db.path)
        } catch IndexError.sqlite(let f) where f.code ~= .readOnly || f.code ~= .cannotOpen {
            throw IndexError.readOnly(path: db.path)
        }
    }

    /// Removes an index file and its WAL companions.
    public static func remove(_ path: String) throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
