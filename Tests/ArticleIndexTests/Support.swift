import Foundation
@testable import ArticleIndex

/// Paths of the checkout, found from this file so tests run from any working directory.
enum Paths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = tests.appendingPathComponent("Fixtures")
    static let root = tests.deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = root.appendingPathComponent("seeds")
}

/// Indexes `paths` into `db` and returns the summary and the warnings.
func index(_ paths: [String], db: String, prune: Bool = false) throws -> (IndexSummary, [Diagnostic]) {
    var warnings: [Diagnostic] = []
    let summary = try Indexer(path: db).run(paths: paths, prune: prune, diagnostics: { warnings.append($0) })
    return (summary, warnings)
}

/// Rows matching a raw FTS5 expression, through SQL MATCH on the real index.
func matchCount(_ db: String, _ expression: String) throws -> Int {
    let database = try IndexStore.openForReading(db)
    return Int(try database.scalar("SELECT count(*) FROM passages WHERE passages MATCH ?", .text(expression)))
}
