import ArgumentParser
import ArticleIndex
import Foundation

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Show what the index holds.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let stats = try IndexStatistics.read(path: database.db)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(stats), as: UTF8.self))
        } else {
            print("""
            index       \(database.db)
            articles    \(grouped(stats.articles))
            paragraphs  \(grouped(stats.paragraphs))
            terms       \(grouped(stats.terms)) distinct folded words (\(grouped(stats.exactTerms)) exact forms)
            size        \(String(format: "%.1f", Double(stats.bytes) / 1e6)) MB on disk
            tokenizer   version \(stats.tokenizer)
            indexed     \(stats.lastIndexed ?? "never")
            """)
        }
    }
}
