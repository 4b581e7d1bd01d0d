import CSQLite
import Foundation
import VietnameseText

/// Rows of the `exact` table that hold each accented query term in its exact form, sorted.
/// `Searcher` fills it before the main query and hands it to `vrank` as an SQLite pointer value.
final class ExactSets {
    /// For term k: the rowids holding its exact form, or nil when the term has no marks.
    var terms: [[Int64]?] = []
    /// Rows holding an excluded accented word (`-bán`); they are dropped.
    var excluded: [[Int64]] = []
    /// Rows scored so far (not dropped): after a sorted query, the total number of matches.
    var scored = 0
    /// Rows that passed the filter and the exclusions, with any tone, whether or not `strict` dropped them.
    var anyTone = 0
    /// Rows that hold the query as typed (`ExactOp`), counted when `countsExact` is set.
    var exactScored = 0
    /// True when the query was typed with marks (every word taken as typed) and is no question:
    /// then `exactScored` and `anyTone` say what they count.
    var countsExact = false
    /// For term k, when it is a phrase of several words one of which the index holds in more than
    /// one form: the exact forms of its words. The exact table keeps no positions, so a row that
    /// holds each word as typed somewhere is checked at the phrase's own places (`Sơn là … la` is
    /// not `Sơn La`), by reading the row's text.
    var phraseForms: [[[UInt8]]?] = []
    /// How a row holds the query as typed, from which terms it holds in exact form.
    var program: [ExactOp] = []
    /// For a question: the terms one of which a row must hold (`QueryCompiler.Compiled.selectors`),
    /// and those that count only in exact form. Empty: no such rule.
    var selectors: [Int] = []
    var exactSelectors: [Int] = []
    /// When set, the rows holding the query as typed, one bit per passage id (for `--per-article`).
    var exactRows: [UInt64]?
    /// For term k, how many passages hold it, when the searcher knows (from fts5vocab); else vrank
    /// counts with xQueryPhrase, which reads the whole doclist.
    var documentFrequencies: [Int?] = []
    /// Token counts by passage id (`PassageLengths`), owned by the searcher.
    var lengths = UnsafeBufferPointer<UInt16>(start: nil, count: 0)
    /// When set, vrank keeps the best rows here itself, so that the query need not sort every match.
    var best: BestRows?
    /// When set, only passages whose bit is set are scored (a `SearchFilter`); others are dropped.
    var admitted: [UInt64]?

    static func contains(_ sorted: [Int64], _ rowid: Int64) -> Bool {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < rowid { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == rowid
    }

    func markExact(_ rowid: Int64) {
        guard exactRows != nil, rowid >= 0 else { return }
        let word = Int(rowid >> 6)
        if word >= exactRows!.count { exactRows!.append(contentsOf: repeatElement(0, count: word + 1 - exactRows!.count)) }
        exactRows![word] |= 1 << UInt64(rowid & 63)
    }

    /// The pointer type tag `vrank` checks: a C string that lives forever.
    nonisolated(unsafe) static let pointerType = strdup("vrank_exact")!
}

/// One step of the postfix program that says whether a row holds the query as typed: the query's
/// AND and OR over its terms, each term true where the row holds it in exact form (a term without
/// an exact form, such as a prefix or a joined abbreviation, where the row holds it at all).
/// Exclusions are not in it: they drop rows before.
enum ExactOp: Equatable {
    case term(Int)
    case all(Int)
    case any(Int)

    /// True when `program` leaves one value and names only terms below `terms`.
    static func isValid(_ program: [ExactOp], terms: Int) -> Bool {
        var depth = 0
        for op in program {
            switch op {
            case .term(let k): guard k >= 0 && k < terms else { return false }; depth += 1
            case .all(let n), .any(let n): guard n >= 1 && n <= depth else { return false }; depth -= n - 1
            }
        }
        return program.isEmpty || depth == 1
    }

    /// Runs `program` on `stack` (room for `program.count` values); `holds(k)` says whether the
    /// row holds term k as typed.
    @inline(__always)
    static func run(_ program: UnsafeBufferPointer<ExactOp>, stack: UnsafeMutablePointer<Bool>, _ holds: (Int) -> Bool) -> Bool {
        var top = 0
        for op in program {
            switch op {
            case .term(let k):
                stack[top] = holds(k); top += 1
            case .all(let n):
                var value = true
                for i in (top - n)..<top where !stack[i] { value = false }
                top -= n; stack[top] = value; top += 1
            case .any(let n):
                var value = false
                for i in (top - n)..<top where stack[i] { value = true }
                top -= n; stack[top] = value; top += 1
            }
        }
        return top > 0 && stack[top - 1]
    }
}

/// The best rows by score (higher first, then lower rowid), as vrank sees them. Keeping `capacity`
/// rows in a heap replaced an SQL `ORDER BY score DESC LIMIT n`, whose sorter cost about a tenth of
/// a query matching 100,000 rows; with no capacity it keeps every row.
final class BestRows {
    private var heap: [(score: Double, rowid: Int64)] = []
    private let capacity: Int?
    /// The worst row kept, once the heap is full: a row that does not beat it is dropped at once.
    private var floor: (score: Double, rowid: Int64)?

    init(capacity: Int?) {
        self.capacity = capacity.map { max(0, $0) }
        if let capacity { heap.reserveCapacity(max(0, capacity)) }
    }

    @inline(__always) static func beats(_ a: (score: Double, rowid: Int64), _ b: (score: Double, rowid: Int64)) -> Bool {
        a.score > b.score || (a.score == b.score && a.rowid < b.rowid)
    }

    func offer(_ score: Double, _ rowid: Int64) {
        let row = (score: score, rowid: rowid)
        if let floor, !Self.beats(row, floor) { return }
        guard let capacity else { heap.append(row); return }
        guard capacity > 0 else { return }
        if heap.count < capacity {
            // Sift up: the root is the worst row.
            heap.append(row)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard Self.beats(heap[parent], heap[i]) else { break }
                heap.swapAt(parent, i)
                i = parent
            }
        } else {
            heap[0] = row
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count && Self.beats(heap[worst], heap[l]) { worst = l }
                if r < heap.count && Self.beats(heap[worst], heap[r]) { worst = r }
                if worst == i { break }
                heap.swapAt(i, worst)
                i = worst
            }
        }
        if heap.count == capacity { floor = heap[0] }
    }

    /// The rows kept, best first.
    func sorted() -> [(score: Double, rowid: Int64)] {
        heap.sorted(by: Self.beats)
    }
}

/// `vrank(passages, mode, roles, exact)`: the FTS5 auxiliary function that ranks a matching row.
///
/// It folds three things into one higher-is-better score, so that one `ORDER BY … LIMIT` query
/// returns the best page: BM25 over the query's terms (the title column weighted `titleWeight`), exact-form preference for accented terms, and adjacency of the query's words.
///
/// `roles` names each phrase of the FTS5 expression in order: `t<k>` term k, `p<k>` an adjacency
/// phrase starting at term k, `-` an excluded phrase. `exact` is an `ExactSets` pointer.
/// `mode` holds `and` or `any`, and optionally `strict`.
///
/// - `and`: score = 500 × (the words of a run stand together, in order) + 400 × (share of the
///   terms present that are there as typed) + BM25 (capped below 100). Adjacency weighs more than
///   exactness, so one slipped accent (`nông thôn mơi`) costs less than a broken phrase: the
///   passage with `nông thôn mới` comes before one with `nông`, `thôn` and `mơi` scattered. For an
///   unaccented query, the exact forms are those of its likeliest reading (`Searcher`).
/// - `any` (natural-language questions): BM25 where a term found in its exact form weighs the
///   IDF of that form, and one found only folded `foldedOnlyWeight` times the folded IDF, plus,
///   for each adjacent pair of query words present, half of the pair's IDF.
/// - `strict`: NULL for a row that does not hold the query as typed (`ExactOp`); so is a row
///   holding an excluded exact form, in every mode.
/// Each non-NULL score is counted in `ExactSets.scored`, which gives the search its total; rows
/// passing filter and exclusions in `anyTone`, and those holding the query as typed in `exactScored`.
enum Ranking {
    static let titleWeight = 2.0
    static let adjacentWeight = 500.0, exactWeight = 400.0
    static let foldedOnlyWeight = 0.6
    static let k1 = 1.2, b = 0.75

    enum Role: Equatable { case term(Int), adjacent(Int), excluded }

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
        var avgLength = 1.0
        var isAny = false, strict = false
        var exact: ExactSets?
        var lengths = UnsafeBufferPointer<UInt16>(start: nil, count: 0)
        var tf: UnsafeMutablePointer<Double> = .allocate(capacity: 1)
        var adjacent: UnsafeMutablePointer<Bool> = .allocate(capacity: 1)
        var isExact: UnsafeMutablePointer<Bool> = .allocate(capacity: 1)
        /// Whether term k has an exact form to look for (its row set in `ExactSets.terms`).
        var hasExact: UnsafeMutablePointer<Bool> = .allocate(capacity: 1)
        var program: UnsafeMutableBufferPointer<ExactOp> = .init(start: nil, count: 0)
        /// The phrase numbers of the selectors that count wherever the row holds them.
        var selectorPhrases: [Int32] = []
        /// The terms with `ExactSets.phraseForms`, and the current row's places of them (column,
        /// first position), gathered in the one pass over the row's instances.
        var checkedTerms: Set<Int> = []
        var places: [(term: Int, column: Int32, offset: Int32)] = []
        let tokenizer = StoredTokenizer()
        var stack: UnsafeMutablePointer<Bool> = .allocate(capacity: 1)

        func allocate(terms: Int, roles list: [Role]) {
            termCount = terms
            for p in [idf, tf, exactIDF] { p.deallocate() }
            exactIDF = .allocate(capacity: max(1, terms)); exactIDF.initialize(repeating: 0, count: max(1, terms))
            for p in [adjacent, isExact] { p.deallocate() }
            idf = .allocate(capacity: max(1, terms)); idf.initialize(repeating: 0, count: max(1, terms))
            tf = .allocate(capacity: max(1, terms)); tf.initialize(repeating: 0, count: max(1, terms))
            adjacent = .allocate(capacity: max(1, terms)); adjacent.initialize(repeating: false, count: max(1, terms))
            isExact = .allocate(capacity: max(1, terms)); isExact.initialize(repeating: true, count: max(1, terms))
            hasExact.deallocate()
            hasExact = .allocate(capacity: max(1, terms)); hasExact.initialize(repeating: false, count: max(1, terms))
            roles = .allocate(capacity: list.count)
            _ = roles.initialize(from: list)
        }

        func setProgram(_ ops: [ExactOp]) {
            program.deallocate(); stack.deallocate()
            program = .allocate(capacity: ops.count)
            _ = program.initialize(from: ops)
            stack = .allocate(capacity: max(1, ops.count))
        }

        deinit {
            idf.deallocate(); tf.deallocate(); exactIDF.deallocate(); adjacent.deallocate(); isExact.deallocate(); hasExact.deallocate()
            roles.deallocate(); program.deallocate(); stack.deallocate()
        }
    }

    /// The most terms a role may name: a query has at most `Query.maxTerms` words, and joined
    /// alternatives add a few.
    static let maxRoleTerm = 4 * Query.maxTerms

    /// The roles, or nil when one is not `t<k>`, `p<k>` (0 ≤ k < `maxRoleTerm`) or `-`: any SQL on
    /// the connection can call vrank (the loadable extension makes that every tool), so what it is
    /// handed is checked as strictly as SQLite's own functions check theirs.
    static func parseRoles(_ text: String) -> [Role]? {
        var roles: [Role] = []
        for item in text.split(separator: " ") {
            if item == "-" { roles.append(.excluded); continue }
            guard let first = item.first, first == "t" || first == "p", let k = Int(item.dropFirst()),
                  k >= 0, k < maxRoleTerm, item.dropFirst().allSatisfy(\.isASCII) else { return nil }
            roles.append(first == "t" ? .term(k) : .adjacent(k))
        }
        return roles
    }

    static let function: fts5_extension_function = { api, fts, ctx, nVal, values in
        guard let api, let fts, let ctx else { return }
        let a = api.pointee
        let data: QueryData
        if let raw = a.xGetAuxdata(fts, 0) {
            data = Unmanaged<QueryData>.fromOpaque(raw).takeUnretainedValue()
        } else {
            // The values are the arguments after the table: mode, roles and the optional exact sets.
            guard nVal >= 2, let values, let modeText = sqlite3_value_text(values[0]),
                  let rolesText = sqlite3_value_text(values[1]) else {
                sqlite3_result_error(ctx, "vrank(passages, mode, roles, exact) needs three or four arguments", -1)
                return
            }
            guard let prepared = prepare(api: a, fts: fts, mode: String(cString: modeText),
                                         roles: String(cString: rolesText),
                                         exact: nVal >= 3 ? sqlite3_value_pointer(values[2], ExactSets.pointerType) : nil) else {
                sqlite3_result_error(ctx, "vrank: the roles do not match the query's phrases", -1)
                return
            }
            data = prepared
            // Retained for FTS5, which releases it through the destructor when the query ends.
            _ = a.xSetAuxdata(fts, Unmanaged.passRetained(data).toOpaque()) { Unmanaged<QueryData>.fromOpaque($0!).release() }
        }
        if let score = score(api: a, fts: fts, data: data) {
            if let exact = data.exact {
                exact.scored += 1
                exact.best?.offer(score, a.xRowid(fts))
            }
            sqlite3_result_double(ctx, score)
        } else {
            sqlite3_result_null(ctx)
        }
    }

    static func prepare(api a: Fts5ExtensionApi, fts: OpaquePointer, mode: String, roles: String,
                        exact: UnsafeMutableRawPointer?) -> QueryData? {
        let data = QueryData()
        let flags = mode.split(separator: " ")
        data.isAny = flags.contains("any")
        data.strict = flags.contains("strict")
        data.exact = exact.map { Unmanaged<ExactSets>.fromOpaque($0).takeUnretainedValue() }
        guard let list = parseRoles(roles), list.count == Int(a.xPhraseCount(fts)) else { return nil }
        let terms = list.compactMap { if case .term(let k) = $0 { k } else { nil } }
        data.allocate(terms: (terms.max() ?? -1) + 1, roles: list)
        data.lengths = data.exact?.lengths ?? UnsafeBufferPointer(start: nil, count: 0)
        if let exact = data.exact {
            for k in 0..<min(data.termCount, exact.terms.count) where exact.terms[k] != nil { data.hasExact[k] = true }
            guard ExactOp.isValid(exact.program, terms: data.termCount),
                  (exact.selectors + exact.exactSelectors).allSatisfy({ $0 >= 0 && $0 < data.termCount }),
                  exact.exactSelectors.allSatisfy({ $0 < exact.terms.count && exact.terms[$0] != nil }) else { return nil }
            data.setProgram(exact.program)
            data.checkedTerms = Set(exact.phraseForms.indices.filter { exact.phraseForms[$0] != nil && $0 < data.termCount })
            if !exact.exactSelectors.isEmpty {
                data.selectorPhrases = list.indices.compactMap { i in
                    if case .term(let k) = list[i], exact.selectors.contains(k) { Int32(i) } else { nil }
                }
            }
        }
        var rows: Int64 = 0, tokens: Int64 = 0
        _ = a.xRowCount(fts, &rows)
        _ = a.xColumnTotalSize(fts, -1, &tokens)
        data.avgLength = rows > 0 ? max(1, Double(tokens) / Double(rows)) : 1
        for (i, role) in list.enumerated() {
            guard case .term(let k) = role, data.idf[k] == 0 else { continue }
            var hits: Int64 = 0
            if let known = data.exact?.documentFrequencies, k < known.count, let df = known[k] {
                hits = Int64(df)
            } else {
                _ = a.xQueryPhrase(fts, Int32(i), &hits) { _, _, user in
                    user!.assumingMemoryBound(to: Int64.self).pointee += 1
                    return SQLITE_OK
                }
            }
            let n = Double(rows), df = Double(hits)
            data.idf[k] = max(log((n - df + 0.5) / (df + 0.5)), 1e-6)
            data.exactIDF[k] = data.idf[k]
            if data.isAny, let sets = data.exact?.terms, k < sets.count, let rows = sets[k] {
                let exactDF = Double(rows.count)
                data.exactIDF[k] = max(log((n - exactDF + 0.5) / (exactDF + 0.5)), data.idf[k])
            }
        }
        return data
    }

    static func score(api a: Fts5ExtensionApi, fts: OpaquePointer, data: QueryData) -> Double? {
        let rowid = a.xRowid(fts)
        let n = data.termCount
        if let exact = data.exact {
            if let admitted = exact.admitted, !SearchFilter.contains(admitted, rowid) { return nil }
            for sorted in exact.excluded where ExactSets.contains(sorted, rowid) { return nil }
            // A question's row must hold one of its rare words; one rare only in exact form counts
            // only in that form (the expression found it folded). Checked before reading instances.
            if !exact.exactSelectors.isEmpty
                && !exact.exactSelectors.contains(where: { ExactSets.contains(exact.terms[$0]!, rowid) })
                && !data.selectorPhrases.contains(where: { phrase in
                    var iter = Fts5PhraseIter(), column: Int32 = -1, offset: Int32 = -1
                    _ = a.xPhraseFirst(fts, phrase, &iter, &column, &offset)
                    return column >= 0
                }) {
                return nil
            }
        }
        for k in 0..<n { data.tf[k] = 0; data.adjacent[k] = false }
        let checking = !data.checkedTerms.isEmpty
        if checking { data.places.removeAll(keepingCapacity: true) }
        var count: Int32 = 0
        _ = a.xInstCount(fts, &count)
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        for i in 0..<count {
            guard a.xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK, Int(phrase) < data.roles.count else { continue }
            switch data.roles[Int(phrase)] {
            case .term(let k):
                data.tf[k] += column == 1 ? titleWeight : 1
                if checking && data.checkedTerms.contains(k) { data.places.append((k, column, offset)) }
            case .adjacent(let k): if k < n { data.adjacent[k] = true }
            case .excluded: break
            }
        }
        // Which terms the row holds as typed: of those it holds at all, the ones whose exact form
        // is there too (the exact table has no positions: a phrase's words anywhere, then, where
        // they have other forms, its own places checked in the text).
        var withForm = 0, exactFound = 0
        if let exact = data.exact {
            for k in 0..<n {
                data.isExact[k] = true
                guard data.hasExact[k], data.tf[k] > 0 else { continue }
                withForm += 1
                if ExactSets.contains(exact.terms[k]!, rowid), holdsPhraseAsTyped(api: a, fts: fts, data: data, term: k) {
                    exactFound += 1
                } else {
                    data.isExact[k] = false
                }
            }
            exact.anyTone += 1
            if exact.countsExact || data.strict {
                let asTyped = ExactOp.run(UnsafeBufferPointer(data.program), stack: data.stack) { k in
                    k < n && data.tf[k] > 0 && data.isExact[k]
                }
                if data.strict && !asTyped { return nil }
                if asTyped && exact.countsExact {
                    exact.exactScored += 1
                    exact.markExact(rowid)
                }
            }
        }
        var length: Int32 = 0
        let lengths = data.lengths
        if rowid >= 0, rowid < lengths.count, lengths[Int(rowid)] > 0 {
            length = Int32(lengths[Int(rowid)])
        } else {
            _ = a.xColumnSize(fts, -1, &length)
        }
        let norm = k1 * (1 - b + b * Double(length) / data.avgLength)
        var bm25 = 0.0, anyAdjacent = false
        for k in 0..<n {
            let tf = data.tf[k]
            var termScore: Double
            if data.isAny {
                // An exact match weighs as its form is rare; a folded-only one as the folded word is, less.
                termScore = (data.isExact[k] ? data.exactIDF[k] : foldedOnlyWeight * data.idf[k]) * tf * (k1 + 1) / (tf + norm)
            } else {
                termScore = data.idf[k] * tf * (k1 + 1) / (tf + norm)
            }
            bm25 += termScore
            if data.adjacent[k] {
                anyAdjacent = true
                if data.isAny { bm25 += 0.5 * (data.idf[k] + (k + 1 < n ? data.idf[k + 1] : 0)) }
            }
        }
        if data.isAny { return bm25 }
        let exactShare = withForm > 0 ? Double(exactFound) / Double(withForm) : 0
        return adjacentWeight * (anyAdjacent ? 1 : 0) + exactWeight * exactShare + min(bm25, 99.9)
    }

    /// For a phrase term with `ExactSets.phraseForms`: whether one of its places in the row
    /// (`QueryData.places`, gathered by `score`) holds every word in its exact form. The row's text
    /// is read (through FTS5, from the content table) and tokenized as the index stores it, counting
    /// positions as FTS5 does. Other terms: true.
    static func holdsPhraseAsTyped(api a: Fts5ExtensionApi, fts: OpaquePointer, data: QueryData, term k: Int) -> Bool {
        guard data.checkedTerms.contains(k), let exact = data.exact, let forms = exact.phraseForms[k] else { return true }
        let places = data.places.filter { $0.term == k }
        for column in Set(places.map(\.column)) {
            var text: UnsafePointer<CChar>?
            var length: Int32 = 0
            guard a.xColumnText(fts, column, &text, &length) == SQLITE_OK, let text, length > 0 else { continue }
            let starts = places.filter { $0.column == column }.map { Int($0.offset) }
            let last = (starts.max() ?? 0) + forms.count
            // For each place, how many of its words are there in exact form; no copies of the tokens.
            var held = Array(repeating: 0, count: starts.count)
            var position = 0
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: Int(length))
            data.tokenizer.tokenize(bytes, exactForms: true) { token in
                guard token.kind.takesPosition else { return true }
                defer { position += 1 }
                if token.kind == .word {
                    for (n, start) in starts.enumerated() where position >= start && position < start + forms.count {
                        if token.exact.elementsEqual(forms[position - start]) { held[n] += 1 }
                    }
                }
                return position + 1 < last
            }
            if held.contains(forms.count) { return true }
        }
        return false
    }
}
