import ArgumentParser
import ArticleIndex
import Foundation
import VietnameseText

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index, with or without accents.",
        discussion: """
        Words are ANDed; "quoted phrase", OR, -exclude, prefix* and (groups) work as usual.
        Unaccented words match every accented form (nong thon moi finds nông thôn mới); accented
        words rank their exact form first. With no index at the default path, one is built from seeds/.
        In a shell, quote an excluded phrase whole, minus sign included: '-"nâng cao"' (bash turns
        -"nâng cao" into -nâng cao, which excludes nâng and requires cao). An unknown --option is an
        error; a query word that starts with -- goes after --.
        Examples:
          vietsearch search nong thon moi
          vietsearch search '"nông thôn mới"' '-"nâng cao"' --strict
          vietsearch search --any "Trường hợp nào thì sinh viên có thể gửi đơn xin thôi học?"
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, jsonl }
    enum Color: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    // Unrecognized dashes stay in the query, so `-word` excludes a word rather than failing as an option.
    @Argument(parsing: .allUnrecognized, help: "The query (several arguments are joined by spaces).")
    var query: [String] = []

    @OptionGroup var database: DatabaseOptions

    @Option(parsing: .unconditional, help: "Results per page.") var limit = 10
    @Option(parsing: .unconditional, help: "Results to skip.") var offset = 0
    @Option(help: "Output: text, json or jsonl.") var format: Format = .text
    @Flag(help: "Accented words match their exact form only.") var strict = false
    @Flag(help: "Match any of the words (for questions), best first.") var any = false
    @Flag(help: "Print whole paragraphs instead of snippets.") var full = false
    @Option(help: "Highlight with ANSI colour: auto, always or never.") var color: Color = .auto
    @Flag(help: "Read one query per line from stdin; write one JSON line per query.") var batch = false
    @OptionGroup var typing: TypingOptions

    func validate() throws {
        try rejectUnknownOptions(query, of: Self.self)
        if !batch && queryWords(query).isEmpty { throw ValidationError("give a query, or --batch to read queries from stdin") }
        if limit < 0 || offset < 0 { throw ValidationError("--limit and --offset must not be negative") }
    }

    func run() throws {
        try DefaultIndex.ensure(database.db)
        let searcher = try failing { try Searcher(path: database.db) }
        let options = SearchOptions(limit: limit, offset: offset, strict: strict, any: any)
        if batch {
            while let line = readLine() {
                do {
                    print(try JSONLine.encode(ResponseRecord(try searcher.search(typed(line), options: options))))
                } catch let error as IndexError {
                    print(try JSONLine.encode(["query": line, "error": error.localizedDescription]))
                }
            }
            return
        }
        let text = queryWords(query).joined(separator: " ")
        let response = try failing { try searcher.search(typed(text), options: options) }
        switch format {
        case .json: print(try JSONLine.encode(ResponseRecord(response)))
        case .jsonl: for r in response.results { print(try JSONLine.encode(ResultRecord(r))) }
        case .text: printText(response, searcher: searcher, typedAs: typed(text) == text ? nil : text)
        }
    }

    /// For an unaccented query of several plain words, the most common accented phrase present.
    func accentHint(_ query: String, searcher: Searcher) -> String? {
        guard !strict, !any, query.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == " ") }) else { return nil }
        let tokens = VietnameseText.tokens(query)
        // A sample of 50 passages: the hint costs 2–5 ms, where the 500 of `suggest` took 30–60.
        guard tokens.count >= 2, let top = try? searcher.suggester().suggest(query, sampleLimit: 50).suggestions.first,
              top.text != tokens.map(\.exact).joined(separator: " ") else { return nil }
        return "hint: most often written \"\(top.text)\"; exact matches only: vietsearch search --strict \(top.text)"
    }

    func typed(_ text: String) -> String { typing.typed(text) }

    private func printText(_ response: SearchResponse, searcher: Searcher, typedAs original: String?) {
        let marker = Marker(color: color)
        let ms = oneDecimal(response.seconds * 1000)
        let shown = response.results.isEmpty ? "" : ", showing \(response.offset + 1)–\(response.offset + response.results.count)"
        let keys = typing.telex ? "Telex" : "VNI"
        let typedNote = original.map { " (typed \($0), read as \(keys))" } ?? ""
        print("\(grouped(response.total)) matches for \(response.query)\(typedNote)\(shown) (\(ms) ms)")
        if let hint = accentHint(response.query, searcher: searcher) { print(hint) }
        for r in response.results {
            let text = full ? r.text : r.snippet
            let ranges = full ? r.highlights : r.snippetHighlights
            let where_ = r.paragraph == 0 ? "title" : "¶\(r.paragraph)"
            print("")
            print("\(r.rank). \(marker.bold(Self.shortTitle(r.article.title)))")
            print("   \(r.article.outlet.map { "\($0) · " } ?? "")\(r.article.source) \(where_)")
            print("   \(marker.mark(text, ranges))")
        }
    }
}

extension Search {
    /// Titles of some outlets run into the lead paragraph; show the first 100 characters.
    static func shortTitle(_ title: String) -> String {
        title.count <= 100 ? title : String(title.prefix(100)) + "…"
    }
}

extension SearchResponse {
    var offset: Int { results.first.map { $0.rank - 1 } ?? 0 }
}

/// Highlights matches with ANSI bold colour on a terminal, else with `**` markers.
struct Marker {
    let ansi: Bool

    init(color: Search.Color) {
        switch color {
        case .always: ansi = true
        case .never: ansi = false
        case .auto: ansi = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }

    func bold(_ s: String) -> String { ansi ? "\u{1B}[1m\(s)\u{1B}[0m" : s }

    /// `text` with each byte range wrapped in highlight markers.
    func mark(_ text: String, _ ranges: [Range<Int>]) -> String {
        let (open, close) = ansi ? ("\u{1B}[1;33m", "\u{1B}[0m") : ("**", "**")
        let utf8 = Array(text.utf8)
        var out: [UInt8] = [], at = 0
        for r in ranges where r.lowerBound >= at && r.upperBound <= utf8.count {
            out += utf8[at..<r.lowerBound] + Array(open.utf8) + utf8[r] + Array(close.utf8)
            at = r.upperBound
        }
        out += utf8[at...]
        return String(decoding: out, as: UTF8.self)
    }
}

/// The main job on a fresh checkout: build the default index from seeds/ the first time.
enum DefaultIndex {
    static let seeds = "seeds"

    static func ensure(_ db: String) throws {
        guard db == IndexStore.defaultPath, !FileManager.default.fileExists(atPath: db) else { return }
        printError("no index at \(db) yet: building it from \(seeds)/ (once)")
        _ = try failing { try IndexCommand.run(paths: [seeds], db: db, rebuild: false, prune: false, quiet: true) }
    }
}
