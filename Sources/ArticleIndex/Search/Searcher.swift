import CSQLite
import Foundation

/// Runs queries against an index, reusing one connection and its prepared statements.
///
/// ```swift
/// let searcher = try Searcher(path: "index/articles.sqlite")
/// let response = try searcher.search("nong thon moi")
/// ```
public final class Searcher {
    let db: Database
    private let page, inOrder, exactRows, articleInfo, paragraphText, storedFrequency, vocabulary, contextRows: Statement
    private let formCountStatement, topForm, formsOfWord: Statement
    private var readingSuggester: Suggester?
    /// Passages read to find the likeliest reading of an unaccented phrase.
    public static let readingSample = 50
    private var articleCache: (id: Int64, info: ArticleInfo)?
    private var passageCount: Int
    private var frequencies: [String: Int] = [:]
    /// SQLite's `data_version` when the caches below were filled: another connection's commit (an
    /// index run beside a long-lived searcher, as `vietsearch serve` keeps) changes it.
    private var dataVersion: Int64 = 0
    private let dataVersionStatement: Statement
    /// `--any` leaves out words found in more than this share of passages.
    public static let commonShare = 0.05
    /// Passage lengths for BM25 (`PassageLengths`), kept in one buffer that vrank borrows, read at
    /// the first query (1.5 MB for the corpus). Without them FTS5 would re-tokenize every matching row.
    private var lengths = UnsafeMutableBufferPointer<UInt16>(start: nil, count: 0)
    private var lengthsLoaded = false
    /// The passages a filter admits, one bit per passage id; the last filter's, kept.
    private var admitted: (filter: SearchFilter, bits: [UInt64])?
    /// The first passage id of every article, sorted, with the article id (for `--per-article`).
    private var articleStarts: [(passage: Int64, article: Int64)]?

    /// With `readOnly`, the connection is opened in SQLite's read-only mode.
    public init(path: String, readOnly: Bool = false) throws {
        db = try IndexStore.openForReading(path, readOnly: readOnly)
        // vrank keeps the best rows itself (`BestRows`); SQLite only drives it over every match.
        // Scores are never negative, so no row comes back. (FTS5 refuses vrank inside count().)
        page = try db.prepare("SELECT rowid FROM passages WHERE passages MATCH ?1 AND vrank(passages, ?2, ?3, ?6) < 0")
        inOrder = try db.prepare("""
            SELECT rowid, vrank(passages, ?2, ?3, ?6) FROM passages WHERE passages MATCH ?1 ORDER BY rowid LIMIT ?4 OFFSET ?5
            """)
        contextRows = try db.prepare(
            "SELECT ordinal, text FROM paragraphs WHERE article = ?1 AND id BETWEEN (SELECT passage FROM articles WHERE id = ?1) + ?2 AND (SELECT passage FROM articles WHERE id = ?1) + ?3 ORDER BY id")
        exactRows = try db.prepare("SELECT vcollect(exact, ?2) FROM exact WHERE exact MATCH ?1 LIMIT 1")
        vocabulary = try db.prepare("SELECT doc FROM \(try DocumentFrequencies.vocabulary(db)) WHERE term = ?")
        storedFrequency = try db.prepare("SELECT passages FROM terms WHERE term = ?")
        formCountStatement = try db.prepare("SELECT passages FROM forms WHERE folded = ?1 AND exact = ?2")
        formsOfWord = try db.prepare("SELECT count(*) FROM forms WHERE folded = ?1")
        topForm = try db.prepare("SELECT exact FROM forms WHERE folded = ?1 ORDER BY passages DESC, exact LIMIT 1")
        // Passage ids are dense, so the largest is the count near enough for `commonShare`;
        // count(*) would read whole tables on every start.
        passageCount = Int(try db.scalar(Self.passageCountSQL))
        dataVersionStatement = try db.prepare("PRAGMA data_version")

        articleInfo = try db.prepare("SELECT key, title, source, url, date, category, outlet FROM articles WHERE id = ?")
        paragraphText = try db.prepare("""
            SELECT article, ordinal, text FROM paragraphs WHERE id = ?1
            UNION ALL SELECT id, 0, title FROM articles WHERE passage = ?1
            """)
    }

    static let passageCountSQL = "SELECT max(coalesce((SELECT max(id) FROM paragraphs), 0), coalesce((SELECT max(passage) FROM articles), 0))"

    deinit { if lengthsLoaded { lengths.deallocate() } }

    /// Drops what was read from the index when another connection has written to it since.
    private func refreshIfChanged() throws {
        try dataVersionStatement.bind()
        let version = try dataVersionStatement.step() ? dataVersionStatement.int(0) : 0
        guard version != dataVersion else { return }
        if dataVersion != 0 {
            if lengthsLoaded { lengths.deallocate(); lengthsLoaded = false }
            frequencies = [:]
            admitted = nil
            articleStarts = nil
            articleCache = nil
            passageCount = Int(try db.scalar(Self.passageCountSQL))
        }
        dataVersion = version
    }

    /// An article by its id (the input's `id`, or the `.txt` path), with its paragraphs in order.
    public func article(key: String) throws -> (info: ArticleInfo, paragraphs: [String])? {
        defer { db.releaseSnapshot() }
        let find = try db.prepare("SELECT id FROM articles WHERE key = ?1")
        try find.bind(.text(key))
        guard try find.step() else { return nil }
        let id = find.int(0)
        guard let info = try article(id) else { return nil }
        return (info, try paragraphs(of: id, in: 1...Int(Int32.max)).map(\.text))
    }

    /// Where `query` matches in each of `texts`, as `search` marks a passage: UTF-8 byte ranges.
    public func marks(_ query: String, options: SearchOptions = SearchOptions(), in texts: [String]) throws -> [[Range<Int>]] {
        let parsed = try Query.parse(query, strict: options.strict)
        let highlighter = Highlighter(units: Self.units(parsed, options), strict: Self.asTypedOnly(parsed, options))
        return texts.map { highlighter.ranges(in: $0) }
    }

    /// Whether only the passages holding `query` as typed are matches: with `strict`, or for a
    /// query typed with marks unless `anyTone` (what `export` asks for).
    static func asTypedOnly(_ query: Query, _ options: SearchOptions) -> Bool {
        options.strict || (query.isTakenAsTyped && !options.anyTone)
    }

    /// The words and phrases a passage is marked with: the query's, or a question's loosened.
    static func units(_ query: Query, _ options: SearchOptions) -> [[Query.Term]] {
        (options.any ? query.loosened : query).positiveUnits
    }

    /// A `Suggester` on this searcher's connection.
    public func suggester() throws -> Suggester { try Suggester(database: db) }

    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws -> SearchResponse {
        defer { db.releaseSnapshot() }
        let started = Date()
        let ranked = try rankedHits(text, options: options, limit: options.limit, offset: options.offset)
        let (hits, compiled) = (ranked.hits, ranked.compiled)
        let highlighter = Highlighter(units: compiled.highlights, strict: compiled.strict)
        var results: [SearchResult] = []
        for (n, hit) in hits.enumerated() {
            guard let passage = try passage(hit.rowid) else { continue }
            let (ranges, words) = highlighter.scan(passage.text)
            let (snippet, snippetRanges) = Snippet.make(passage.text, highlights: ranges, tokens: words, words: options.snippetWords)
            results.append(SearchResult(rank: options.offset + n + 1, score: hit.score, article: passage.article,
                                        paragraph: passage.ordinal, text: passage.text, highlights: ranges,
                                        snippet: snippet, snippetHighlights: snippetRanges))
        }
        return SearchResponse(query: text, total: ranked.total, results: results, seconds: Date().timeIntervalSince(started),
                              exactTotal: ranked.counts?.exact, anyToneTotal: ranked.counts?.anyTone, reading: ranked.reading)
    }

    /// What `rankedHits` found: the hits asked for, the total, the compiled query, and the counts
    /// of a query typed with marks (as typed, any tone) or the reading of one typed without.
    struct Ranked {
        var hits: [(rowid: Int64, score: Double)]
        var total: Int
        var compiled: QueryCompiler.Compiled
        var counts: (exact: Int, anyTone: Int)?
        var reading: String?
    }

    /// Scores every match and returns `limit` of them (-1: all) from `offset`, best first or, with
    /// `byPassage`, in index order (article by article, paragraphs in order); and the total.
    func rankedHits(_ text: String, options: SearchOptions, limit: Int, offset: Int = 0, byPassage: Bool = false) throws -> Ranked {
        try refreshIfChanged()
        var query = try Query.parse(text, strict: options.strict)
        let typedWithMarks = query.isTakenAsTyped
        // A query with marks means what it says; `anyTone: false` keeps only that.
        let strict = Self.asTypedOnly(query, options)
        var reading: [String] = []
        let highlights = Self.units(query, options)
        // Questions are not read: reading them pair by pair, an exact match weighing its form's
        // IDF, was tried and cost 0.005 MRR@10 on the dev set (README, Quality).
        if !typedWithMarks && !options.any {
            query = try query.read { words in
                let read = try likeliestReading(words)
                reading += read ?? words.map(\.folded)
                return read
            }
        }
        let passages = Double(max(1, passageCount))
        var compiled = QueryCompiler.compile(query, strict: strict, any: options.any, commonShare: Self.commonShare,
            share: { Double((try? self.documentFrequency($0.folded)) ?? 0) / passages },
            // An accented word is as common as its exact form: `tín` is rare where `tin` is not.
            // A reading the index suggested is a guess: it does not change which words are common.
            exactShare: { term in
                guard typedWithMarks else { return nil }
                return term.exact.flatMap { try? self.exactFrequency(term.folded, $0) }.map { Double($0) / passages }
            })
        // Highlights follow what the user typed: an unaccented query marks every tone.
        compiled.highlights = highlights
        var hits: [(rowid: Int64, score: Double)] = []
        let statement = byPassage ? inOrder : page
        do {
            let exact = ExactSets()
            exact.documentFrequencies = try compiled.termWords.map { words in
                words.count == 1 && !words[0].prefix ? try documentFrequency(words[0].folded) : nil
            }
            if !lengthsLoaded {
                lengths = try PassageLengths.loadBuffer(db)
                lengthsLoaded = true
            }
            exact.lengths = UnsafeBufferPointer(lengths)
            exact.terms = try compiled.exactTerms.map { try $0.map(rowids) }
            exact.excluded = try compiled.exactExclusions.map(rowids)
            // Phrases typed with marks whose words the index holds in other forms too are checked
            // at their places (the exact table has no positions).
            if typedWithMarks && !options.any {
                exact.phraseForms = try compiled.termWords.enumerated().map { k, words in
                    guard words.count > 1, k < exact.terms.count, exact.terms[k] != nil,
                          words.allSatisfy({ $0.exact != nil && !$0.prefix }),
                          try words.contains(where: { try formCount($0.folded) > 1 }) else { return nil }
                    return words.map { Array($0.exact!.utf8) }
                }
            }
            exact.program = compiled.program
            exact.selectors = compiled.selectors
            exact.exactSelectors = compiled.exactSelectors
            exact.countsExact = typedWithMarks && !options.any
            if !options.filter.isEmpty { exact.admitted = try admittedPassages(options.filter) }
            let grouped = options.perArticle != nil
            if grouped && exact.countsExact { exact.exactRows = [] }
            // Grouping by article needs every match: the best page of passages is not the best page of articles.
            if !byPassage { exact.best = BestRows(capacity: limit < 0 || grouped ? nil : max(0, offset) + limit) }
            // The sets live in `exact` until this scope ends; vrank only borrows them.
            try withExtendedLifetime(exact) {
                let pointer = Unmanaged.passUnretained(exact).toOpaque()
                // In index order, NULL (dropped) rows are interleaved, so limits apply here instead.
                try statement.bind(.text(compiled.expression), .text(compiled.mode), .text(compiled.roles),
                                   .int(byPassage ? -1 : Int64(limit)), .int(byPassage ? 0 : Int64(max(0, offset))))
                try statement.bind(pointer: pointer, at: 6, type: ExactSets.pointerType)
                // Rows vrank drops (NULL) are not results; in rank order they sort last.
                var skip = byPassage ? max(0, offset) : 0
                while try statement.step() {
                    guard byPassage else { continue }
                    guard !statement.isNull(1) else { continue }
                    if !grouped {
                        if skip > 0 { skip -= 1; continue }
                        if limit >= 0 && hits.count >= limit { continue }
                    }
                    hits.append((statement.int(0), statement.double(1)))
                }
            }
            if let best = exact.best {
                hits = best.sorted().map { ($0.rowid, $0.score) }
                if !grouped { hits = Array(hits.dropFirst(max(0, offset))) }
            }
            let readingText = reading.isEmpty ? nil : reading.joined(separator: " ")
            guard let perArticle = options.perArticle else {
                // vrank has seen and counted every match.
                let counts = exact.countsExact ? (exact.exactScored, exact.anyTone) : nil
                return Ranked(hits: hits, total: exact.scored, compiled: compiled, counts: counts, reading: readingText)
            }
            hits = try keepBest(perArticle, perArticleOf: hits, inIndexOrder: byPassage)
            let total = hits.count
            var counts: (exact: Int, anyTone: Int)?
            if let rows = exact.exactRows, !strict {
                let asTyped = hits.count { SearchFilter.contains(rows, $0.rowid) }
                // Every kept passage is a match with any tone. (With strict, how many would be
                // kept with any tone is not known: no counts.)
                counts = (asTyped, total)
            }
            hits = Array(hits.dropFirst(max(0, offset)))
            if limit >= 0 { hits = Array(hits.prefix(limit)) }
            return Ranked(hits: hits, total: total, compiled: compiled, counts: counts, reading: readingText)
        } catch IndexError.sqlite(let f) where f.code ~= .error {
            throw IndexError.query("cannot search for \(text.prefix(80)): \(f.message)")
        }
    }

    /// The passages of the articles `filter` admits, one bit per passage id. One pass over the
    /// articles table (about 40 ms for the 72,950 articles of the corpus); the last one is kept.
    func admittedPassages(_ filter: SearchFilter) throws -> [UInt64] {
        if let admitted, admitted.filter == filter { return admitted.bits }
        let bits = try filter.passages(in: db)
        admitted = (filter, bits)
        return bits
    }

    /// The hits, in their order, with at most `n` per article: each article's best by score.
    /// Hits come best first, or with `inIndexOrder` by passage id (an article's passages together).
    func keepBest(_ n: Int, perArticleOf hits: [(rowid: Int64, score: Double)], inIndexOrder: Bool)
        throws -> [(rowid: Int64, score: Double)] {
        if articleStarts == nil {
            var starts: [(Int64, Int64)] = []
            let rows = try db.prepare("SELECT passage, id FROM articles ORDER BY passage")
            while try rows.step() { starts.append((rows.int(0), rows.int(1))) }
            articleStarts = starts
        }
        let starts = articleStarts!
        func article(_ rowid: Int64) -> Int64 {
            var lo = 0, hi = starts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid].passage <= rowid { lo = mid + 1 } else { hi = mid }
            }
            return lo > 0 ? starts[lo - 1].article : -1
        }
        if !inIndexOrder {
            // Best first: an article's first n hits are its best.
            var seen: [Int64: Int] = [:]
            seen.reserveCapacity(hits.count / 4)
            return hits.filter { hit in
                let a = article(hit.rowid), k = seen[a, default: 0]
                seen[a] = k + 1
                return k < n
            }
        }
        // In index order an article's hits are contiguous: keep the n best of each run, in place.
        var out: [(rowid: Int64, score: Double)] = []
        var i = 0
        while i < hits.count {
            let a = article(hits[i].rowid)
            var j = i + 1
            while j < hits.count && article(hits[j].rowid) == a { j += 1 }
            let run = hits[i..<j]
            if run.count <= n {
                out += run
            } else {
                let best = Set(run.sorted { $0.score > $1.score || ($0.score == $1.score && $0.rowid < $1.rowid) }.prefix(n).map(\.rowid))
                out += run.filter { best.contains($0.rowid) }
            }
            i = j
        }
        return out
    }

    /// One passage with its article: a paragraph, or (ordinal 0) a title.
    struct Passage {
        var articleID: Int64
        var article: ArticleInfo
        var ordinal: Int
        var text: String
    }

    func passage(_ rowid: Int64) throws -> Passage? {
        try paragraphText.bind(.int(rowid))
        guard try paragraphText.step() else { return nil }
        let articleID = paragraphText.int(0), ordinal = Int(paragraphText.int(1)), body = paragraphText.text(2) ?? ""
        guard let info = try article(articleID) else { return nil }
        return Passage(articleID: articleID, article: info, ordinal: ordinal, text: body)
    }

    func article(_ id: Int64) throws -> ArticleInfo? {
        if let cached = articleCache, cached.id == id { return cached.info }
        try articleInfo.bind(.int(id))
        guard try articleInfo.step() else { return nil }
        let info = ArticleInfo(id: articleInfo.text(0)!, title: articleInfo.text(1)!, source: articleInfo.text(2)!,
                               url: articleInfo.text(3), date: articleInfo.text(4), category: articleInfo.text(5),
                               outlet: articleInfo.text(6))
        articleCache = (id, info)
        return info
    }

    /// The article a passage belongs to.
    func articleID(ofPassage rowid: Int64) throws -> Int64? {
        try paragraphText.bind(.int(rowid))
        return try paragraphText.step() ? paragraphText.int(0) : nil
    }

    /// The paragraphs of article `id` with ordinals in `range`, in order.
    func paragraphs(of id: Int64, in range: ClosedRange<Int>) throws -> [(ordinal: Int, text: String)] {
        try contextRows.bind(.int(id), .int(Int64(range.lowerBound)), .int(Int64(range.upperBound)))
        var out: [(Int, String)] = []
        while try contextRows.step() { out.append((Int(contextRows.int(0)), contextRows.text(1) ?? "")) }
        return out
    }
}

extension Searcher {
    /// How many passages hold the folded word, from FTS5's vocabulary; cached.
    func documentFrequency(_ folded: String) throws -> Int {
        if let known = frequencies[folded] { return known }
        // Frequent words are stored (DocumentFrequencies); a rare one is quick to count.
        try storedFrequency.bind(.text(folded))
        var df = 0
        if try storedFrequency.step() {
            df = Int(storedFrequency.int(0))
        } else {
            try vocabulary.bind(.text(folded))
            df = try vocabulary.step() ? Int(vocabulary.int(0)) : 0
        }
        frequencies[folded] = df
        return df
    }

    /// How many exact forms of the folded word the index holds (`forms` table).
    func formCount(_ folded: String) throws -> Int {
        try formsOfWord.bind(.text(folded))
        return try formsOfWord.step() ? Int(formsOfWord.int(0)) : 0
    }

    /// How many passages hold the word in exact form `exact` (folded `folded`), from the `forms` table.
    func exactFrequency(_ folded: String, _ exact: String) throws -> Int {
        try formCountStatement.bind(.text(folded), .text(exact))
        return try formCountStatement.step() ? Int(formCountStatement.int(0)) : 0
    }

    /// The likeliest reading of words typed without marks: the exact forms of the accented
    /// spelling the index holds most often. One word: its most frequent form (`forms` table, one
    /// look-up). Several: the phrase most often found in the first `readingSample` passages that
    /// hold the folded phrase (as `suggest` counts, 2–5 ms); nil when no passage holds it.
    func likeliestReading(_ words: [Query.Term]) throws -> [String]? {
        if words.count == 1 {
            try topForm.bind(.text(words[0].folded))
            return try topForm.step() ? topForm.text(0).map { [$0] } : nil
        }
        if readingSuggester == nil { readingSuggester = try suggester() }
        let phrase = words.map(\.folded).joined(separator: " ")
        guard let top = try readingSuggester!.suggest(phrase, sampleLimit: Self.readingSample).suggestions.first else { return nil }
        let read = top.text.split(separator: " ").map(String.init)
        return read.count == words.count ? read : nil
    }

    /// The sorted rowids of the `exact` table matching `expression`, an AND of quoted words.
    func rowids(_ expression: String) throws -> [Int64] {
        let collector = RowidCollector()
        try withExtendedLifetime(collector) {
            try exactRows.bind(.text(expression))
            try exactRows.bind(pointer: Unmanaged.passUnretained(collector).toOpaque(), at: 2, type: RowidCollector.pointerType)
            while try exactRows.step() {}
        }
        return collector.intersection
    }
}
