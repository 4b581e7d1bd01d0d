import ArgumentParser
import ArticleIndex
import Foundation

struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "List the accented forms of unaccented words that the index holds, most frequent first.",
        usage: "vietsearch suggest [<options>] <words> ...",
        discussion: """
        One word gives its accented forms with passage counts (ban → bản · bạn · bán …); \
        several words give the accented phrases actually present (nong thon moi → nông thôn \
        mới). Accented syllables in the query are kept as typed. Re-run a search with the top \
        form and --strict for exact matches.

        """)

    @Argument(help: "The words.") var words: [String]
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Print one JSON object.") var json = false
    @OptionGroup var filters: FilterOptions

    func run() throws {
        try DefaultIndex.ensure(database.db)
        let started = Date()
        let suggester = try Suggester(path: database.db)
        filters.warn(try suggester.unmet(filters.filter))
        let result = try suggester.suggest(words.joined(separator: " "), filter: filters.filter)
        if json {
            print(try JSONLine.encode(result))
            return
        }
        let ms = oneDecimal(Date().timeIntervalSince(started) * 1000)
        if result.suggestions.isEmpty {
            print("no accented forms of \(result.query) in the index (\(ms) ms)")
            return
        }
        let list = result.suggestions.map { "\($0.text) \(grouped($0.count))" }.joined(separator: " · ")
        let sample = result.sampled ? " (counted in the first \(result.scanned) passages that hold it)" : ""
        print("\(result.query) → \(list)\(sample) (\(ms) ms)")
    }
}
