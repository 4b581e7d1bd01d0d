import CSQLite
import Foundation
import VietnameseText

/// `vrank(passages, context)`: the FTS5 auxiliary function that ranks a matching row.
///
/// It folds three things into one higher-is-better score: BM25 over the query's terms (the title
/// column weighted `titleWeight`), exact-form preference for accented terms, and adjacency of the
/// query's words. Its one argument is a `RankingContext`, bound by `Searcher` as an SQLite pointer
/// value: the query's `RankingPlan` (what each phrase of the MATCH expression is, the mode) with
/// what the searcher resolved for it. SQL cannot make such a value, so from SQL (the loadable
/// extension) vrank only reports that it ranks for VietSearch's searches; `vsearch` is the way.
///
/// - `and`: score = 500 × (the words of a run stand together, in order) + 400 × (share of the
///   terms present that are there as typed) + BM25 (capped below 100). Adjacency weighs more than
///   exactness, so one slipped accent (`nông thôn mơi`) costs less than a broken phrase: the
///   passage with `nông thôn mới` comes before one with `nông`, `thôn` and `mơi` scattered. For an
///   unaccented query, the exact forms are those of its likeliest reading (`Searcher`).
/// - `any` (natural-language questions): BM25 where a term found in its exact form weighs the
///   IDF of that form, and one found only folded `foldedOnlyWeight` times the folded IDF, plus,
///   for each adjacent pair of query words present, half the pair's own IDF (from the passages
///   holding the two words together).
/// - `strict`: NULL for a row that does not hold the query as typed (`ExactOp`); so is a row
///   holding an excluded exact form, in every mode.
/// Each non-NULL score is counted in the context's `tally.scored`, which gives the search its
/// total; rows passing filter and exclusions in `anyTone`, and those holding the query as typed in
/// `exactScored`.
///
/// Once the context's page is full (`BestRows.floor`), a row in `and` mode is first bounded by what
/// the exact rows alone say (its tiers at most, BM25 at most each term's IDF × (k1 + 1)); a row
/// whose bound is below the page's worst is counted but not scored, and vrank returns the bound,
/// which `BestRows` drops. Its instances, most of a row's cost, are never read. The page and the
/// counts are those of scoring every row (`PruningTests`); the value returned for such a row is
/// no score, which is why only the page query, which reads none, has a page to fill. A row in `any`
/// mode has no tiers to bound it by before its instances are read; once they are, its tfs bound its
/// score (each term at its exact form's IDF, each pair it holds both words of as adjacent), and a
/// row below the page's worst is counted without its exact forms or adjacency being looked at
/// (`QuestionPruningCorpusSampleTests`).
enum Ranking {
    static let titleWeight = 2.0
    static let adjacentWeight = 500.0, exactWeight = 400.0
    static let foldedOnlyWeight = 0.6
    /// In `any` mode, what an adjacent pair of question words adds: this share of the pair's IDF.
    static let pairWeight = 0.5
    static let k1 = 1.2, b = 0.75
    /// BM25 stays below the tiers' steps in `and` mode.
    static let bm25Cap = 99.9
    /// With `--sort date`, added to the day (`yyyymmdd`) of a row holding the query as typed.
    static let asTypedFirst = 1e9

    /// What one phrase of the MATCH expression is: term k (a word, a phrase or a prefix, scored),
    /// or an excluded phrase (there only to be absent, or scored as nothing). Adjacency is no
    /// phrase of its own (`RankingPlan.runs`).
    enum Role: Equatable { case term(Int), excluded }

    /// What the function learns once per query: roles and IDFs. Lives in FTS5's aux data.
    /// Per-row scratch is in raw buffers: array properties of a class cost an exclusivity check
    /// per access, which was a fifth of the time of a 100,000-row query.
    final class QueryData {
        var roles: UnsafeMutableBufferPointer<Role> = .init(start: nil, count: 0)
        var termCount = 0
        var idf: UnsafeMutablePointer<Double> = .allocate(capacity: 1)
        /// In `any` mode, for a term with an exact form: the IDF of that form (how rare `tín` is,
        /// not `tin`), used where the row holds it; else equal to `idf`.
        var exactIDF: UnsafeMutablePointer<Double> = .allocate(capacity: 1)
        /// In `any` mode: what the adjacency of the pair term k starts adds.
        var pairBonus: UnsafeMutablePointer<Double> = .allocate(capacity: 1)
        var avgLength = 1.0
        var isAny = false, strict = false
        let context: RankingContext
        var lengths = UnsafeBufferPointer<UInt16>(start: nil, count: 0)
        var tf: UnsafeMutablePointer<Double> = .allocate(capacity: 1)
        var adjacent: UnsafeMutablePointer<Bool> = .allocate(capacity: 1)
        var isExact: UnsafeMutablePointer<Bool> = .allocate(capacity: 1)
        /// Whether term k has an exact form to look for (its rows in `RankingContext.exactRows`).
        var hasExact: UnsafeMutablePointer<Bool> = .allocate(capacity: 1)
        /// For the current row: whether term k's exact form is there (or it has none to look for).
        var inExactRows: UnsafeMutablePointer<Bool> = .allocate(capacity: 1)
        /// For term k: where the last row was looked for in its exact rows, and that row. FTS5
        /// gives rows in ascending order, so each look-up starts where the last one ended.
        var cursor: UnsafeMutablePointer<Int> = .allocate(capacity: 1)
        var cursorRow: UnsafeMutablePointer<Int64> = .allocate(capacity: 1)
        /// In `and` mode: whether the expression has adjacency phrases, and the most BM25 can add
        /// (each term's IDF × (k1 + 1), capped as the score caps it): with the exact tier, what
        /// bounds a row's score before its instances are read.
        var hasAdjacency = false
        var bm25Bound = 0.0
        /// How many terms with an exact form every match holds (the as-typed program's required
        /// terms): the share of terms found as typed has at least that many terms under it.
        var requiredWithExact = 0
        /// Whether the row just scored holds the query as typed (set when the context counts it).
        var rowAsTyped = false
        var program: UnsafeMutableBufferPointer<ExactOp> = .init(start: nil, count: 0)
        /// The terms rare only in their exact form (`RankingPlan.exactSelectors`), and the phrase
        /// numbers of the selectors that count wherever the row holds them.
        var exactSelectors: [Int] = []
        var selectorPhrases: [Int32] = []
        /// The terms with `RankingContext.phraseForms`, and the current row's places of them (column,
        /// first position), gathered in the one pass over the row's instances.
        var checkedTerms: Set<Int> = []
        var places: [(term: Int, column: Int32, offset: Int32)] = []
        /// The plan's adjacency runs, flat: for run r, its terms at `runTerms[runStart[r]..<runStart[r + 1]]`.
        var runTerms: UnsafeMutableBufferPointer<Int> = .init(start: nil, count: 0)
        var runStart: UnsafeMutableBufferPointer<Int> = .init(start: nil, count: 0)
        /// Whether term k is a word of some run: its places are gathered for adjacency.
        var inRun: UnsafeMutablePointer<Bool> = .allocate(capacity: 1)
        /// The current row's places of run words, packed (`Ranking.place`), and how many.
        var runPlaces: UnsafeMutablePointer<Int64> = .allocate(capacity: 64)
        var runPlaceCount = 0, runPlaceCapacity = 64
        let tokenizer = StoredTokenizer()
        var stack: UnsafeMutablePointer<Bool> = .allocate(capacity: 1)

        init(context: RankingContext) { self.context = context }

        func allocate(terms: Int, roles list: [Role]) {
            termCount = terms
            for p in [idf, tf, exactIDF, pairBonus] { p.deallocate() }
            pairBonus = .allocate(capacity: max(1, terms)); pairBonus.initialize(repeating: 0, count: max(1, terms))
            exactIDF = .allocate(capacity: max(1, terms)); exactIDF.initialize(repeating: 0, count: max(1, terms))
            for p in [adjacent, isExact] { p.deallocate() }
            idf = .allocate(capacity: max(1, terms)); idf.initialize(repeating: 0, count: max(1, terms))
            tf = .allocate(capacity: max(1, terms)); tf.initialize(repeating: 0, count: max(1, terms))
            adjacent = .allocate(capacity: max(1, terms)); adjacent.initialize(repeating: false, count: max(1, terms))
            isExact = .allocate(capacity: max(1, terms)); isExact.initialize(repeating: true, count: max(1, terms))
            hasExact.deallocate(); inExactRows.deallocate(); cursor.deallocate(); cursorRow.deallocate()
            cursor = .allocate(capacity: max(1, terms)); cursor.initialize(repeating: 0, count: max(1, terms))
            cursorRow = .allocate(capacity: max(1, terms)); cursorRow.initialize(repeating: .min, count: max(1, terms))
            hasExact = .allocate(capacity: max(1, terms)); hasExact.initialize(repeating: false, count: max(1, terms))
            inExactRows = .allocate(capacity: max(1, terms)); inExactRows.initialize(repeating: true, count: max(1, terms))
            roles = .allocate(capacity: list.count)
            _ = roles.initialize(from: list)
        }

        func setRuns(_ runs: [[Int]]) {
            runTerms.deallocate(); runStart.deallocate()
            runTerms = .allocate(capacity: runs.reduce(0) { $0 + $1.count })
            _ = runTerms.initialize(from: runs.joined())
            runStart = .allocate(capacity: runs.count + 1)
            var at = 0
            for (r, run) in runs.enumerated() { runStart[r] = at; at += run.count }
            runStart[runs.count] = at
            inRun.deallocate()
            inRun = .allocate(capacity: max(1, termCount))
            inRun.initialize(repeating: false, count: max(1, termCount))
            for k in runTerms where k < termCount { inRun[k] = true }
        }

        /// Notes a place of a run word in the current row.
        @inline(__always) func addRunPlace(_ place: Int64) {
            if runPlaceCount == runPlaceCapacity {
                runPlaceCapacity *= 2
                runPlaces = runPlaces.grown(keeping: runPlaceCount, to: runPlaceCapacity)
            }
            runPlaces[runPlaceCount] = place
            runPlaceCount += 1
        }

        func setProgram(_ ops: [ExactOp]) {
            program.deallocate(); stack.deallocate()
            program = .allocate(capacity: ops.count)
            _ = program.initialize(from: ops)
            stack = .allocate(capacity: max(1, ops.count))
        }

        deinit {
            idf.deallocate(); tf.deallocate(); exactIDF.deallocate(); pairBonus.deallocate(); adjacent.deallocate(); isExact.deallocate(); hasExact.deallocate(); inExactRows.deallocate(); cursor.deallocate(); cursorRow.deallocate()
            roles.deallocate(); program.deallocate(); stack.deallocate()
            runTerms.deallocate(); runStart.deallocate(); inRun.deallocate(); runPlaces.deallocate()
        }
    }

    static let function: fts5_extension_function = { api, fts, ctx, nVal, values in
        guard let api, let fts, let ctx else { return }
        let a = api.pointee
        let data: QueryData
        if let raw = a.xGetAuxdata(fts, 0) {
            data = Unmanaged<QueryData>.fromOpaque(raw).takeUnretainedValue()
        } else {
            // The one argument after the table is the search's context; nothing else is accepted.
            guard nVal == 1, let values, let raw = sqlite3_value_pointer(values[0], RankingContext.pointerType) else {
                sqlite3_result_error(
                    ctx, "vrank(passages, context) ranks VietSearch's own searches: its argument is a search's context, which SQL cannot make; search from SQL with vsearch", -1)
                return
            }
            let context = Unmanaged<RankingContext>.fromOpaque(raw).takeUnretainedValue()
            if let problem = context.problem(phraseCount: Int(a.xPhraseCount(fts))) {
                sqlite3_result_error(ctx, "vrank: \(problem)", -1)
                return
            }
            data = prepare(api: a, fts: fts, context: context)
            // Retained for FTS5, which releases it through the destructor when the query ends.
            _ = a.xSetAuxdata(fts, Unmanaged.passRetained(data).toOpaque()) { Unmanaged<QueryData>.fromOpaque($0!).release() }
        }
        if let score = score(api: a, fts: fts, data: data) {
            data.context.tally.scored += 1
            let rowid = a.xRowid(fts)
            if let days = data.context.days {
                // Newest first: the article's day is the key (0, undated, last), the score rides
                // along; for a query typed with marks, the rows holding it as typed come first.
                let day = rowid >= 0 && rowid < days.count ? days[Int(rowid)] : 0
                data.context.best?.offer(key: Double(day) + (data.rowAsTyped ? asTypedFirst : 0), rowid, score: score)
            } else {
                data.context.best?.offer(score, rowid)
            }
            sqlite3_result_double(ctx, score)
        } else {
            sqlite3_result_null(ctx)
        }
    }

    /// What vrank needs for every row of the query, from a context `problem` found whole.
    static func prepare(api a: Fts5ExtensionApi, fts: OpaquePointer, context: RankingContext) -> QueryData {
        let data = QueryData(context: context)
        let plan = context.plan
        data.isAny = plan.mode.any
        data.strict = plan.mode.strict
        let list = plan.roles
        data.allocate(terms: plan.terms.count, roles: list)
        data.lengths = context.lengths
        for k in 0..<data.termCount where context.exactRows[k] != nil { data.hasExact[k] = true }
        data.setProgram(plan.program)
        data.setRuns(plan.runs)
        data.checkedTerms = Set(context.phraseForms.indices.filter { context.phraseForms[$0] != nil })
        data.exactSelectors = plan.exactSelectors
        if !plan.exactSelectors.isEmpty {
            data.selectorPhrases = list.indices.compactMap { i in
                if case .term(let k) = list[i], plan.selectors.contains(k) { Int32(i) } else { nil }
            }
        }
        var rows: Int64 = 0, tokens: Int64 = 0
        _ = a.xRowCount(fts, &rows)
        _ = a.xColumnTotalSize(fts, -1, &tokens)
        data.avgLength = averageLength(rows: rows, tokens: tokens)
        let n = Double(rows)
        for k in 0..<data.termCount {
            let df = Double(context.documentFrequencies[k])
            data.idf[k] = idf(df, rows: n)
            data.exactIDF[k] = data.idf[k]
            if data.isAny, let exactRows = context.exactRows[k] {
                let exactDF = Double(exactRows.count)
                data.exactIDF[k] = max(idf(exactDF, rows: n), data.idf[k])
            } else if data.isAny, let forms = context.formFrequencies?[k], forms.count > 1 {
                data.exactIDF[k] = expectedIDF(df: df, forms: forms, rows: n)
            }
        }
        // A question's adjacent pair weighs half its own IDF: how rare the two words are together,
        // which says more than their IDFs do (`là gì` is common, `mặt trăng` rare; an unaccented
        // `mat trang` is ambiguous word by word, not as a pair).
        for k in 0..<data.termCount where data.isAny && k < context.pairFrequencies.count {
            data.pairBonus[k] = pairWeight * idf(Double(context.pairFrequencies[k]), rows: n)
        }
        data.hasAdjacency = !plan.runs.isEmpty
        data.requiredWithExact = ExactOp.required(plan.program).filter { $0 < data.termCount && data.hasExact[$0] }.count
        data.bm25Bound = min(bm25Cap, (0..<data.termCount).reduce(0) { $0 + data.idf[$1] * (k1 + 1) })
        return data
    }

    /// The IDF of a question word typed without marks, expected under tone uncertainty. The user
    /// meant one of the forms the index holds (`đang`, `đảng`, `dáng`… for `dang`), each as likely
    /// as its share of the forms' passages; a passage holding the word holds the meant form with
    /// probability (that form's passages) / (the word's), and then weighs as an accented word found
    /// as typed does (the form's IDF), else as one found only folded (`foldedOnlyWeight` × the
    /// folded IDF). A word with one form keeps its IDF; one spread over many forms weighs less.
    /// BM25's length normalization of a row of `length` tokens.
    @inline(__always) static func norm(length: Int32, avgLength: Double) -> Double {
        k1 * (1 - b + b * Double(length) / avgLength)
    }

    /// BM25 of one term found `tf` times in a row (a title's instances count `titleWeight` each).
    /// The one formula `vrank` and the impact lists (`Searcher`) score a word with.
    @inline(__always) static func termScore(idf: Double, tf: Double, norm: Double) -> Double {
        idf * tf * (k1 + 1) / (tf + norm)
    }

    /// The score `vrank` gives, in `and` mode, a row of the top tier of a one-word or two-word query
    /// (`Searcher.fromImpactLists`): every term there as typed, the two words together (`adjacent`),
    /// BM25 of each term's `tf` in the row, capped. Summed in `vrank`'s order: the same scores.
    static func listedScore(idf: [Double], tf: [Double], adjacent: Bool, length: Int32, avgLength: Double) -> Double {
        let norm = norm(length: length, avgLength: avgLength)
        var bm25 = 0.0
        for k in idf.indices { bm25 += termScore(idf: idf[k], tf: tf[k], norm: norm) }
        return adjacentWeight * (adjacent ? 1 : 0) + exactWeight * (Double(idf.count) / Double(idf.count)) + min(bm25, bm25Cap)
    }

    /// The score `vrank` gives, in `and` mode, a row of a query of one two-word phrase
    /// (`Searcher.phraseFromPairList`): the phrase `tf` times in the row, there as typed or not; no
    /// adjacency run (a phrase is one term). Summed in `vrank`'s order: the same scores.
    static func phraseScore(idf: Double, tf: Double, asTyped: Bool, length: Int32, avgLength: Double) -> Double {
        let bm25 = 0.0 + termScore(idf: idf, tf: tf, norm: norm(length: length, avgLength: avgLength))
        return adjacentWeight * 0 + exactWeight * (asTyped ? 1 : 0) + min(bm25, bm25Cap)
    }

    /// The average length `vrank` normalizes by, from FTS5's row count and total of token counts.
    static func averageLength(rows: Int64, tokens: Int64) -> Double {
        rows > 0 ? max(1, Double(tokens) / Double(rows)) : 1
    }

    /// BM25's IDF of a term held by `df` of `n` passages, kept above zero.
    static func idf(_ df: Double, rows n: Double) -> Double { max(log((n - df + 0.5) / (df + 0.5)), 1e-6) }

    static func expectedIDF(df: Double, forms: [Int], rows n: Double) -> Double {
        let folded = idf(df, rows: n), total = Double(forms.reduce(0, +))
        guard total > 0, df > 0 else { return folded }
        var expected = 0.0
        for f in forms where f > 0 {
            let share = Double(f) / total, held = min(1, Double(f) / df)
            expected += share * (held * max(idf(Double(f), rows: n), folded) + (1 - held) * foldedOnlyWeight * folded)
        }
        return expected
    }

    static func score(api a: Fts5ExtensionApi, fts: OpaquePointer, data: QueryData) -> Double? {
        let rowid = a.xRowid(fts)
        let n = data.termCount
        let context = data.context
        if let admitted = context.admitted, !SearchFilter.contains(admitted, rowid) { return nil }
        for sorted in context.excludedRows where RankingContext.contains(sorted, rowid) { return nil }
        // A question's row must hold one of its rare words; one rare only in exact form counts
        // only in that form (the expression found it folded). Checked before reading instances.
        if !data.exactSelectors.isEmpty
            && !data.exactSelectors.contains(where: { holdsExactForm(data, $0, rowid) })
            && !data.selectorPhrases.contains(where: { phrase in
                var iter = Fts5PhraseIter(), column: Int32 = -1, offset: Int32 = -1
                _ = a.xPhraseFirst(fts, phrase, &iter, &column, &offset)
                return column >= 0
            }) {
            return nil
        }
        // What the exact forms alone say, before the row's instances are read (FTS5's position
        // lists, most of a row's cost): a row that cannot hold the query as typed is dropped at once
        // under `strict`, and one whose score cannot reach the page is counted and not scored.
        let tally = context.tally
        data.rowAsTyped = false
        var inExact = 0
        // A question's row is bounded from its tfs first (below): its exact forms wait until then.
        if !data.isAny { inExact = lookUpExactForms(data, rowid) }
        // The as-typed program is AND and OR only: with every term it may hold taken as held, it
        // says whether the row may hold the query as typed.
        var mayHoldAsTyped = true
        if data.strict || context.countsExact {
            mayHoldAsTyped = ExactOp.run(UnsafeBufferPointer(data.program), stack: data.stack) { k in k < n && data.inExactRows[k] }
            if data.strict && !mayHoldAsTyped {
                tally.anyTone += 1
                return nil
            }
        }
        if !data.isAny, context.days == nil, let floor = context.best?.floor?.score, !(context.countsExact && mayHoldAsTyped) {
            // Adjacency may be there. Of the terms with an exact form that the row holds, at most the
            // `inExact` whose exact rows hold it are there as typed, and at least the required ones
            // are there: the share is at most inExact / max(inExact, required).
            let share = inExact == 0 ? 0 : Double(inExact) / Double(max(inExact, data.requiredWithExact))
            let bound = (data.hasAdjacency ? adjacentWeight : 0) + exactWeight * share + data.bm25Bound
            if bound < floor {
                tally.anyTone += 1
                tally.unscored += 1
                // Not the row's score: a bound below the page's worst row, which `BestRows` drops.
                return bound
            }
        }
        for k in 0..<n { data.tf[k] = 0; data.adjacent[k] = false }
        let checking = !data.checkedTerms.isEmpty
        if checking { data.places.removeAll(keepingCapacity: true) }
        let hasRuns = data.hasAdjacency
        data.runPlaceCount = 0
        // Phrase by phrase (FTS5's own position lists, walked in place): xInstCount would first
        // merge every phrase's instances into one sorted array, excluded phrases included.
        var column: Int32 = 0, offset: Int32 = 0
        for phrase in 0..<data.roles.count {
            guard case .term(let k) = data.roles[phrase] else { continue }
            let forPhrase = checking && data.checkedTerms.contains(k), forRun = hasRuns && data.inRun[k]
            var iter = Fts5PhraseIter()
            _ = a.xPhraseFirst(fts, Int32(phrase), &iter, &column, &offset)
            while column >= 0 {
                data.tf[k] += column == 1 ? titleWeight : 1
                if forPhrase { data.places.append((k, column, offset)) }
                if forRun { data.addRunPlace(place(term: k, column: column, offset: offset)) }
                a.xPhraseNext(fts, &iter, &column, &offset)
            }
        }
        var length: Int32 = 0
        let lengths = data.lengths
        if rowid >= 0, rowid < lengths.count, lengths[Int(rowid)] > 0 {
            length = Int32(lengths[Int(rowid)])
        } else {
            _ = a.xColumnSize(fts, -1, &length)
        }
        let norm = norm(length: length, avgLength: data.avgLength)
        if data.isAny {
            // Once the page is full: the most this row can score, every term it holds found as typed
            // (`exactIDF` ≥ any weight it may have) and every pair it holds both words of adjacent.
            // Below the page's worst row, it is counted and not scored; its exact forms and places
            // are never looked at.
            if context.days == nil, let floor = context.best?.floor?.score {
                var bound = 0.0
                for k in 0..<n where data.tf[k] > 0 {
                    bound += Self.termScore(idf: data.exactIDF[k], tf: data.tf[k], norm: norm)
                }
                for r in 0..<(data.runStart.count - 1) {
                    let first = data.runTerms[data.runStart[r]]
                    if data.tf[first] > 0 && data.runTerms[(data.runStart[r] + 1)..<data.runStart[r + 1]].allSatisfy({ data.tf[$0] > 0 }) {
                        bound += data.pairBonus[first]
                    }
                }
                // (The slack covers the sums' rounding: the score adds the same terms in another order.)
                if bound + 1e-9 < floor {
                    tally.anyTone += 1
                    tally.unscored += 1
                    return bound
                }
            }
            _ = lookUpExactForms(data, rowid)
        }
        if hasRuns { findAdjacentRuns(data) }
        // Which terms the row holds as typed: of those it holds at all, the ones whose exact form
        // is there too (the exact table has no positions: a phrase's words anywhere, then, where
        // they have other forms, its own places checked in the text).
        var withForm = 0, exactFound = 0
        for k in 0..<n {
            data.isExact[k] = true
            guard data.hasExact[k], data.tf[k] > 0 else { continue }
            withForm += 1
            if data.inExactRows[k], holdsPhraseAsTyped(api: a, fts: fts, data: data, term: k) {
                exactFound += 1
            } else {
                data.isExact[k] = false
            }
        }
        tally.anyTone += 1
        if context.countsExact || data.strict {
            let asTyped = ExactOp.run(UnsafeBufferPointer(data.program), stack: data.stack) { k in
                k < n && data.tf[k] > 0 && data.isExact[k]
            }
            if data.strict && !asTyped { return nil }
            if asTyped && context.countsExact {
                data.rowAsTyped = true
                tally.exactScored += 1
                tally.markExact(rowid)
            }
        }
        var bm25 = 0.0, anyAdjacent = false
        for k in 0..<n {
            let tf = data.tf[k]
            var termScore: Double
            if data.isAny {
                // An exact match weighs as its form is rare; a folded-only one as the folded word is, less.
                termScore = (data.isExact[k] ? data.exactIDF[k] : foldedOnlyWeight * data.idf[k]) * tf * (k1 + 1) / (tf + norm)
            } else {
                termScore = Self.termScore(idf: data.idf[k], tf: tf, norm: norm)
            }
            bm25 += termScore
            if data.adjacent[k] {
                anyAdjacent = true
                if data.isAny { bm25 += data.pairBonus[k] }
            }
        }
        if data.isAny { return bm25 }
        let exactShare = withForm > 0 ? Double(exactFound) / Double(withForm) : 0
        return adjacentWeight * (anyAdjacent ? 1 : 0) + exactWeight * exactShare + min(bm25, bm25Cap)
    }

    /// Notes, for each term with an exact form, whether the row is among its exact rows
    /// (`inExactRows`); returns how many are.
    @inline(__always) static func lookUpExactForms(_ data: QueryData, _ rowid: Int64) -> Int {
        var inExact = 0
        for k in 0..<data.termCount {
            let holds = !data.hasExact[k] || holdsExactForm(data, k, rowid)
            data.inExactRows[k] = holds
            if holds && data.hasExact[k] { inExact += 1 }
        }
        return inExact
    }

    /// A place of term k in the row, packed so that places order by term, then column, then offset.
    @inline(__always) static func place(term k: Int, column: Int32, offset: Int32) -> Int64 {
        Int64(k) << 48 | Int64(UInt16(truncatingIfNeeded: column)) << 32 | Int64(UInt32(bitPattern: offset))
    }

    /// Sets `adjacent[k]` for each run keyed by term k whose words stand at consecutive places of one
    /// column somewhere in the row: where FTS5 would match the run's phrase (`"nong thon moi"`), read
    /// from its words' places, which the row's instances give anyway. (As a phrase ORed onto the
    /// first word, FTS5 matched it on every row holding its words: half the cost of `viet nam`.)
    static func findAdjacentRuns(_ data: QueryData) {
        var places = UnsafeMutableBufferPointer(start: data.runPlaces, count: data.runPlaceCount)
        places.sort()
        for r in 0..<(data.runStart.count - 1) {
            let words = data.runTerms[data.runStart[r]..<data.runStart[r + 1]]
            guard let first = words.first, first < data.termCount, !data.adjacent[first] else { continue }
            // The first word's places, in order, then each next word one place further on.
            var i = RankingContext.lowerBound(places, Int64(first) << 48)
            while i < places.count && places[i] >> 48 == first {
                let start = places[i]
                var next = 1
                for k in words.dropFirst() {
                    let place = Int64(k) << 48 | ((start & (1 << 48 - 1)) + Int64(next))
                    guard RankingContext.contains(places, place) else { break }
                    next += 1
                }
                if next == words.count {
                    data.adjacent[first] = true
                    break
                }
                i += 1
            }
        }
    }

    /// Whether `rowid` is among the rows of term k's exact form. Rows come in ascending order, so
    /// the look-up gallops forward from where the last one ended (a few steps, not a binary search
    /// of the whole list); a row out of order starts again from the beginning.
    @inline(__always)
    static func holdsExactForm(_ data: QueryData, _ k: Int, _ rowid: Int64) -> Bool {
        let rows = data.context.exactRows[k]!
        let n = rows.count
        var lo = rowid >= data.cursorRow[k] ? data.cursor[k] : 0
        data.cursorRow[k] = rowid
        // Every row before `lo` is below `rowid`; double the step until one is not.
        var step = 1, hi = lo
        while hi < n && rows[hi] < rowid {
            lo = hi + 1
            hi = lo + step
            step <<= 1
        }
        hi = min(hi, n)
        while lo < hi {
            let mid = (lo + hi) / 2
            if rows[mid] < rowid { lo = mid + 1 } else { hi = mid }
        }
        data.cursor[k] = lo
        return lo < n && rows[lo] == rowid
    }

    /// For a phrase term with `RankingContext.phraseForms`: whether one of its places in the row
    /// (`QueryData.places`, gathered by `score`) holds every word in its exact form. The row's text
    /// is read (through FTS5, from the content table) and tokenized as the index stores it, counting
    /// positions as FTS5 does. Other terms: true.
    static func holdsPhraseAsTyped(api a: Fts5ExtensionApi, fts: OpaquePointer, data: QueryData, term k: Int) -> Bool {
        guard data.checkedTerms.contains(k), let forms = data.context.phraseForms[k] else { return true }
        let places = data.places.filter { $0.term == k }
        for column in Set(places.map(\.column)) {
            var text: UnsafePointer<CChar>?
            var length: Int32 = 0
            guard a.xColumnText(fts, column, &text, &length) == SQLITE_OK, let text, length > 0 else { continue }
            let starts = places.filter { $0.column == column }.map { Int($0.offset) }
            let last = (starts.max() ?? 0) + forms.count
            // For each place, how many of its words are there in exact form; no copies of the tokens.
            // Tokenizing stops at the first place found whole, or after the last place.
            var held = Array(repeating: 0, count: starts.count)
            var position = 0, found = false
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: Int(length))
            data.tokenizer.tokenize(bytes, exactForms: true) { token in
                guard token.kind.takesPosition else { return true }
                defer { position += 1 }
                // An empty form is a break the phrase holds: the index's boundary stands there.
                for (n, start) in starts.enumerated() where position >= start && position < start + forms.count {
                    let form = forms[position - start]
                    if form.isEmpty ? token.kind == .boundary : token.kind == .word && token.exact.elementsEqual(form) {
                        held[n] += 1
                        if held[n] == forms.count { found = true }
                    }
                }
                return !found && position + 1 < last
            }
            if found { return true }
        }
        return false
    }
}
