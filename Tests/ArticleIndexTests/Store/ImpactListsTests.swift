import Foundation
import TestSupport
import Testing
@testable import ArticleIndex

/// The impact lists (`ImpactLists`): what a level keeps, and one-word pages read from them that
/// equal scoring every match, through runs that add, replace and remove articles.
@Suite struct ImpactListsTests {
    @Test func aLevelKeepsTheShortestRowsAndWhereItStopped() {
        var level = ImpactLists.Level(tf: 1)
        let cap = ImpactLists.capacity
        // Rows of lengths 100, 99, … 1 (id = length): the shortest `cap` are kept.
        for n in stride(from: 100, through: 1, by: -1) { level.offer(ImpactLists.key(length: UInt16(n), rowid: Int64(n))) }
        #expect(level.keys.sorted().map(ImpactLists.rowid) == (1...Int64(cap)).map { $0 })
        #expect(ImpactLists.rowid(level.threshold) == Int64(cap + 1), "the shortest row left out")
        #expect(level.valid.count == cap)
        // Equal lengths: the lower id is kept.
        var ties = ImpactLists.Level(tf: 2)
        for id in stride(from: Int64(cap + 5), through: 1, by: -1) { ties.offer(ImpactLists.key(length: 7, rowid: id)) }
        #expect(ties.valid.map(ImpactLists.rowid).sorted() == (1...Int64(cap)).map { $0 })
    }

    @Test func removingAndMergingKeepWhatTheThresholdPromises() {
        var level = ImpactLists.Level(tf: 1)
        for n in 1...40 { level.offer(ImpactLists.key(length: UInt16(n), rowid: Int64(n))) }
        level.remove([3, 5])
        #expect(level.valid.count == ImpactLists.capacity - 2, "removed rows are gone, no row is promised in their place")
        var newer = ImpactLists.Level(tf: 1)
        newer.offer(ImpactLists.key(length: 2, rowid: 100))
        newer.offer(ImpactLists.key(length: 60, rowid: 101))
        level.merge(newer)
        let valid = level.valid.map(ImpactLists.rowid)
        #expect(valid.contains(100) && !valid.contains(101), "a new short row comes in; a long one is above the threshold")
        #expect(valid.allSatisfy { $0 == 100 || $0 <= Int64(ImpactLists.capacity) })
    }

    @Test func storedBytesRoundTrip() {
        var a = ImpactLists.Level(tf: 3)
        for n in 1...50 { a.offer(ImpactLists.key(length: UInt16(n % 17 + 1), rowid: Int64(n * 1_000_003))) }
        var b = ImpactLists.Level(tf: 1)
        b.offer(ImpactLists.key(length: 65535, rowid: 1 << 39))
        let decoded = ImpactLists.encode([a, b]).withUnsafeBytes { ImpactLists.decode($0) }
        #expect(decoded?.map(\.tf) == [1, 3])
        #expect(decoded?.last?.keys == a.keys.sorted())
        #expect(decoded?.last?.threshold == a.threshold)
        #expect(decoded?.first?.threshold == .max)
        #expect([UInt8]([0x85]).withUnsafeBytes { ImpactLists.decode($0) } == nil, "a cut blob is refused")
    }

    /// `đang` once in rows of many lengths (more than a level keeps), twice in a few, in a title
    /// once; `Đảng` in a few.
    static func write(_ tmp: TemporaryFolder, _ n: Int, extra: String = "") {
        let filler = String(repeating: " thêm chữ", count: n % 23)
        let line = n % 9 == 0 ? "Đảng và nhân dân đang chờ\(filler)." : n % 5 == 0 ? "Họ đang đi, đang về\(filler)." : "Trời đang mưa\(filler)."
        tmp.write("c/a\(n).txt", (n % 11 == 0 ? "Tin đang nóng \(n)" : "Bài \(n)") + "\n\n\(line)\(extra)\n")
    }

    static let queries = ["dang", "đang", "Đảng", "mưa", "chờ", "nhân"]

    func expectListsAnswerAsFullRanking(_ db: String, pages: [(limit: Int, offset: Int)] = [(10, 0), (5, 12), (3, ImpactLists.capacity - 3)],
                                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let searcher = try Searcher(path: db)
        var read = 0
        for query in Self.queries {
            for page in pages {
                for strict in [false, true] {
                    let r = try PagedAgainstFull.compare(searcher, query, SearchOptions(strict: strict), limit: page.limit, offset: page.offset)
                    #expect(r.problems.isEmpty, "\(r.problems)", sourceLocation: sourceLocation)
                    // `đang` is in most rows: its pages are in the lists. (The others fall back where a
                    // page is longer than the rows holding the form, or beyond what the lists promise.)
                    if query == "đang" || (query == "dang" && !strict) {
                        #expect(r.fromLists, "\(query) \(page) \(strict) was not read from the lists", sourceLocation: sourceLocation)
                    }
                    if r.fromLists { read += 1 }
                }
            }
        }
        #expect(read > 12, "other one-word pages are read from the lists too", sourceLocation: sourceLocation)
    }

    /// Runs with batches of 10 articles; with `flushing`, the rows held are written at every batch.
    func run(_ tmp: TemporaryFolder, _ db: String, prune: Bool = false, flushing: Bool) throws {
        let indexer = try Indexer(path: db)
        indexer.batchSize = 10
        if flushing { indexer.impactBudget = 1 }
        _ = try indexer.run(paths: [tmp.path("c")], prune: prune)
    }

    /// Four runs, each followed by `check`: `first` articles, then half as many more (shorter and
    /// longer rows), then every `replaceEvery`th replaced with `extra` (its old rows leave the lists,
    /// the new ones may come in), then every `removeEvery`th removed with --prune.
    func acrossRuns(flushing: Bool, first: Int, replaceEvery: Int, removeEvery: Int, extra: String,
                    write: (TemporaryFolder, Int, String) -> Void, check: (String) throws -> Void) throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        let all = first + first / 2
        for n in 0..<first { write(tmp, n, "") }
        try run(tmp, db, flushing: flushing)
        try check(db)
        for n in first..<all { write(tmp, n, "") }
        try run(tmp, db, flushing: flushing)
        try check(db)
        for n in stride(from: 0, to: all, by: replaceEvery) { write(tmp, n, extra) }
        try run(tmp, db, flushing: flushing)
        try check(db)
        for n in stride(from: 1, to: all, by: removeEvery) { try FileManager.default.removeItem(atPath: tmp.path("c/a\(n).txt")) }
        try run(tmp, db, prune: true, flushing: flushing)
        try check(db)
    }

    @Test(arguments: [false, true])
    func pagesEqualFullRankingAcrossRuns(flushing: Bool) throws {
        try acrossRuns(flushing: flushing, first: 80, replaceEvery: 4, removeEvery: 3, extra: " Đảng đang lo.",
                       write: { Self.write($0, $1, extra: $2) }, check: { try expectListsAnswerAsFullRanking($0) })
    }

    @Test func aPairLevelHoldsBothTFs() {
        for (a, b) in [(1, 1), (15, 15), (2, 1), (16, 1), (1, 300), (32_767, 32_767)] as [(UInt32, UInt32)] {
            let level = ImpactLists.pairTF(a, b)
            #expect(ImpactLists.pairTFs(level)! == (a, b))
            #expect((level < 256) == (a < 16 && b < 16), "small tfs are kept compactly")
        }
        #expect(ImpactLists.pairTFs(ImpactLists.pairTF(1 << 15, 1)) == nil, "a level no search reads")
    }

    /// Passages with listed pairs (`ListedPairs`: `bong da`, `viet nam`, `co the`) together and
    /// apart, in their exact forms and in others (`bóng đã`, `cơ thể`), once and twice, in titles.
    static func writePairs(_ tmp: TemporaryFolder, _ n: Int, extra: String = "") {
        let filler = String(repeating: " thêm chữ", count: n % 19)
        let lines = [
            "Bóng đá Việt Nam", "Đá bóng ở Việt Nam", "Họ có thể chơi bóng đá", "Cơ thể khỏe, có thể đá bóng",
            "Bóng đã lăn, viet nam", "Việt Nam, Việt Nam và bóng đá, bóng đá", "Cơ thể và bóng, đá", "Nam Việt có thể",
        ]
        let body = lines[n % lines.count] + filler + "." + (n % 4 == 0 ? "\n\n" + lines[(n + 3) % lines.count] + "." : "")
        tmp.write("c/a\(n).txt", (n % 7 == 0 ? "Bóng đá \(n)" : "Bài \(n)") + "\n\n\(body)\(extra)\n")
    }

    static let pairQueries = ["bóng đá", "bong da", "Việt Nam", "viet nam", "có thể", "cơ thể", "co the", "bóng đã", "Bóng Đá",
                              // Quoted: read from the pair's list too (`phraseFromPairList`).
                              "\"bóng đá\"", "\"Việt Nam\"", "\"có thể\"", "\"cơ thể\"", "\"bóng đã\"", "\"Bóng Đá\"", "\"Nam Việt\"",
                              "\"bong da\"", "\"viet nam\"", "\"co the\""]

    func expectPairPagesAsFullRanking(_ db: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let searcher = try Searcher(path: db)
        var read: Set<String> = []
        for query in Self.pairQueries {
            for page in [(limit: 10, offset: 0), (limit: 5, offset: 12), (limit: 3, offset: ImpactLists.capacity - 3)] {
                for strict in [false, true] {
                    let r = try PagedAgainstFull.compare(searcher, query, SearchOptions(strict: strict), limit: page.limit, offset: page.offset)
                    #expect(r.problems.isEmpty, "\(r.problems)", sourceLocation: sourceLocation)
                    if r.fromLists { read.insert(query) }
                }
            }
        }
        // Rows holding the pair together in its exact forms fill these pages; the others fall back.
        #expect(read.isSuperset(of: ["bóng đá", "bong da", "Việt Nam", "viet nam", "có thể", "\"bóng đá\"", "\"Việt Nam\"", "\"có thể\"", "\"bong da\"", "\"viet nam\""]),
                "\(read)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [false, true])
    func pairPagesEqualFullRankingAcrossRuns(flushing: Bool) throws {
        try acrossRuns(flushing: flushing, first: 100, replaceEvery: 3, removeEvery: 4, extra: " Bóng đá Việt Nam.",
                       write: { Self.writePairs($0, $1, extra: $2) }, check: { try expectPairPagesAsFullRanking($0) })
    }

    /// An index of `count` articles written by `write`, in one run; keep the folder while using it.
    static func indexed(_ count: Int, _ write: (TemporaryFolder, Int) -> Void) throws -> (folder: TemporaryFolder, db: String) {
        let tmp = TemporaryFolder()
        for n in 0..<count { write(tmp, n) }
        _ = try index([tmp.path("c")], db: tmp.path("i.sqlite"))
        return (tmp, tmp.path("i.sqlite"))
    }

    @Test func aPairsCountStopsAtTheLimitAndSaysSo() throws {
        let (folder, db) = try Self.indexed(100) { Self.writePairs($0, $1) }
        let searcher = try Searcher(path: db)
        let full = try searcher.rankedHits("Việt Nam", options: SearchOptions(), limit: -1)
        searcher.countLimit = 5
        let paged = try searcher.search("Việt Nam")
        #expect(paged.totalIsLowerBound && paged.exactTotal == 5 && paged.exactTotalIsLowerBound && paged.anyToneTotalIsLowerBound)
        // The pair's adjacent passages are a lower bound of those holding both words: more than 5.
        let together = try searcher.documentFrequency(RankingPlan.Term(words: try Query.parse("viet nam").positiveUnits.flatMap { $0 }, exactQuery: nil))
        #expect(paged.anyToneTotal == max(5, together) && together > 5 && together <= full.total)
        var all = SearchOptions()
        all.countAll = true
        let counted = try searcher.search("Việt Nam", options: all)
        #expect(!counted.totalIsLowerBound && !counted.exactTotalIsLowerBound && !counted.anyToneTotalIsLowerBound)
        #expect(counted.exactTotal == full.counts?.exact && counted.anyToneTotal == full.counts?.anyTone)
        #expect(counted.results.map(\.text) == paged.results.map(\.text))
        withExtendedLifetime(folder) {}
    }

    /// A quoted phrase read from its pair's list counts the passages holding it as typed up to the
    /// limit, each checked in its text (`Bóng đã lăn` holds both exact forms of `"bóng đá"`
    /// nowhere together), and says when it stopped; the page is the same either way.
    @Test func aPhrasesCountAsTypedStopsAtTheLimitAndSaysSo() throws {
        let (folder, db) = try Self.indexed(100) { Self.writePairs($0, $1) }
        let searcher = try Searcher(path: db)
        for phrase in ["\"bóng đá\"", "\"Việt Nam\""] {
            let full = try searcher.rankedHits(phrase, options: SearchOptions(), limit: -1)
            searcher.countLimit = 5
            let paged = try searcher.rankedHits(phrase, options: SearchOptions(), limit: 10)
            // As typed, at least 5; with any tone, the index's own count (the total, not strict): exact.
            #expect(paged.fromLists && paged.exactAtLeast && !paged.anyToneAtLeast && !paged.atLeast)
            #expect(paged.counts?.exact == 5 && paged.counts?.anyTone == full.counts?.anyTone && paged.total == full.total)
            var strict = SearchOptions()
            strict.strict = true
            let strictPage = try searcher.rankedHits(phrase, options: strict, limit: 10)
            #expect(strictPage.fromLists && strictPage.atLeast && strictPage.total == 5, "strict: the total is the count as typed")
            searcher.countLimit = Searcher.countLimit
            let counted = try searcher.rankedHits(phrase, options: SearchOptions(), limit: 10)
            #expect(counted.fromLists && !counted.atLeast && counted.counts! == full.counts! && counted.total == full.total)
            #expect(counted.hits.map(\.rowid) == paged.hits.map(\.rowid) && counted.hits.map(\.rowid) == full.hits.prefix(10).map(\.rowid))
            #expect(full.counts!.exact > 5 && full.counts!.exact < full.counts!.anyTone, "\(phrase): some passages hold it in other tones")
        }
        withExtendedLifetime(folder) {}
    }

    @Test func pagesBeyondTheListsAndStaleListsScoreEveryMatch() throws {
        let (tmp, db) = try Self.indexed(80) { Self.write($0, $1) }
        let searcher = try Searcher(path: db)
        let beyond = try PagedAgainstFull.compare(searcher, "đang", SearchOptions(), limit: 10, offset: ImpactLists.capacity)
        #expect(beyond.problems.isEmpty && !beyond.fromLists)
        // Lists not known to be complete (as after an upgrade from an older schema) are not used,
        // and a run does not make them so.
        let database = try IndexStore.openForWriting(db)
        try database.execute("DELETE FROM meta WHERE key = 'impact_rows'")
        for n in 80..<90 { Self.write(tmp, n) }
        _ = try index([tmp.path("c")], db: db)
        let again = try PagedAgainstFull.compare(try Searcher(path: db), "đang", SearchOptions(), limit: 10, offset: 0)
        #expect(again.problems.isEmpty && !again.fromLists)
    }
}
