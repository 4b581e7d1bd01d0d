import ArgumentParser
import ArticleIndex
import Foundation
import VietnameseText

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index, with or without accents.",
        discussion: """
        Words are ANDed; "quoted phrase", OR, -exclude, prefix* and (groups) work as usual. \
        A query without accents matches every accented form (nong thon moi finds nông thôn \
        mới), its likeliest reading first (gia lai: the province before giá lại). A query \
        with accents ranks the words as typed first, a word without marks as its level tone \
        (Sơn La before Sơn là), and counts them apart; --strict keeps only those. With no \
        index at the default path, one is built from seeds/.

        In a shell, quote an excluded phrase whole, minus sign included: '-"nâng cao"' (bash \
        turns -"nâng cao" into -nâng cao, which excludes nâng and requires cao). An unknown \
        --option is an error; a query word that starts with -- goes after --.

        Examples:
          vietsearch search nong thon moi
          vietsearch search giá xăng --sort date --since 2024-01-01
          vietsearch search '"nông thôn mới"' '-"nâng cao"' --strict
          vietsearch search --any "Khi nào sinh viên được thôi học?"

        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, jsonl }
    enum Color: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    // Unrecognized dashes stay in the query, so `-word` excludes a word rather than failing as an option.
    @Argument(parsing: .allUnrecognized, help: "The query (several arguments are joined by spaces).")
    var query: [String] = []

    @OptionGroup var database: DatabaseOptions

    @Option(parsing: .unconditional, help: "Results per page.") var limit = 10
    @Option(parsing: .unconditional, help: "Results to skip.") var offset = 0
    @Option(help: "Output: text, json or jsonl (default: text; with --batch, json).") var format: Format?
    @Flag(help: "Match every word as typed: its accents, or its level tone when it has none.") var strict = false
    @Flag(help: "Match any of the words (for questions), best first.") var any = false
    @Flag(help: "Print whole paragraphs instead of snippets.") var full = false
    @Option(help: "Highlight with ANSI colour: auto, always or never.") var color: Color = .auto
    @Flag(help: "Read one query per line from stdin and answer each (one JSON line by default).") var batch = false
    @Option(help: "relevance (best first) or date (newest article first, undated last; same counts).")
    var sort: SearchOptions.Sort = .relevance

    /// The output format asked for, or the default.
    var output: Format { format ?? (batch ? .json : .text) }
    @OptionGroup var typing: TypingOptions
    @OptionGroup var filters: FilterOptions
    @Option(help: ArgumentHelp("At most N passages per article, its best.", valueName: "n")) var perArticle: Int?
    @Flag(help: "Count every match. (A search of two frequent words stops counting at 1,000 and says \"at least\".)")
    var countAll = false

    func validate() throws {
        try rejectUnknownOptions(query, of: Self.self)
        if !batch && queryWords(query).isEmpty { throw ValidationError("give a query, or --batch to read queries from stdin") }
        if limit < 0 || offset < 0 { throw ValidationError("--limit and --offset must not be negative") }
        if let perArticle, perArticle < 1 { throw ValidationError("--per-article must be at least 1") }
    }

    func run() throws {
        try DefaultIndex.ensure(database.db)
        let searcher = try Searcher(path: database.db)
        var options = SearchOptions(limit: limit, offset: offset, strict: strict, any: any, filter: filters.filter,
                                    perArticle: perArticle, sort: sort)
        options.countAll = countAll
        let unmet = try searcher.unmet(options.filter)
        filters.warn(unmet)
        if batch {
            // One answer per query line, in the --format asked for (JSON by default); blank lines are skipped.
            while let line = readLine() {
                guard line.contains(where: { !$0.isWhitespace }) else { continue }
                do {
                    let response = try searcher.search(typed(line), options: options)
                    try write(response, searcher: searcher, typedAs: typed(line) == line ? nil : line, batch: true, unmet: unmet)
                } catch let error as IndexError {
                    if output == .text {
                        print("error: \(error.localizedDescription)\n")
                    } else {
                        print(try JSONLine.encode(["query": line, "error": error.localizedDescription]))
                    }
                }
            }
            return
        }
        let text = queryWords(query).joined(separator: " ")
        let response = try searcher.search(typed(text), options: options)
        try write(response, searcher: searcher, typedAs: typed(text) == text ? nil : text, batch: false, unmet: unmet)
    }

    private func write(_ response: SearchResponse, searcher: Searcher, typedAs original: String?, batch: Bool,
                       unmet: [SearchFilter.Unmet]) throws {
        switch output {
        case .json: print(try JSONLine.encode(ResponseRecord(response, unmet: unmet)))
        case .jsonl: for r in response.results { print(try JSONLine.encode(ResultRecord(r))) }
        case .text:
            printText(response, searcher: searcher, typedAs: original)
            if batch { print("") }
        }
    }

    /// For an unaccented query of several plain words, the reading its results are ranked by
    /// (the likeliest the index holds), when it has accents, as a command for its exact matches.
    func accentHint(_ response: SearchResponse) -> String? {
        guard !strict, !any, response.query.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == " ") }),
              let reading = response.reading else { return nil }
        let words = reading.split(separator: " ").map(String.init)
        guard words.count >= 2, words.contains(where: { $0.unicodeScalars.contains { !$0.isASCII } }) else { return nil }
        let command = (["vietsearch", "search", "--strict"] + optionArguments() + ["--"] + words)
            .map(shellQuoted).joined(separator: " ")
        return "hint: most often written \"\(reading)\", shown first; exact matches only: \(command)"
    }

    /// The options given, as arguments, so that a suggested command runs on the same index with the same output.
    func optionArguments() -> [String] {
        var out: [String] = []
        if database.db != IndexStore.defaultPath { out += ["--db", database.db] }
        if limit != 10 { out += ["--limit", String(limit)] }
        if offset != 0 { out += ["--offset", String(offset)] }
        if let format { out += ["--format", format.rawValue] }
        if full { out.append("--full") }
        if color != .auto { out += ["--color", color.rawValue] }
        for o in filters.outlet { out += ["--outlet", o] }
        for c in filters.category { out += ["--category", c] }
        if let since = filters.since { out += ["--since", since] }
        if let until = filters.until { out += ["--until", until] }
        if let perArticle { out += ["--per-article", String(perArticle)] }
        if sort != .relevance { out += ["--sort", sort.rawValue] }
        if countAll { out.append("--count-all") }
        return out
    }

    func typed(_ text: String) -> String { typing.typed(text) }

    private func printText(_ response: SearchResponse, searcher: Searcher, typedAs original: String?) {
        let marker = Marker(color: color)
        let ms = oneDecimal(response.seconds * 1000)
        let shown = response.results.isEmpty ? "" : ", showing \(response.offset + 1)–\(response.offset + response.results.count)"
        let keys = typing.telex ? "Telex" : "VNI"
        let typedNote = original.map { " (typed \($0), read as \(keys))" } ?? ""
        print("\(Self.countLine(response))\(typedNote)\(shown) (\(ms) ms)")
        if let hint = accentHint(response) { print(hint) }
        for r in response.results {
            let text = full ? r.text : r.snippet
            let ranges = full ? r.highlights : r.snippetHighlights
            let where_ = r.paragraph == 0 ? "title" : "¶\(r.paragraph)"
            print("")
            print("\(r.rank). \(marker.bold(Self.shortTitle(r.article.title)))")
            let day = r.article.date.flatMap(ArticleDate.day).map { "\($0) · " } ?? ""
            print(Marker.displayable(Array("   \(r.article.outlet.map { "\($0) · " } ?? "")\(day)\(r.article.source) \(where_)".utf8)[...]))
            print("   \(marker.mark(text, ranges))")
        }
    }
}

extension Search {
    /// `5,089 matches for Đảng (107,200 with any tone)`: for a query typed with marks, the passages
    /// holding it as typed (they come first) and those holding its words with any tone.
    /// Lower bounds say so, each count its own: `at least 1,000 matches for "Hà Nội" (18,572 with
    /// any tone)`.
    static func countLine(_ response: SearchResponse) -> String {
        func about(_ lowerBound: Bool) -> String { lowerBound ? "at least " : "" }
        guard let exact = response.exactTotal, let anyTone = response.anyToneTotal, exact != anyTone else {
            return "\(about(response.totalIsLowerBound))\(matches(response.total)) for \(response.query)"
        }
        return "\(about(response.exactTotalIsLowerBound))\(matches(exact)) for \(response.query) "
            + "(\(about(response.anyToneTotalIsLowerBound))\(grouped(anyTone)) with any tone)"
    }

    static func matches(_ n: Int) -> String { "\(grouped(n)) \(n == 1 ? "match" : "matches")"
    }

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

    func bold(_ s: String) -> String {
        let shown = Self.displayable(Array(s.utf8)[...])
        return ansi ? "\u{1B}[1m\(shown)\u{1B}[0m" : shown
    }

    /// `text` with each byte range wrapped in highlight markers, a phrase as one (`MatchMarks.phrases`).
    func mark(_ text: String, _ ranges: [Range<Int>]) -> String {
        let (open, close) = ansi ? ("\u{1B}[1;33m", "\u{1B}[0m") : ("**", "**")
        let utf8 = Array(text.utf8)
        var out = "", at = 0
        for r in MatchMarks.phrases(ranges, in: utf8) where r.lowerBound >= at && r.upperBound <= utf8.count {
            out += Self.displayable(utf8[at..<r.lowerBound]) + open + Self.displayable(utf8[r]) + close
            at = r.upperBound
        }
        out += Self.displayable(utf8[at...])
        return out
    }

    /// Text safe for a terminal: control characters from the archive (U+0014 would show as `^T`,
    /// an ESC could change the terminal's state) become their visible symbols (␔), C1 controls �.
    /// Only the display changes; JSON and exports keep the text byte for byte.
    static func displayable(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        for s in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch s.value {
            case 0x09, 0x0A: scalars.append(s)
            case 0x00..<0x20: scalars.append(Unicode.Scalar(0x2400 + s.value)!)
            case 0x7F: scalars.append("\u{2421}")
            case 0x80..<0xA0: scalars.append("\u{FFFD}")
            default: scalars.append(s)
            }
        }
        return String(scalars)
    }
}

/// The main job on a fresh checkout: build the default index from seeds/ the first time.
enum DefaultIndex {
    static let seeds = "seeds"

    static func ensure(_ db: String) throws {
        guard db == IndexStore.defaultPath, !FileManager.default.fileExists(atPath: db) else { return }
        printError("no index at \(db) yet: building it from \(seeds)/ (once)")
        _ = try IndexCommand.run(paths: [seeds], db: db, rebuild: false, prune: false, quiet: true)
    }
}

/// `word` as one shell word: as it is when it is safe, else in single quotes.
func shellQuoted(_ word: String) -> String {
    let safe = !word.isEmpty && word.unicodeScalars.allSatisfy { s in
        s.value >= 0x80 || (s.properties.isAlphabetic || ("0"..."9").contains(s) || "-_./:=,@+%".unicodeScalars.contains(s))
    }
    return safe ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
