import Foundation

/// Errors a user can meet, each with one short message that says what to do. An SQLite failure
/// carries the operation that failed; while indexing, the article and where it was read.
public indirect enum IndexError: LocalizedError, Equatable {
    case cannotOpen(path: String, reason: String)
    case notAnIndex(path: String)
    case newerSchema(path: String, found: Int, known: Int)
    case olderSchema(path: String, found: Int, known: Int)
    case tokenizerMismatch(path: String, found: Int, current: Int)
    case sqlite(SQLiteFailure)
    case indexLocked(path: String)
    case noIndex(path: String)
    case readOnly(path: String)
    /// The folder that would hold the index could not be made, and why (`strerror`).
    case cannotCreateFolder(path: String, reason: String)
    /// A query that cannot be run as typed (no words, too many words).
    case query(String)
    /// An export's output could not be written.
    case output(path: String, reason: String)
    /// A failure while indexing one article (storing it, or committing the batch it ends): the
    /// article's id and where it was read (`file:line`).
    case whileIndexing(article: String, location: String, error: IndexError)

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open index \(path): \(reason)"
        case .notAnIndex(let path):
            "\(path) is not a VietSearch index (not an SQLite database, or another program's); choose another --db"
        case .newerSchema(let path, let found, let known):
            "\(path) has schema version \(found), newer than this vietsearch understands (\(known)); upgrade vietsearch or use another --db"
        case .olderSchema(let path, let found, let known):
            "\(path) has schema version \(found), older than this vietsearch's (\(known)); run `vietsearch index --db \(path)` once to upgrade it"
        case .tokenizerMismatch(let path, let found, let current):
            "\(path) was built with tokenizer version \(found), this vietsearch has version \(current); run `vietsearch index --rebuild`"
        case .sqlite(let failure):
            Self.describe(failure)
        case .indexLocked(let path):
            "another `vietsearch index` is writing \(path); wait for it to finish and run again"
        case .noIndex(let path):
            "no index at \(path); build one with `vietsearch index [PATH ...] --db \(path)`"
        case .readOnly(let path):
            "cannot write the index \(path): the folder or file is read-only; choose another --db"
        case .cannotCreateFolder(let path, let reason):
            "cannot create the folder \(path) for the index: \(reason); choose another --db"
        case .query(let message):
            message
        case .output(let path, let reason):
            "cannot write \(path): \(reason)"
        case .whileIndexing(let article, let location, let error):
            "\(error.errorDescription ?? "\(error)") (indexing article \"\(article.prefix(80))\" from \(location))"
        }
    }

    /// What the user can do about a failure, then the operation that failed.
    static func describe(_ f: SQLiteFailure) -> String {
        let advice = switch f.code {
        case .full: "the disk is full while writing \(f.path); free some space and run again (what was committed is kept)"
        case .readOnly: "cannot write the index \(f.path): it is read-only; choose another --db"
        case .notADatabase: "\(f.path) is not a VietSearch index (\(f.message)); choose another --db"
        case .corrupt: "the index \(f.path) is damaged (\(f.message)); run `vietsearch check`, then `vietsearch index --rebuild`"
        case .busy, .locked: "the index \(f.path) stayed busy for 10 s (\(f.message)); try again"
        default: "SQLite error on \(f.path): \(f.message)"
        }
        return f.operation.isEmpty ? advice : advice + " [\(f.operation)]"
    }

    /// The SQLite result code, when this is (or wraps) an SQLite failure.
    public var resultCode: ResultCode? {
        switch self {
        case .sqlite(let f): f.code
        case .whileIndexing(_, _, let error): error.resultCode
        default: nil
        }
    }

    /// The POSIX error number behind a Foundation error, if there is one.
    static func posixCode(_ error: any Error) -> Int32? {
        let ns = error as NSError
        let underlying = (ns.userInfo[NSUnderlyingErrorKey] as? NSError) ?? ns
        return underlying.domain == NSPOSIXErrorDomain ? Int32(underlying.code) : nil
    }

    /// The system's words for a failed file operation (`strerror`), or Foundation's.
    static func systemReason(_ error: any Error) -> String {
        if let code = posixCode(error) { return String(cString: strerror(code)) }
        let ns = error as NSError
        return ((ns.userInfo[NSUnderlyingErrorKey] as? NSError) ?? ns).localizedDescription
    }
}
