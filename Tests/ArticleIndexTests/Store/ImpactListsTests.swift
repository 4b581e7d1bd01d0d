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

    @Test(arguments: [false, true])
    func pagesEqualFullRankingAcrossRuns(flushing: Bool) throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        for n in 0..<60 { Self.write(tmp, n) }
        try run(tmp, db, flushing: flushing)
        try expectListsAnswerAsFullRanking(db)
        // A second run adds shorter and longer rows.
        for n in 60..<120 { Self.write(tmp, n) }
        try run(tmp, db, flushing: flushing)
        try expectListsAnswerAsFullRanking(db)
        // Replaced articles: their old rows leave the lists; the new ones may come in.
        for n in stride(from: 0, to: 120, by: 4) { Self.write(tmp, n, extra: " Đảng đang lo.") }
        try run(tmp, db, flushing: flushing)
        try expectListsAnswerAsFullRanking(db)
        // Removed articles (--prune): their rows leave the lists.
        for n in stride(from: 1, to: 120, by: 3) { try FileManager.default.removeItem(atPath: tmp.path("c/a\(n).txt")) }
        try run(tmp, db, prune: true, flushing: flushing)
        try expectListsAnswerAsFullRanking(db)
    }

    @Test func pagesBeyondTheListsAndStaleListsScoreEveryMatch() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        for n in 0..<80 { Self.write(tmp, n) }
        _ = try index([tmp.path("c")], db: db)
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
