import CSQLite
import Foundation
import TestSupport
import Testing
@testable import ArticleIndex

/// The C boundary: statements, pointer values, result codes and what a failure says.
@Suite struct DatabaseTests {
    /// A statement holds its connection: kept beyond the last `Database` reference, it still runs
    /// (with an unowned reference it trapped, or read a closed handle).
    @Test func statementKeepsItsConnectionOpen() throws {
        func prepared() throws -> Statement {
            let db = try Database(path: ":memory:")
            return try db.prepare("SELECT 41 + 1")
        }
        let statement = try prepared()
        #expect(try statement.step())
        #expect(statement.int(0) == 42)
    }

    /// A pointer SQLite refuses to bind is an error, not a NULL that would make a search find nothing.
    @Test func refusedPointerBindThrows() throws {
        let db = try Database(path: ":memory:")
        let statement = try db.prepare("SELECT ?1")
        var value = 0
        try withUnsafeMutablePointer(to: &value) { pointer in
            let error = #expect(throws: IndexError.self) {
                try statement.bind(pointer: pointer, at: 2, type: RowidCollector.pointerType)
            }
            guard case .sqlite(let failure)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(failure.code ~= .range)
            #expect(failure.operation == "binding pointer parameter 2 of SELECT ?1")
            try statement.bind(pointer: pointer, at: 1, type: RowidCollector.pointerType)
        }
    }

    /// Every SQLite failure names what was running: the SQL of `execute`, `prepare` and `step`.
    @Test func failuresNameTheirOperation() throws {
        let db = try Database(path: ":memory:")
        for attempt in [{ try db.execute("SELECT * FROM missing_table") },
                        { _ = try db.prepare("SELECT  *\n FROM   missing_table") }] {
            do {
                try attempt()
                Issue.record("no error")
            } catch let error as IndexError {
                guard case .sqlite(let failure) = error else { Issue.record("\(error)"); continue }
                #expect(failure.code ~= .error)
                #expect(failure.operation == "SELECT * FROM missing_table")
                #expect(failure.path == ":memory:")
                #expect(error.localizedDescription.contains("no such table: missing_table"))
                #expect(error.localizedDescription.hasSuffix("[SELECT * FROM missing_table]"))
            }
        }
        try db.execute("CREATE TABLE t(x INTEGER CHECK (x > 0))")
        let insert = try db.prepare("INSERT INTO t(x) VALUES (?)")
        let error = #expect(throws: IndexError.self) { try insert.run(.int(-1)) }
        guard case .sqlite(let failure)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(failure.code ~= ResultCode(rawValue: SQLITE_CONSTRAINT))
        #expect(failure.operation == "INSERT INTO t(x) VALUES (?)")
    }

    /// Extended result codes (SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE) match their primary code by name.
    @Test func extendedCodesMatchTheirPrimaryCode() {
        #expect(ResultCode(rawValue: 8 | 4 << 8) ~= .readOnly)
        #expect(ResultCode(rawValue: 10 | 3 << 8) ~= .ioError)
        #expect(!(ResultCode(rawValue: 10 | 3 << 8) ~= .full))
        #expect(ResultCode.full.description == "database or disk is full")
    }

    /// A failure while indexing names the article and where it was read, after what SQLite said.
    @Test func indexingFailureNamesTheArticle() {
        let failure = SQLiteFailure(code: .full, message: "database or disk is full", path: "x.sqlite", operation: "COMMIT")
        let error = IndexError.whileIndexing(article: "a-1", location: "in.jsonl:7", error: .sqlite(failure))
        #expect(error.localizedDescription
            == "the disk is full while writing x.sqlite; free some space and run again (what was committed is kept) [COMMIT] (indexing article \"a-1\" from in.jsonl:7)")
        #expect(error.resultCode == .full)
    }
}
