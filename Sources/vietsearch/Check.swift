import ArgumentParser
import ArticleIndex
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the index: SQLite and FTS5 integrity, paragraph counts and content hashes.",
        discussion: "Prints each problem on a line of its own and exits 1 when there is any.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let problems = try IndexCheck.run(path: database.db, progress: { printError($0) })
        if problems.isEmpty {
            print("ok: \(database.db) passed every check")
            return
        }
        for p in problems { print("problem: \(p)") }
        printError("\(problems.count) problem(s) in \(database.db)")
        throw ExitCode.failure
    }
}
