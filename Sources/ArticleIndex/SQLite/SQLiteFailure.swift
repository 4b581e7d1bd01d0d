/// What SQLite said when an operation failed: its code and message, the database file, and the
/// operation, the SQL (shortened to one line) or the step that was running.
public struct SQLiteFailure: Equatable, Sendable {
    public var code: ResultCode
    public var message: String
    public var path: String
    public var operation: String

    public init(code: ResultCode, message: String, path: String, operation: String) {
        self.code = code
        self.message = message
        self.path = path
        self.operation = operation
    }

    /// `sql` as one line of at most `limit` characters, for an error message.
    static func summary(ofSQL sql: String, limit: Int = 100) -> String {
        let line = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return line.count <= limit ? line : line.prefix(limit - 1) + "…"
    }
}
