import Foundation

/// Errors a user can meet, each with one short message that says what to do.
public enum IndexError: LocalizedError, Equatable {
    case cannotOpen(path: String, reason: String)
    case notAnIndex(path: String)
    case newerSchema(path: String, found: Int, known: Int)
    case olderSchema(path: String, found: Int, known: Int)
    case tokenizerMismatch(path: String, found: Int, current: Int)
    case sqlite(code: Int32, message: String, path: String)
    case indexLocked(path: String)
    case noIndex(path: String)
    case readOnly(path: String)
    case query(String)

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
        case .sqlite(let code, let message, let path):
            Self.describe(code: code, message: message, path: path)
        case .indexLocked(let path):
            "another `vietsearch index` is writing \(path); wait for it to finish and run again"
        case .noIndex(let path):
            "no index at \(path); build one with `vietsearch index [PATH ...] --db \(path)`"
        case .readOnly(let path):
            "cannot write the index \(path): the folder or file is read-only; choose another --db"
        case .query(let message):
            message
        }
    }

    static func describe(code: Int32, message: String, path: String) -> String {
        switch code & 0xFF {
        case 13: "the disk is full while writing \(path); free some space and run again (what was committed is kept)"
        case 8: "cannot write the index \(path): it is read-only; choose another --db"
        case 26: "\(path) is not a VietSearch index (\(message)); choose another --db"
        case 11: "the index \(path) is damaged (\(message)); run `vietsearch check`, then `vietsearch index --rebuild`"
        case 5, 6: "the index \(path) stayed busy for 10 s (\(message)); try again"
        default: "SQLite error on \(path): \(message)"
        }
    }
}
