import Foundation
import VietnameseText

/// Runs queries against an index, reusing one connection and its prepared statements.
///
/// ```swift
/// let searcher = try Searcher(path: "index/articles.sqlite")
/// let response = try searcher.search("nong thon moi")
/// ```
public final class Searcher {
    let db: Database
    /// The stored passages and articles, for this searcher's pages and for `Exporter`.
    let passages: PassageStore
    private let frequencies: DocumentFrequencies
    private let forms: Forms
    private let page, inOrder, exactRows, exactMatching: Statement
    private let impactList, totals: Statement
    /// The rows matching an expression, in rowid order (`phraseFromPairList`); prepared at its first use.
    private var phraseRows: Statement?
    /// FTS5's row count and total of token counts (`vtotals`), and whether the impact lists are
    /// complete and current (meta `impact_rows` is the largest passage id): per index version.
    private var fts5Totals: (rows: Int64, tokens: Int64)?
    private var impactCurrent = false
    private var readingSuggester: Suggester?
    /// Passages read to find the likeliest reading of an unaccented phrase.
    public static let readingSample = 50
    private var passageCount: Int
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
    /// Each passage's day, for `--sort date` (`PassageDays`), read at the first such search.
    private var days: UnsafeMutableBufferPointer<Int32>?
    /// The passages a filter admits, one bit per passage id; the last filter's, kept.
    private var admitted: (filter: SearchFilter, bits: [UInt64])?

    /// With `readOnly`, the connection is opened in SQLite's read-only mode.
    public init(path: String, readOnly: Bool = false) throws {
        db = try IndexStore.openForReading(path, readOnly: readOnly)
        passages = try PassageStore(db)
        frequencies = try DocumentFrequencies(db)
        forms = try Forms(db)
        // The page query returns no rows, on purpose: vrank keeps the best `limit` rows itself, in
        // the context's heap (`BestRows`), and SQLite only drives it over every match. Returning
        // them would take `ORDER BY score DESC LIMIT n`, whose sorter cost a tenth of a query
        // matching 100,000 rows, and FTS5 refuses vrank inside an aggregate. Scores are never
        // negative, so the WHERE clause holds for no row.
        page = try db.prepare("SELECT rowid FROM passages WHERE passages MATCH ?1 AND vrank(passages, ?2) < 0")
        // In index order (export by article), rows come back with their scores.
        inOrder = try db.prepare("""
            SELECT rowid, vrank(passages, ?2) FROM passages WHERE passages MATCH ?1 ORDER BY rowid
            """)
        exactRows = try db.prepare("SELECT vcollect(exact, ?2) FROM exact WHERE exact MATCH ?1 LIMIT 1")
        exactMatching = try db.prepare("SELECT rowid FROM exact WHERE exact MATCH ?")
        impactList = try db.prepare("SELECT data FROM impact WHERE form = ?")
        // The first row matching a word the index holds is enough to ask for the totals. (Without
        // MATCH, FTS5 would scan the content view sorted by rowid: a second for the corpus.)
        totals = try db.prepare("SELECT vtotals(passages, 0), vtotals(passages, 1) FROM passages WHERE passages MATCH ? LIMIT 1")
        // Passage ids are dense, so the largest is the count near enough for `commonShare`;
        // count(*) would read whole tables on every start.
        passageCount = Int(try db.scalar(Self.passageCountSQL))
        dataVersionStatement = try db.prepare("PRAGMA data_version")
    }

    static let passageCountSQL = "SELECT max(coalesce((SELECT max(id) FROM paragraphs), 0), coalesce((SELECT max(passage) FROM articles), 0))"

    deinit {
        if lengthsLoaded { lengths.deallocate() }
        days?.deallocate()
    }

    /// Drops what was read from the index when another connection has written to it since.
    private func refreshIfChanged() throws {
        try dataVersionStatement.bind()
        let version = try dataVersionStatement.step() ? dataVersionStatement.int(0) : 0
        guard version != dataVersion else { return }
        if dataVersion != 0 {
            if lengthsLoaded { lengths.deallocate(); lengthsLoaded = false }
            days?.deallocate()
            days = nil
            frequencies.reset()
            passages.reset()
            admitted = nil
            passageCount = Int(try db.scalar(Self.passageCountSQL))
        }
        fts5Totals = nil
        impactCurrent = try MetaKey.impactRows.read(in: db) == String(passageCount)
        frequencies.pairsCurrent = try MetaKey.pairRows.read(in: db) == String(passageCount)
        dataVersion = version
    }

    /// Whether phrase counts of two frequent words come from `PairCounts` (the counts are current).
    var frequenciesUsePairs: Bool {
        (try? refreshIfChanged()) != nil && frequencies.pairsCurrent
    }

    /// How many passages hold `term`, as ranking weighs it.
    func documentFrequency(_ term: RankingPlan.Term) throws -> Int {
        try refreshIfChanged()
        return try frequencies.of(term)
    }

    /// An article by its id (the input's `id`, or the `.txt` path), with its paragraphs in order.
    public func article(key: String) throws -> (info: ArticleInfo, paragraphs: [String])? {
        defer { db.releaseSnapshot() }
        return try passages.article(key: key)
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

    /// What `filter` asks for that no article of the index has (`SearchFilter.Unmet`).
    public func unmet(_ filter: SearchFilter) throws -> [SearchFilter.Unmet] {
        defer { db.releaseSnapshot() }
        return try filter.unmet(in: db)
    }

    /// A `Suggester` on this searcher's connection.
    public func suggester() throws -> Suggester { try Suggester(database: db, passages: passages, forms: forms) }

    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws -> SearchResponse {
        defer { db.releaseSnapshot() }
        let started = Date()
        let ranked = try rankedHits(text, options: options, limit: options.limit, offset: options.offset)
        let highlighter = Highlighter(units: ranked.plan.highlights, strict: ranked.plan.mode.strict)
        var results: [SearchResult] = []
        for (n, hit) in ranked.hits.enumerated() {
            guard let passage = try passages.passage(hit.rowid) else { continue }
            let (ranges, forms) = highlighter.scan(passage.text)
            let (snippet, snippetRanges) = Snippet.make(passage.text, highlights: ranges, words: forms, count: options.snippetWords)
            results.append(SearchResult(rank: options.offset + n + 1, score: hit.score, article: passage.article,
                                        paragraph: passage.ordinal, text: passage.text, highlights: ranges,
                                        snippet: snippet, snippetHighlights: snippetRanges))
        }
        return SearchResponse(query: text, total: ranked.total, results: results, seconds: Date().timeIntervalSince(started),
                              exactTotal: ranked.counts?.exact, anyToneTotal: ranked.counts?.anyTone, totalIsLowerBound: ranked.atLeast,
                              exactTotalIsLowerBound: ranked.exactAtLeast, anyToneTotalIsLowerBound: ranked.anyToneAtLeast,
                              reading: ranked.reading)
    }

    /// What `rankedHits` found: the hits asked for, the total, the query's plan, and the counts
    /// of a query typed with marks (as typed, any tone) or the reading of one typed without.
    struct Ranked {
        var hits: [(rowid: Int64, score: Double)]
        var total: Int
        var plan: RankingPlan
        var counts: (exact: Int, anyTone: Int)?
        var reading: String?
        /// Matches counted but not scored, since they could not reach the page (`Ranking`).
        var unscored = 0
        /// True when the page was read from the impact lists (`fromImpactLists`).
        var fromLists = false
        /// True when a count is a lower bound: counting stopped (`countMatches`).
        var exactAtLeast = false, anyToneAtLeast = false
        /// Whether `total` is: it counts the passages as typed under `strict`, else with any tone.
        var atLeast: Bool { plan.mode.strict ? exactAtLeast : anyToneAtLeast }
    }

    /// The plan of `text` under `options`, the reading it was ranked by (unaccented queries), and
    /// whether it was typed with marks (every word taken as typed).
    func plan(_ text: String, options: SearchOptions) throws -> (plan: RankingPlan, reading: String?, typedWithMarks: Bool) {
        var query = try Query.parse(text, strict: options.strict)
        let typedWithMarks = query.isTakenAsTyped
        // A query with marks means what it says; `anyTone: false` keeps only that. (Judged as
        // typed: the reading below gives an unaccented query exact forms to prefer, not to require.)
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
        var plan = QueryCompiler.compile(query, strict: strict, any: options.any,
            commonShare: Self.commonShare,
            share: { Double((try? self.frequencies.ofWord($0.folded)) ?? 0) / passages },
            // An accented word is as common as its exact form: `tín` is rare where `tin` is not.
            // A reading the index suggested is a guess: it does not change which words are common.
            exactShare: { term in
                guard typedWithMarks else { return nil }
                return term.exact.flatMap { try? self.forms.passages(term.folded, exact: $0) }.map { Double($0) / passages }
            })
        // Highlights follow what the user typed: an unaccented query marks every tone.
        plan.highlights = highlights
        return (plan, reading.isEmpty ? nil : Self.withTypedCapitals(reading, typed: text).joined(separator: " "), typedWithMarks)
    }

    /// A reading keeps the capitals typed (`Phan Van Khai` reads `Phan Văn Khải`, `thue TNCN`
    /// `thuế TNCN`; the index's forms are lowercase), where the query is its words as typed.
    static func withTypedCapitals(_ reading: [String], typed text: String) -> [String] {
        let typed = text.split(whereSeparator: \.isWhitespace)
        guard typed.count == reading.count else { return reading }
        return zip(typed, reading).map { typed, read in
            guard typed.count == read.count else { return read }
            return zip(typed, read).map { t, r in t.isUppercase ? r.uppercased() : String(r) }.joined()
        }
    }

    /// What vrank needs for `plan`, resolved from the index: each term's document frequency,
    /// the rows holding each exact form, the lengths and the filter.
    func context(for plan: RankingPlan, typedWithMarks: Bool, options: SearchOptions) throws -> RankingContext {
        let context = RankingContext(plan: plan)
        context.documentFrequencies = try plan.terms.map(frequencies.of)
        try loadLengths()
        context.lengths = UnsafeBufferPointer(lengths)
        // A term's exact rows, among those holding a form of the rarest word every match holds
        // when that is far rarer than the term's forms (`rarestRequiredWord`). Whether the word's
        // forms stand for all its passages is asked once, and only if some term would be narrowed.
        let rarest = narrowsExactRows && plan.terms.contains(where: { $0.exactQuery != nil }) ? try rarestRequiredWord(plan) : nil
        var formsHoldEveryPassage: Bool?
        context.exactRows = try plan.terms.map { term in
            try term.exactQuery.map { query in
                if let rarest, !term.words.contains(where: { $0.folded == rarest.word }),
                   try term.words.contains(where: { word in
                       try word.exact.map { try forms.passages(word.folded, exact: $0) > Self.narrowingRatio * rarest.passages } ?? false
                   }) {
                    // A joined form (`tphcm` of `TP.HCM`) or a number's alternate (`2100` of
                    // `2.100`) is a word no exact form stands for: then no narrowing.
                    if formsHoldEveryPassage == nil {
                        formsHoldEveryPassage = Int(try db.scalar("SELECT count(*) FROM exact WHERE exact MATCH ?", .text(rarest.anyForm)))
                            == rarest.passages
                    }
                    if formsHoldEveryPassage! { return try matchingRowids("(\(query)) AND \(rarest.anyForm)") }
                }
                // A phrase's marked words: FTS5's AND skips through the commoner doclists.
                return narrowsExactRows && term.words.count > 1 ? try matchingRowids(query) : try rowids(query)
            }
        }
        context.excludedRows = try plan.exclusions.map(rowids)
        // Phrases typed with marks whose words the index holds in other forms too are checked
        // at their places (the exact table has no positions).
        if typedWithMarks && !options.any {
            // A break the phrase holds is a position of its own: an empty form there (`Ranking`).
            context.phraseForms = try plan.terms.map { term in
                try isCheckedAtPlaces(term) ? term.words.flatMap { ($0.breakBefore ? [[]] : []) + [Array($0.exact!.utf8)] } : nil
            }
        }
        context.countsExact = typedWithMarks && !options.any
        if options.any {
            context.pairFrequencies = try plan.terms.map { term in
                try term.pair.map { try frequencies.of(RankingPlan.Term(words: $0, exactQuery: nil)) } ?? 0
            }
        }
        // A question typed without marks: its words weigh as their tones are likely to.
        if options.any && !typedWithMarks {
            context.formFrequencies = try plan.terms.map { term in
                term.isWord ? try forms.forms(of: term.words[0].folded, limit: 64).map(\.passages) : []
            }
        }
        if !options.filter.isEmpty { context.admitted = try admittedPassages(options.filter) }
        return context
    }

    /// Ranks every match and returns `limit` of them (-1: all) from `offset`, best first or, with
    /// `byPassage`, in index order (article by article, paragraphs in order); and the total.
    func rankedHits(_ text: String, options: SearchOptions, limit: Int, offset: Int = 0, byPassage: Bool = false) throws -> Ranked {
        try refreshIfChanged()
        let (plan, reading, typedWithMarks) = try plan(text, options: options)
        if !byPassage, let ranked = try fromImpactLists(plan, reading: reading, typedWithMarks: typedWithMarks,
                                                         options: options, limit: limit, offset: offset)
            ?? phraseFromPairList(plan, reading: reading, typedWithMarks: typedWithMarks, options: options, limit: limit, offset: offset) {
            return ranked
        }
        var hits: [(rowid: Int64, score: Double)] = []
        do {
            let context = try context(for: plan, typedWithMarks: typedWithMarks, options: options)
            let grouped = options.perArticle != nil
            if grouped && context.countsExact { context.tally.exactRows = [] }
            // Grouping by article needs every match: the best page of passages is not the best page of articles.
            if !byPassage { context.best = BestRows(capacity: limit < 0 || grouped ? nil : max(0, offset) + limit) }
            // Newest first: the same pass, the heap keyed by day (O(page) memory and sorting; every
            // match is still visited, for the counts).
            let byDate = options.sort == .date && !byPassage
            if byDate {
                if days == nil { days = try PassageDays.load(db) }
                context.days = UnsafeBufferPointer(days!)
            }
            // The context lives until this scope ends; vrank only borrows it.
            try withExtendedLifetime(context) {
                let pointer = Unmanaged.passUnretained(context).toOpaque()
                if byPassage {
                    // In index order, NULL (dropped) rows are interleaved, so limits apply here instead.
                    try inOrder.bind(.text(plan.expression))
                    try inOrder.bind(pointer: pointer, at: 2, type: RankingContext.pointerType)
                    var skip = max(0, offset)
                    while try inOrder.step() {
                        guard !inOrder.isNull(1) else { continue }
                        if !grouped {
                            if skip > 0 { skip -= 1; continue }
                            if limit >= 0 && hits.count >= limit { continue }
                        }
                        hits.append((inOrder.int(0), inOrder.double(1)))
                    }
                } else {
                    try page.bind(.text(plan.expression))
                    try page.bind(pointer: pointer, at: 2, type: RankingContext.pointerType)
                    while try page.step() {}
                }
            }
            if let best = context.best {
                hits = best.sorted().map { ($0.rowid, $0.score) }
                if !grouped { hits = Array(hits.dropFirst(max(0, offset))) }
            }
            let tally = context.tally
            guard let perArticle = options.perArticle else {
                // vrank has seen and counted every match.
                let counts = context.countsExact ? (tally.exactScored, tally.anyTone) : nil
                return Ranked(hits: hits, total: tally.scored, plan: plan, counts: counts, reading: reading, unscored: tally.unscored)
            }
            // By date, an article's first passages in that order are kept.
            hits = try keepBest(perArticle, perArticleOf: hits, inIndexOrder: byPassage)
            let total = hits.count
            var counts: (exact: Int, anyTone: Int)?
            if let rows = tally.exactRows, !plan.mode.strict {
                let asTyped = hits.count { SearchFilter.contains(rows, $0.rowid) }
                // Every kept passage is a match with any tone. (With strict, how many would be
                // kept with any tone is not known: no counts.)
                counts = (asTyped, total)
            }
            hits = Array(hits.dropFirst(max(0, offset)))
            if limit >= 0 { hits = Array(hits.prefix(limit)) }
            return Ranked(hits: hits, total: total, plan: plan, counts: counts, reading: reading, unscored: tally.unscored)
        } catch IndexError.sqlite(let f) where f.code ~= .error {
            throw IndexError.query("cannot search for \(text.prefix(80)): \(f.message)")
        }
    }

    /// A one-word or listed-pair search's page read from the impact lists (`ImpactLists`); nil when
    /// the lists cannot say it, and every match is scored. The rows are scored as `vrank` scores
    /// them (`Ranking.listedScore`): same page, same scores.
    ///
    /// A one-word search's counts are those the index stores (`terms`, `forms`). A pair's are
    /// counted by FTS5 up to `countLimit`, and are lower bounds beyond it (`countMatches`):
    /// counting every match of two frequent words is what a page read from the lists saves.
    func fromImpactLists(_ plan: RankingPlan, reading: String?, typedWithMarks: Bool, options: SearchOptions,
                         limit: Int, offset: Int) throws -> Ranked? {
        let pageSize = offset + limit
        guard impactCurrent, !plan.mode.any, plan.exclusions.isEmpty, options.filter.isEmpty,
              options.perArticle == nil, options.sort == .relevance, limit >= 0, offset >= 0,
              pageSize <= ImpactLists.capacity, (1...2).contains(plan.terms.count),
              plan.terms.allSatisfy({ $0.isWord && $0.exactQuery != nil && $0.words[0].exact != nil }) else { return nil }
        let terms = plan.terms, isPair = terms.count == 2
        if isPair {
            // Two words ANDed, their adjacency scored: the rows holding both exact forms with the
            // words together are the pair form's list, and they rank first. Only listed pairs
            // (`ListedPairs`) have one: the index is asked, not the list, which a process would
            // read whole first.
            guard plan.roles == [.term(0), .term(1)], plan.runs == [[0, 1]],
                  plan.program == [.term(0), .term(1), .all(2)] else { return nil }
        } else {
            guard plan.roles == [.term(0)] else { return nil }
        }
        // A word's list is its exact form's; a pair's, its folded words' (`ListedPairs`).
        let form = isPair ? ListedPairs.listForm(terms[0].words[0].folded, terms[1].words[0].folded) : terms[0].words[0].exact!
        guard let (levels, rows, avgLength) = try listedLevels(form, expression: terms[0].expression) else { return nil }
        let dfs = try terms.map(frequencies.of)
        let idfs = dfs.map { Ranking.idf(Double($0), rows: Double(rows)) }
        /// What `vrank` scores a row of the level at `length`; nil for a level no search reads.
        func score(_ level: ImpactLists.Level, _ length: UInt16) -> Double? {
            var tfs = [Double(level.tf)]
            if isPair {
                guard let (a, b) = ImpactLists.pairTFs(level.tf) else { return nil }
                tfs = [Double(a), Double(b)]
            }
            return Ranking.listedScore(idf: idfs, tf: tfs, adjacent: isPair, length: Int32(length), avgLength: avgLength)
        }
        guard var candidates = listedRows(levels, score) else { return nil }
        // A pair's list holds the rows with its words together, in any forms: those holding both
        // exact forms (as the `exact` table holds them) score as listed, the others lower, below
        // every row with them. Checked best first, until the page is full.
        var checked: [Int64: Bool] = [:]
        let exactForms = terms.map { Array($0.words[0].exact!.utf8) }
        func holdsExactForms(_ rowid: Int64) throws -> Bool {
            if let known = checked[rowid] { return known }
            let holds = try passages.text(rowid).map { self.holdsExactForms($0, exactForms) } ?? false
            checked[rowid] = holds
            return holds
        }
        if isPair {
            // Where most rows of the pair hold other forms (`bệnh vien` in the list of `benh vien`,
            // mostly `bệnh viện`), every match is scored instead, after a few pages' worth.
            var page: [(score: Double, rowid: Int64)] = []
            for (n, candidate) in candidates.enumerated() where page.count < pageSize {
                guard n < 2 * pageSize + 20 else { return nil }
                if try holdsExactForms(candidate.rowid) { page.append(candidate) }
            }
            candidates = page
        }
        // Rows without the exact form (or, for a pair, without the words together in their exact
        // forms) score below every row in the list; unless only those are matches (one word,
        // strict), a page longer than the rows listed holds some of them: not in the lists.
        guard (plan.mode.strict && !isPair) || candidates.count >= pageSize else { return nil }
        // A level's rows left out are beaten by its kept rows below its threshold (a pair's: those
        // with both exact forms); with fewer than a page of those, by the page's last row if it
        // beats the best a left-out row scores.
        for level in levels where level.threshold != .max && level.valid.count < pageSize || isPair {
            guard pageSize > 0 else { break }
            guard level.threshold != .max else { continue }
            guard candidates.count >= pageSize, let best = score(level, ImpactLists.length(level.threshold)) else { return nil }
            if BestRows.beats(candidates[pageSize - 1], (best, ImpactLists.rowid(level.threshold))) { continue }
            guard isPair, try level.valid.count(where: { try holdsExactForms(ImpactLists.rowid($0)) }) >= pageSize else { return nil }
        }
        let hits = candidates.prefix(pageSize).dropFirst(offset).map { (rowid: $0.rowid, score: $0.score) }
        guard isPair else {
            let exact = try forms.passages(terms[0].words[0].folded, exact: terms[0].words[0].exact!)
            let total = plan.mode.strict ? exact : dfs[0]
            return Ranked(hits: hits, total: total, plan: plan, counts: typedWithMarks ? (exact, dfs[0]) : nil, reading: reading,
                          unscored: total - candidates.count, fromLists: true)
        }
        // Counted as far as `countLimit` (unless `countAll`); beyond, a lower bound: the passages
        // holding the two words together, which the index counts (`PairCounts`), hold both.
        var anyTone = try countMatches(in: "passages", plan.expression, all: options.countAll)
        if anyTone.atLeast, frequencies.pairsCurrent {
            anyTone.count = max(anyTone.count, try frequencies.of(RankingPlan.Term(words: terms.flatMap(\.words), exactQuery: nil)))
        }
        var exact: (count: Int, atLeast: Bool)?
        if typedWithMarks || plan.mode.strict {
            exact = try countMatches(in: "exact", terms.map { $0.exactQuery! }.joined(separator: " AND "), all: options.countAll)
        }
        let total = plan.mode.strict ? exact! : anyTone
        var ranked = Ranked(hits: hits, total: total.count, plan: plan, counts: typedWithMarks ? (exact!.count, anyTone.count) : nil,
                            reading: reading, unscored: max(0, total.count - candidates.count), fromLists: true)
        ranked.exactAtLeast = exact?.atLeast ?? false
        ranked.anyToneAtLeast = anyTone.atLeast
        return ranked
    }

    /// Reads the passage lengths into the buffer `vrank` borrows, at the first search that needs them.
    private func loadLengths() throws {
        guard !lengthsLoaded else { return }
        lengths = try PassageLengths.loadBuffer(db)
        lengthsLoaded = true
    }

    /// Whether a phrase term typed with marks is checked as typed at its own places, in the row's
    /// text (`RankingContext.phraseForms`): the `exact` table keeps no positions, and one of its
    /// words has other forms in the index. Else both exact forms anywhere in a row say it.
    func isCheckedAtPlaces(_ term: RankingPlan.Term) throws -> Bool {
        guard term.words.count > 1, term.exactQuery != nil, term.words.allSatisfy({ $0.exact != nil && !$0.prefix }) else { return false }
        return try term.words.contains(where: { try forms.formCount($0.folded) > 1 })
    }

    /// The levels of `form`'s impact list, with FTS5's row count and average length (read with
    /// `expression`, a term the index holds) and the passage lengths loaded: what reading a page
    /// from a list needs. Nil when the index keeps no list for `form`.
    private func listedLevels(_ form: String, expression: String) throws
        -> (levels: [ImpactLists.Level], rows: Int64, avgLength: Double)? {
        try impactList.bind(.text(form))
        defer { impactList.reset() }
        guard try impactList.step(), let levels = impactList.blob(0).withUnsafeBytes({ ImpactLists.decode($0) }) else { return nil }
        if fts5Totals == nil {
            try totals.bind(.text(expression))
            defer { totals.reset() }
            guard try totals.step() else { return nil }
            fts5Totals = (totals.int(0), totals.int(1))
        }
        try loadLengths()
        let (rows, tokens) = fts5Totals!
        return (levels, rows, Ranking.averageLength(rows: rows, tokens: tokens))
    }

    /// The listed rows of `levels`, each with `value(level, its length)` (the length `vrank` scores
    /// it with), best first; nil where a row's length is not known or a level has no value.
    private func listedRows(_ levels: [ImpactLists.Level], _ value: (ImpactLists.Level, UInt16) -> Double?)
        -> [(score: Double, rowid: Int64)]? {
        var rows: [(score: Double, rowid: Int64)] = []
        for level in levels {
            for key in level.valid {
                let rowid = ImpactLists.rowid(key)
                guard rowid < lengths.count, lengths[Int(rowid)] > 0, let v = value(level, lengths[Int(rowid)]) else { return nil }
                rows.append((v, rowid))
            }
        }
        return rows.sorted(by: BestRows.beats)
    }

    /// A quoted two-word phrase whose words are a listed pair (`"Việt Nam"`, `"bóng đá"`, `"viet
    /// nam"`): its page read from the pair's list, nil when the list cannot say it.
    ///
    /// Scoring every match re-reads each row's text to check the phrase as typed at its places
    /// (`Ranking.holdsPhraseAsTyped`): `"Việt Nam"` took 390 ms on the corpus and 1.7 s at 4×,
    /// where `Việt Nam` unquoted takes 2 ms. Every row holding the phrase holds the pair's words
    /// together, so it is in the pair's list or left out of one of its levels (`ImpactLists`).
    /// The listed rows are scored as `vrank` scores them (`Ranking.phraseScore`, from each row's
    /// text), in the order of what their level and length allow, until no other can reach the
    /// page; then a row left out of a level of tfs (a, b), which holds the phrase at most min(a, b)
    /// times, scores at most the as-typed tier plus BM25 of that tf at the level's threshold, and
    /// the page's last row must beat that: the page of scoring every match.
    ///
    /// The passages holding the phrase in any tones are counted by the index (`PairCounts`); those
    /// holding it as typed (a phrase typed with marks) are counted up to `countLimit` (unless
    /// `countAll`), among the rows holding both the folded phrase and both exact forms, each row's
    /// text checked where a word has other forms: a lower bound beyond the limit.
    func phraseFromPairList(_ plan: RankingPlan, reading: String?, typedWithMarks: Bool, options: SearchOptions,
                            limit: Int, offset: Int) throws -> Ranked? {
        let pageSize = offset + limit
        guard impactCurrent, frequencies.pairsCurrent, typedWithMarks || !plan.mode.strict, !plan.mode.any, plan.exclusions.isEmpty,
              options.filter.isEmpty, options.perArticle == nil, options.sort == .relevance, limit >= 0, offset >= 0,
              pageSize > 0, pageSize <= ImpactLists.capacity, plan.terms.count == 1, plan.roles == [.term(0)],
              plan.program == [.term(0)], plan.runs.isEmpty else { return nil }
        let term = plan.terms[0]
        guard term.words.count == 2, term.words.allSatisfy({ !$0.prefix && $0.exact != nil }), !term.hasBreak,
              let exactQuery = term.exactQuery else { return nil }
        guard let (levels, rows, avgLength) = try listedLevels(ListedPairs.listForm(term.words[0].folded, term.words[1].folded),
                                                             expression: term.expression) else { return nil }
        let anyTone = try frequencies.of(term)
        let idf = Ranking.idf(Double(anyTone), rows: Double(rows))
        /// The most a row of the level of `length` tokens can score: as typed, the phrase min(a, b) times.
        func bound(_ level: ImpactLists.Level, _ length: UInt16) -> Double? {
            guard let (a, b) = ImpactLists.pairTFs(level.tf) else { return nil }
            let norm = Ranking.norm(length: Int32(length), avgLength: avgLength)
            return Ranking.exactWeight + min(Ranking.termScore(idf: idf, tf: Double(min(a, b)), norm: norm), Ranking.bm25Cap)
        }
        // Each with the most it can score.
        guard let candidates = listedRows(levels, bound) else { return nil }
        // Each listed row scored as vrank scores it (`Ranking.phraseScore`), from its text: how
        // often the phrase is there, and whether as typed. Typed with marks, as vrank checks it:
        // at its places, where a word has other forms, else both exact forms anywhere in the row
        // (`phraseForms`); a reading's exact forms anywhere. (Through FTS5, one row found by its id
        // cost 0.4 ms: each term's doclist sought in every segment.)
        let words = term.words.map { Array($0.folded.utf8) }, forms = term.words.map { Array($0.exact!.utf8) }
        let atPlaces = try typedWithMarks && isCheckedAtPlaces(term)
        var page: [(score: Double, rowid: Int64)] = []
        for candidate in candidates {
            if page.count >= pageSize, !BestRows.beats(candidate, page[pageSize - 1]) { break }
            guard let (text, isTitle) = try passages.textAndKind(candidate.rowid) else { return nil }
            let (count, together) = phraseInstances(text, words: words, forms: forms)
            guard count > 0 else { return nil }
            let asTyped = atPlaces ? together : holdsExactForms(text, forms)
            // Under --strict, only rows with the phrase as typed match.
            if plan.mode.strict && !asTyped { continue }
            let score = Ranking.phraseScore(idf: idf, tf: Double(count) * (isTitle ? Ranking.titleWeight : 1), asTyped: asTyped,
                                            length: Int32(lengths[Int(candidate.rowid)]), avgLength: avgLength)
            page.append((score, candidate.rowid))
            page.sort(by: BestRows.beats)
            if page.count > pageSize { page.removeLast() }
        }
        guard page.count == pageSize else { return nil }
        for level in levels where level.threshold != .max {
            guard let best = bound(level, ImpactLists.length(level.threshold)),
                  BestRows.beats(page[pageSize - 1], (best, ImpactLists.rowid(level.threshold))) else { return nil }
        }
        guard typedWithMarks else {
            return Ranked(hits: page.dropFirst(offset).map { (rowid: $0.rowid, score: $0.score) }, total: anyTone, plan: plan,
                          counts: nil, reading: reading, unscored: max(0, anyTone - candidates.count), fromLists: true)
        }
        // As typed: among the rows holding the phrase in some tones and both exact forms (the two
        // doclists read side by side, in rowid order), those whose text holds it as typed. (Each
        // alone holds many rows without it: `công` and `an` apart, `năm` beside `Việt Nam`.)
        var exact = 0, atLeast = false
        if phraseRows == nil { phraseRows = try db.prepare("SELECT rowid FROM passages WHERE passages MATCH ?") }
        let folded = phraseRows!
        try folded.bind(.text(plan.expression))
        try exactMatching.bind(.text(exactQuery))
        defer { exactMatching.reset(); folded.reset() }
        var a = try folded.step() ? folded.int(0) : nil, b = try exactMatching.step() ? exactMatching.int(0) : nil
        while let x = a, let y = b {
            if x < y {
                a = try folded.step() ? folded.int(0) : nil
            } else if y < x {
                b = try exactMatching.step() ? exactMatching.int(0) : nil
            } else {
                if !options.countAll && exact >= countLimit {
                    atLeast = true
                    break
                }
                if !atPlaces {
                    exact += 1
                } else if let text = try passages.text(x), phraseInstances(text, words: words, forms: forms, untilTyped: true).asTyped {
                    exact += 1
                }
                a = try folded.step() ? folded.int(0) : nil
                b = try exactMatching.step() ? exactMatching.int(0) : nil
            }
        }
        let total = plan.mode.strict ? exact : anyTone
        var ranked = Ranked(hits: page.dropFirst(offset).map { (rowid: $0.rowid, score: $0.score) }, total: total, plan: plan, counts: (exact, anyTone),
                            reading: reading, unscored: max(0, total - candidates.count), fromLists: true)
        // The passages with any tone are the index's own count: only those as typed may be more.
        ranked.exactAtLeast = atLeast
        return ranked
    }

    /// How many times `text` holds the phrase of folded `words` (two), as FTS5 finds it: the first
    /// word among the tokens of a position (a word and the forms stored beside it, `StoredTokens`)
    /// and the second among those of the next; and whether it holds `forms`, their exact forms, at
    /// consecutive positions, as `Ranking.holdsPhraseAsTyped` checks a place. With `untilTyped`, it
    /// stops there (the count is then partial).
    func phraseInstances(_ text: String, words: [[UInt8]], forms: [[UInt8]], untilTyped: Bool = false) -> (count: Int, asTyped: Bool) {
        var count = 0, asTyped = false
        // Whether the first word is among the tokens of the previous and of the current position,
        // and whether the previous position's word is its exact form.
        var firstBefore = false, firstHere = false, exactBefore = false, exactHere = false
        var counted = false
        exactTokenizer.tokenize(text, exactForms: true) { token in
            if token.kind.takesPosition {
                (firstBefore, exactBefore) = (firstHere, exactHere)
                (firstHere, exactHere, counted) = (false, false, false)
                if token.kind == .word, exactBefore, token.exact.elementsEqual(forms[1]) { asTyped = true }
                exactHere = token.kind == .word && token.exact.elementsEqual(forms[0])
            }
            if firstBefore, !counted, token.bytes.elementsEqual(words[1]) {
                count += 1
                counted = true
            }
            if token.bytes.elementsEqual(words[0]) { firstHere = true }
            return !(untilTyped && asTyped)
        }
        return (count, asTyped)
    }

    /// Whether `text` holds each of `forms` somewhere, as the `exact` table holds its exact forms.
    func holdsExactForms(_ text: String, _ forms: [[UInt8]]) -> Bool {
        var found = forms.map { _ in false }
        var text = text
        text.withUTF8 { bytes in
            exactTokenizer.exactForms(bytes) { token, _, _ in
                for i in found.indices where !found[i] && token.elementsEqual(forms[i]) { found[i] = true }
                return found.contains(false)
            }
        }
        return !found.contains(false)
    }

    /// A term's exact rows are looked for among the rows of the rarest required word's forms when
    /// the term's form is in this many times more passages: then FTS5's AND leaves most pages of the
    /// common doclist unread. (At 4×, `mới` against `thon`, 16 times: a third fewer instructions
    /// for `nông thôn mới`; `viện` against `bach`, 3.5: 9% fewer; `giá` against `vang`, 2.5: 3% more.)
    static let narrowingRatio = 3

    /// Whether a term's exact rows are looked for only where a match can be (`rarestRequiredWord`)
    /// and a phrase's through FTS5's AND; tests turn it off to compare.
    var narrowsExactRows = true

    /// Finds a passage's exact forms as the `exact` table stores them (`StoredTokenizer.exactForms`).
    private let exactTokenizer = StoredTokenizer()

    /// A listed pair's matches are counted up to this many (`SearchOptions.countAll`: all of them).
    public static let countLimit = 1_000
    /// This searcher's, which tests make small.
    var countLimit = Searcher.countLimit

    /// How many rows of FTS5 table `table` match `expression`, and whether counting stopped at
    /// `countLimit`: then there are at least that many. (Counting every match of two frequent
    /// words is as costly as scoring them: 15–30 ms on the corpus, 4 times that at 4×.)
    func countMatches(in table: String, _ expression: String, all: Bool) throws -> (count: Int, atLeast: Bool) {
        if all { return (Int(try db.scalar("SELECT count(*) FROM \(table) WHERE \(table) MATCH ?", .text(expression))), false) }
        let n = Int(try db.scalar("SELECT count(*) FROM (SELECT 1 FROM \(table) WHERE \(table) MATCH ?1 LIMIT ?2)",
                                  .text(expression), .int(Int64(countLimit))))
        return (n, n >= countLimit)
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
        func article(_ rowid: Int64) throws -> Int64 { try passages.articleID(ofPassage: rowid) ?? -1 }
        if !inIndexOrder {
            // Best first: an article's first n hits are its best.
            var seen: [Int64: Int] = [:]
            seen.reserveCapacity(hits.count / 4)
            return try hits.filter { hit in
                let a = try article(hit.rowid), k = seen[a, default: 0]
                seen[a] = k + 1
                return k < n
            }
        }
        // In index order an article's hits are contiguous: keep the n best of each run, in place.
        var out: [(rowid: Int64, score: Double)] = []
        var i = 0
        while i < hits.count {
            let a = try article(hits[i].rowid)
            var j = i + 1
            while try j < hits.count && article(hits[j].rowid) == a { j += 1 }
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
}

extension Searcher {
    /// The likeliest reading of words typed without marks: the exact forms of the accented
    /// spelling the index holds most often. One word: its most frequent form (`forms` table, one
    /// look-up). Several: the phrase most often found in the first `readingSample` passages that
    /// hold the folded phrase (as `suggest` counts, 2–5 ms); nil when no passage holds it.
    func likeliestReading(_ words: [Query.Term]) throws -> [String]? {
        if words.count == 1 {
            return try forms.likeliest(words[0].folded).map { [$0] }
        }
        if readingSuggester == nil { readingSuggester = try suggester() }
        let phrase = words.map(\.folded).joined(separator: " ")
        guard let top = try readingSuggester!.suggest(phrase, sampleLimit: Self.readingSample).suggestions.first else { return nil }
        let read = top.text.split(separator: " ").map(String.init)
        return read.count == words.count ? read : nil
    }

    /// The word every match holds that the fewest passages hold, when the plan requires every
    /// term (an AND): its folded spelling, its passages, and an `exact` table query of all its
    /// forms. A row vrank scores holds it, so a term's exact rows need only be looked for among
    /// the rows holding one of those forms: FTS5's AND reads them, not every row of a common
    /// form (`mới` in `nông thôn mới`: 244,180 rows at 4×, 1,192 with a form of `thon`).
    func rarestRequiredWord(_ plan: RankingPlan) throws -> (word: String, passages: Int, anyForm: String)? {
        guard !plan.mode.any, !plan.program.contains(where: { if case .any = $0 { true } else { false } }) else { return nil }
        var best: (word: String, passages: Int)?
        for word in plan.terms.flatMap(\.words) where !word.prefix {
            let df = try frequencies.ofWord(word.folded)
            if best == nil || df < best!.passages { best = (word.folded, df) }
        }
        guard let best else { return nil }
        let limit = 256
        let all = try forms.forms(of: best.word, limit: limit)
        guard !all.isEmpty, all.count < limit else { return nil }
        return (best.word, best.passages, "(" + all.map { QueryCompiler.quote($0.form) }.joined(separator: " OR ") + ")")
    }

    /// The sorted rowids of the `exact` table matching `expression`, as FTS5 matches it (an AND
    /// reads the rarer doclist and skips through the others).
    func matchingRowids(_ expression: String) throws -> [Int64] {
        try exactMatching.bind(.text(expression))
        defer { exactMatching.reset() }
        var rows: [Int64] = []
        while try exactMatching.step() { rows.append(exactMatching.int(0)) }
        return rows
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
