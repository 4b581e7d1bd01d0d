import Foundation
import TestSupport
import Testing
import VietnameseText
@testable import ArticleIndex

/// The stored counts of adjacent pairs of frequent words (`PairCounts`) are FTS5's phrase counts,
/// through runs that add, replace and remove articles, and a search asks them instead of FTS5.
@Suite struct PairCountsTests {
    /// Every pair of the listed words that `texts` hold, in both orders: what FTS5's phrase match
    /// counts and what the index stores must be equal. Returns how many pairs were held somewhere.
    @discardableResult
    static func expectCountsArePhraseCounts(_ db: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let database = try IndexStore.openForReading(db)
        #expect(try MetaKey.pairRows.read(in: database) == String(try database.scalar(Searcher.passageCountSQL)),
                "the counts are current", sourceLocation: sourceLocation)
        let counts = try Self.storedCounts(database)
        // The listed words the index holds at all.
        let vocabulary = try database.prepare("SELECT term FROM \(try DocumentFrequencies.vocabulary(database))")
        var held: [String] = []
        while try vocabulary.step() { if let t = vocabulary.text(0), PairCounts.numbers[t] != nil { held.append(t) } }
        #expect(held.count >= 10, "the fixture holds listed words", sourceLocation: sourceLocation)
        var nonZero = 0
        for a in held {
            for b in held {
                let key = PairCounts.key(a, b)!
                let fts5 = Int(try database.scalar("SELECT count(*) FROM passages WHERE passages MATCH ?", .text("\"\(a) \(b)\"")))
                #expect(counts[key, default: 0] == fts5, "\(a) \(b): stored \(counts[key, default: 0]), FTS5 \(fts5)",
                        sourceLocation: sourceLocation)
                if fts5 > 0 { nonZero += 1 }
            }
        }
        #expect(counts.values.allSatisfy { $0 > 0 }, "no empty count is kept", sourceLocation: sourceLocation)
        #expect(counts.count == nonZero, "every stored pair was checked", sourceLocation: sourceLocation)
        return nonZero
    }

    /// Every stored count, by pair key, decoded from the rows of their first words.
    static func storedCounts(_ database: Database) throws -> [UInt32: Int] {
        let rows = try database.prepare("SELECT first, data FROM pairs")
        var counts: [UInt32: Int] = [:]
        while try rows.step() {
            let a = Int(rows.int(0))
            var row = [Int32](repeating: 0, count: PairCounts.size)
            let ok = rows.blob(1).withUnsafeBytes { bytes in row.withUnsafeMutableBufferPointer { PairCounts.decode(bytes, into: $0) } }
            #expect(ok && !row.allSatisfy { $0 == 0 }, "a stored row decodes, and holds a pair")
            for (b, n) in row.enumerated() where n != 0 { counts[PairCounts.key(a, b)] = Int(n) }
        }
        return counts
    }

    @Test func storedRowsRoundTripAndCutOnesAreRefused() {
        var counts = [Int32](repeating: 0, count: PairCounts.size)
        counts[0] = 5; counts[1] = 1; counts[700] = 300_000; counts[1023] = 2
        let bytes = counts.withUnsafeBufferPointer { PairCounts.encode($0) }
        #expect(bytes.count == 12, "gaps and counts as varints")
        var back = [Int32](repeating: 0, count: PairCounts.size)
        #expect(bytes.withUnsafeBytes { b in back.withUnsafeMutableBufferPointer { PairCounts.decode(b, into: $0) } })
        #expect(back == counts)
        var again = back
        #expect(bytes.dropLast().withUnsafeBytes { b in again.withUnsafeMutableBufferPointer { PairCounts.decode(b, into: $0) } } == false)
        #expect([UInt8]([0x80, 0x10, 0x01]).withUnsafeBytes { b in again.withUnsafeMutableBufferPointer { PairCounts.decode(b, into: $0) } } == false,
                "a second word past the list is refused")
    }

    /// A run's changes are kept in two bytes a pair; what goes beyond them is kept aside, both ways.
    @Test func changesBeyondTwoBytesAddUp() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        _ = try index([], db: db)
        let database = try IndexStore.openForReading(db)
        let key = PairCounts.key("co", "the")!, other = PairCounts.key("the", "co")!
        let up = PairCounts.Builder()
        for _ in 0..<100_000 { up.add([key]) }
        up.add([other])
        try up.write(database)
        let down = PairCounts.Builder()
        for _ in 0..<70_000 { down.remove([key]) }
        down.remove([other])
        try down.write(database)
        #expect(try Self.storedCounts(database) == [key: 30_000], "a count brought to 0 is not kept")
    }

    /// Adjacency as FTS5 sees it: a sentence break between two words, abbreviations joined
    /// (`TP.HCM` holds `tphcm` at `tp`'s place), words glued by case (`hoáTiêu`), numbers with
    /// another spelling, titles that are passages and titles that are not.
    static let articles: [(title: String, body: [String])] = [
        ("Sinh viên có thể học", ["Sinh viên có thể học ở TP.HCM, TP HCM và TPHCM.", "Có. Thể thao thì không."]),
        ("Sinh viên có thể học", ["Sinh viên có thể học ở TP.HCM, TP HCM và TPHCM.", "Thành phố Hồ Chí Minh có 2.100 sinh viên."]),
        ("Tin Việt Nam", ["hoáTiêu chuẩn mới ở nông thôn Việt Nam.", "Việt Nam, Việt. Nam; nông thôn mới có thể về."]),
        ("Nông thôn mới", ["Nông thôn mới, nông thôn mới và nông thôn mới.", "Về nông thôn, về thành phố."]),
    ]

    static func write(_ tmp: TemporaryFolder, _ articles: [(title: String, body: [String])]) {
        for (n, a) in articles.enumerated() {
            tmp.write("c/a\(n).txt", ([a.title] + a.body).joined(separator: "\n\n") + "\n")
        }
    }

    /// A passage's pairs wait in the reading thread's queue: each must hold a buffer of its own size,
    /// not one as large as the largest passage's (which took indexing the corpus to 315 MB).
    @Test func aPassagesPairsTakeTheirOwnSize() {
        var finder = PairCounts.Finder()
        for n in 0..<3_000 { finder.token(n % 1_000, takesPosition: true) }
        #expect(finder.finish().count == 1_000)
        for n in 0..<4 { finder.token(n, takesPosition: true) }
        let small = finder.finish()
        #expect(small == [PairCounts.key(0, 1), PairCounts.key(1, 2), PairCounts.key(2, 3)])
        #expect(small.capacity < 64, "capacity \(small.capacity)")
    }

    /// The listed pairs (`ListedPairs`) are pairs of listed words, each once.
    @Test func listedPairsAreDistinctPairsOfListedWords() {
        let pairs = ListedPairs.text.split(separator: ",").map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        #expect(pairs.count == 4_380 && ListedPairs.count == 4_380)
        #expect(pairs.allSatisfy { $0.count == 2 && PairCounts.key($0[0], $0[1]).map(ListedPairs.isListed) == true })
        #expect(!ListedPairs.isListed(PairCounts.key("thon", "moi")!), "a pair of listed words in fewer passages")
    }

    @Test func listedWordsAreWordsOfTheirOwn() {
        #expect(PairCounts.size == 1024)
        #expect(Set(PairCounts.words).count == PairCounts.size)
        let tokenizer = StoredTokenizer()
        for word in PairCounts.words {
            var tokens: [String] = []
            tokenizer.tokenize(word) { tokens.append(String(decoding: $0.bytes, as: UTF8.self) + "/\($0.kind)"); return true }
            #expect(tokens == ["\(word)/word"], "a query's word \(word) is the token the index stores")
        }
    }

    @Test func countsAreFTS5PhraseCountsThroughRuns() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        Self.write(tmp, Self.articles)
        _ = try index([tmp.path("c")], db: db)
        #expect(try Self.expectCountsArePhraseCounts(db) > 20)
        // Replaced (a paragraph changed), removed (its file gone, with --prune) and added.
        tmp.write("c/a0.txt", "Sinh viên có thể học\n\nSinh viên học ở thành phố Hồ Chí Minh.\n")
        try FileManager.default.removeItem(atPath: tmp.path("c/a3.txt"))
        tmp.write("c/a9.txt", "Có thể\n\nCó thể về nông thôn. Việt Nam có thể.\n")
        let (summary, _) = try index([tmp.path("c")], db: db, prune: true)
        #expect(summary.updated == 1 && summary.removed == 1 && summary.added == 1)
        try Self.expectCountsArePhraseCounts(db)
        // An unchanged run keeps them current.
        _ = try index([tmp.path("c")], db: db)
        try Self.expectCountsArePhraseCounts(db)
        // `vietsearch check` counts them from the text: sound, then two counts off.
        #expect(try IndexCheck.run(path: db).isEmpty)
        let off = PairCounts.Builder()
        off.add([PairCounts.key("sinh", "vien")!, PairCounts.key("thon", "sinh")!])
        try off.write(try IndexStore.openForReading(db))
        #expect(try IndexCheck.run(path: db) == ["2 stored pair counts differ from the stored text (run `vietsearch index --rebuild`)"])
    }

    /// An index whose counts are not current (built before them, or a run that crashed) counts
    /// them all on its next run; until then a search counts with FTS5.
    @Test func countsThatAreNotCurrentAreCountedAgain() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        Self.write(tmp, Self.articles)
        _ = try index([tmp.path("c")], db: db)
        let writer = try IndexStore.openForReading(db)
        let off = PairCounts.Builder()
        for _ in 0..<7 { off.add([PairCounts.key("sinh", "vien")!]) }
        try off.write(writer)
        try writer.execute("DELETE FROM meta WHERE key = 'pair_rows'")
        let phrase = RankingPlan.Term(words: ["sinh", "vien"].map { Query.Term(folded: $0, exact: nil, prefix: false) }, exactQuery: nil)
        let stale = try Searcher(path: db)
        #expect(!stale.frequenciesUsePairs)
        let fts5 = try matchCount(db, "\"sinh vien\"")
        #expect(fts5 >= 3)
        #expect(try stale.documentFrequency(phrase) == fts5, "FTS5 counts while the stored counts (off by 7) are not current")
        _ = try index([tmp.path("c")], db: db)
        try Self.expectCountsArePhraseCounts(db)
        let current = try Searcher(path: db)
        #expect(current.frequenciesUsePairs)
        let more = PairCounts.Builder()
        for _ in 0..<1000 { more.add([PairCounts.key("sinh", "vien")!]) }
        try more.write(writer)
        #expect(try current.documentFrequency(phrase) == fts5 + 1000, "the stored count is what a current index answers")
    }

    @Test(.enabled(if: SampleIndex.isPresent, "needs ../shared/corpus/vntc-shared-sample-1000.jsonl.gz beside the checkout"))
    func corpusSampleCountsAreFTS5PhraseCounts() throws {
        let database = try IndexStore.openForReading(try SampleIndex.shared.get().db)
        let rows = try Self.storedCounts(database).map { ($0.key, $0.value) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        #expect(rows.count > 50_000)
        // The 300 most frequent pairs, 500 others, and 300 keys that may be held or not.
        var generator = SplitMix64(state: 7)
        var keys = rows.prefix(300).map(\.0) + (0..<500).map { _ in rows.randomElement(using: &generator)!.0 }
        keys += (0..<300).map { _ in UInt32.random(in: 0..<UInt32(PairCounts.size * PairCounts.size), using: &generator) }
        let counts = Dictionary(uniqueKeysWithValues: rows)
        var wrong: [String] = []
        for key in keys {
            let a = PairCounts.words[Int(key) / PairCounts.size], b = PairCounts.words[Int(key) % PairCounts.size]
            let fts5 = Int(try database.scalar("SELECT count(*) FROM passages WHERE passages MATCH ?", .text("\"\(a) \(b)\"")))
            if counts[key, default: 0] != fts5 { wrong.append("\(a) \(b): \(counts[key, default: 0]) against \(fts5)") }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }
}
