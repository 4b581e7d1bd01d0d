import CSQLite

/// An SQLite result code, extended or primary, with names for those VietSearch tells apart.
/// Compare with `~=` or `primary`: an extended code (`SQLITE_READONLY_DBMOVED`) is its primary
/// code (`readOnly`) in its low byte.
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let ok = ResultCode(rawValue: SQLITE_OK)
    public static let error = ResultCode(rawValue: SQLITE_ERROR)
    public static let busy = ResultCode(rawValue: SQLITE_BUSY)
    public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    public static let noMemory = ResultCode(rawValue: SQLITE_NOMEM)
    public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
    public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    public static let full = ResultCode(rawValue: SQLITE_FULL)
    public static let cannotOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    public static let mismatch = ResultCode(rawValue: SQLITE_MISMATCH)
    public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
    public static let range = ResultCode(rawValue: SQLITE_RANGE)
    public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)

    /// The primary code: the low byte.
    public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

    /// SQLite's own words for the code (`sqlite3_errstr`).
    public var description: String { String(cString: sqlite3_errstr(rawValue)) }

    /// True when `code`'s primary code is `pattern` (`case .readOnly:` matches every read-only code).
    public static func ~= (pattern: ResultCode, code: ResultCode) -> Bool { code.primary == pattern.primary }
}
