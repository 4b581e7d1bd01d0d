import Foundation
@testable import ArticleIndex

/// Paths of the checkout, found from this file so tests run from any working directory.
enum Paths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = tests.appendingPathComponent("Fixtures")
    static let root = tests.deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = root.appendingPathComponent("seeds")
}

/// A fresh temporary folder, removed when the value is dropped.
final class TemporaryFolder {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vietsearch-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ text: String) {
        let file = url.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! text.write(to: file, atomically: true, encoding: .utf8)
    }
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
