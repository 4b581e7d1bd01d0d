import Foundation
import TestSupport
import Testing
import VietnameseText
@testable import ArticleIndex

/// A match whose bound cannot reach the page is counted, not scored (`Ranking`): the page, its
/// scores and every count must be what ranking every match gives. The full ranking is the same
/// search with no page to fill (limit -1), where nothing is left unscored.
enum PagedAgainstFull {
    /// Compares the page of `limit` from `offset` with the full ranking; returns what it found
    /// wrong (empty: nothing) and how many matches the paged search left unscored.
    static func compare(_ searcher: Searcher, _ query: String, _ options: SearchOptions, limit: Int, offset: Int) throws
        -> (problems: [String], unscored: Int, fromLists: Bool) {
        let paged = try searcher.rankedHits(query, options: options, limit: limit, offset: offset)
        let full = try searcher.rankedHits(query, options: options, limit: -1)
        #expect(full.unscored == 0)
        var problems: [String] = []
        let want = Array(full.hits.dropFirst(offset).prefix(limit))
        if paged.hits.map(\.rowid) != want.map(\.rowid) || paged.hits.map(\.score) != want.map(\.score) {
            problems.append("\(query) \(options.strict ? "strict " : "")from \(offset): page \(paged.hits.map(\.rowid)) against \(want.map(\.rowid))")
        }
        // Each count is the full ranking's, or, where it says counting stopped, at least `countLimit`
        // (or the pair's adjacent passages) and no more than there are.
        let counts = [(paged.total, full.total, paged.atLeast), (paged.counts?.exact ?? 0, full.counts?.exact ?? 0, paged.exactAtLeast),
                      (paged.counts?.anyTone ?? 0, full.counts?.anyTone ?? 0, paged.anyToneAtLeast)]
        let right = counts.allSatisfy { count, all, atLeast in
            atLeast ? count <= all && count >= min(all, searcher.countLimit) && paged.fromLists : count == all
        }
        if !right || (paged.counts == nil) != (full.counts == nil) {
            problems.append("\(query): counts \(paged.total) \(String(describing: paged.counts)) (at least: \(paged.atLeast), \(paged.exactAtLeast), \(paged.anyToneAtLeast)) against \(full.total) \(String(describing: full.counts))")
        }
        return (problems, paged.unscored, paged.fromLists)
    }
}

@Suite struct PruningTests {
    /// Many passages hold `dang` in some tone; few hold `Đảng`; pages of 3 fill early.
    static func build(_ tmp: TemporaryFolder) throws -> String {
        let lines = [
            "Anh ấy đang đi làm.", "Chúng tôi đang học bài, đang chờ.", "Trời đang mưa to.", "Giá đang tăng.",
            "Đảng Cộng sản Việt Nam lãnh đạo.", "Ban chấp hành Đảng họp.", "Cô ấy có dáng đẹp.", "Dáng đi nhanh.",
            "Người dân đang chờ tin của Đảng.", "Tỉnh Sơn La có mưa.", "Sơn là bạn tôi.", "Về Sơn La chơi.",
            "Xây dựng nông thôn mới ở xã.", "Nông thôn mới đang về.", "Nghề nông, thôn xóm mới.", "Nông thôn mơi.",
            "Bóng đá Việt Nam thắng.", "Giải bóng đá ngoại hạng Anh.", "Đá bóng ở sân làng.", "Họ đang đá bóng.",
            "Quả bóng đã lăn xa.", "Bóng cây đã ngả.",
        ]
        for (n, line) in lines.enumerated() {
            // Each line in articles of different lengths, so that BM25 orders them.
            for copy in 0..<3 {
                let filler = String(repeating: " Thêm một câu nữa.", count: copy)
                tmp.write("c/a\(n)-\(copy).txt", "Bài \(n) số \(copy)\n\n\(line)\(filler)\n")
            }
        }
        let db = tmp.path("p.sqlite")
        _ = try index([tmp.path("c")], db: db)
        return db
    }

    static let queries = ["Đảng", "dang", "đang", "Đảng Cộng sản", "dảng cọng sản", "Sơn La", "\"Sơn La\"", "son la",
                          "nông thôn mới", "nong thon moi", "nông thôn mơi", "bóng đá", "bong da", "bóng đá -\"ngoại hạng\"",
                          "đang OR Đảng", "(bóng đá OR nông thôn) mới", "đa*", "Việt Nam"]

    @Test func pagesAndCountsAreThoseOfRankingEveryMatch() throws {
        let tmp = TemporaryFolder()
        let searcher = try Searcher(path: try Self.build(tmp))
        var problems: [String] = [], unscored: [String: Int] = [:], fromLists = Set<String>()
        for query in Self.queries {
            for strict in [false, true] {
                for offset in [0, 2] {
                    let (p, u, lists) = try PagedAgainstFull.compare(searcher, query, SearchOptions(strict: strict), limit: 3, offset: offset)
                    problems += p
                    unscored[query, default: 0] += u
                    if lists { fromLists.insert(query) }
                }
            }
            // Export's reading of a query with marks: as typed only, without `--strict`.
            problems += try PagedAgainstFull.compare(searcher, query, SearchOptions(anyTone: false), limit: 3, offset: 0).problems
        }
        #expect(problems.isEmpty, "\(problems)")
        // The pruning ran: rows holding none of the exact forms (`đang` and `dáng` for `Đảng`; the
        // other tones for `dang`, read as `đang`) cannot reach a page of rows that hold them.
        // A row holding `bóng` as typed but `đã` for `đá` has at most half the terms as typed.
        for query in ["Đảng", "dang", "đang", "bóng đá"] {
            #expect(unscored[query, default: 0] > 0, "\(query): no match was left unscored")
        }
        // One-word searches and those of listed pairs (`bong da`, `viet nam`: `ListedPairs`) were
        // read from the impact lists; the others scored their matches.
        #expect(fromLists == ["Đảng", "dang", "đang", "bóng đá", "bong da", "Việt Nam"])
    }

    /// Questions (`--any`): a row whose tfs bound its score below the page's worst is left unscored.
    @Test func questionPagesAreThoseOfRankingEveryMatch() throws {
        let tmp = TemporaryFolder()
        let searcher = try Searcher(path: try Self.build(tmp))
        var problems: [String] = [], unscored = 0
        for question in ["Đảng Cộng sản Việt Nam lãnh đạo gì?", "dang cong san viet nam lanh dao gi?",
                         "Người dân đang chờ tin gì của Đảng?", "Ở đâu có mưa to và nông thôn mới?",
                         "Bóng đá Việt Nam thắng ở sân làng nào?", "bong da viet nam thang o san lang nao"] {
            for offset in [0, 2] {
                let (p, u, _) = try PagedAgainstFull.compare(searcher, question, SearchOptions(any: true), limit: 3, offset: offset)
                problems += p
                unscored += u
            }
        }
        #expect(problems.isEmpty, "\(problems)")
        #expect(unscored > 0, "some matches could not reach a page and were not scored")
    }
}

/// The same on the 1,000-article corpus sample, over 1,000 queries made of its own words:
/// single words as written and without marks, pairs and triples of adjacent words, quoted pairs,
/// prefixes, OR and exclusions.
@Suite(.enabled(if: SampleIndex.isPresent, "needs ../shared/corpus/vntc-shared-sample-1000.jsonl.gz beside the checkout"))
struct PruningCorpusSampleTests {
    static func unaccented(_ s: String) -> String {
        String(String.UnicodeScalarView(s.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }))
    }

    @Test func thousandGeneratedQueries() throws {
        let s = try SampleIndex.shared.get()
        let searcher = try Searcher(path: s.db)
        var random = SplitMix64(state: 15)
        let sentences = s.words(atLeast: 3) { $0.count > 1 }
        var problems: [String] = [], unscored = 0, made = 0, fromLists = 0
        while made < 1000 {
            let words = sentences.randomElement(using: &random)!
            let at = Int.random(in: 0..<(words.count - 2), using: &random)
            let w = Array(words[at..<(at + 3)])
            let query: String
            switch made % 10 {
            case 0: query = w[0]
            case 1: query = Self.unaccented(w[0])
            case 2: query = "\(w[0]) \(w[1])"
            case 3: query = Self.unaccented("\(w[0]) \(w[1])")
            case 4: query = w.joined(separator: " ")
            case 5: query = "\"\(w[0]) \(w[1])\""
            case 6: query = String(w[0].prefix(3)) + "*"
            case 7: query = "\(w[0]) OR \(w[2])"
            case 8: query = "\(w[0]) -\(w[2])"
            default: query = Self.unaccented(w.joined(separator: " "))
            }
            made += 1
            let (p, u, lists) = try PagedAgainstFull.compare(searcher, query, SearchOptions(strict: made % 7 == 0), limit: 10,
                                                             offset: made % 5 == 0 ? 10 : 0)
            problems += p
            unscored += u
            if lists { fromLists += 1 }
        }
        #expect(problems.isEmpty, "\(problems.count) of 1,000 differ: \(problems.prefix(5))")
        #expect(unscored > 0)
        // The one-word queries (a fifth of them) were read from the impact lists, nearly all.
        #expect(fromLists > 150, "\(fromLists) read from the impact lists")
    }
}

/// Quoted listed pairs on the corpus sample (`Searcher.phraseFromPairList`): 400 phrases of two
/// adjacent words of its passages whose folded words are a listed pair, as written, without marks,
/// in capitals, and strict; pages from 0 and from 10.
@Suite(.enabled(if: SampleIndex.isPresent, "needs ../shared/corpus/vntc-shared-sample-1000.jsonl.gz beside the checkout"))
struct ListedPhraseCorpusSampleTests {
    @Test func quotedListedPairsPageAsScoringEveryMatch() throws {
        let s = try SampleIndex.shared.get()
        let searcher = try Searcher(path: s.db)
        var random = SplitMix64(state: 31)
        func folded(_ word: String) -> String { PruningCorpusSampleTests.unaccented(word).lowercased() }
        var pairs: [(String, String)] = []
        for words in s.words(atLeast: 2) {
            for i in 0..<(words.count - 1) {
                if let key = PairCounts.key(folded(words[i]), folded(words[i + 1])), ListedPairs.isListed(key) {
                    pairs.append((words[i], words[i + 1]))
                }
            }
        }
        var problems: [String] = [], fromLists = 0
        for n in 0..<400 {
            let (a, b) = pairs.randomElement(using: &random)!
            let written = "\(a) \(b)"
            let phrase = [written, PruningCorpusSampleTests.unaccented(written), written.uppercased(), written][n % 4]
            let r = try PagedAgainstFull.compare(searcher, "\"\(phrase)\"", SearchOptions(strict: n % 4 == 3), limit: 10,
                                                 offset: n % 3 == 0 ? 10 : 0)
            problems += r.problems
            if r.fromLists { fromLists += 1 }
        }
        #expect(problems.isEmpty, "\(problems.count) of 400 differ: \(problems.prefix(5))")
        #expect(fromLists > 200, "\(fromLists) of 400 read from the pairs' lists")
    }
}

/// Questions on the corpus sample: 300 made of 5–9 adjacent words of its passages, with a question
/// word, half without marks; pages from 0 and from 10.
@Suite(.enabled(if: SampleIndex.isPresent, "needs ../shared/corpus/vntc-shared-sample-1000.jsonl.gz beside the checkout"))
struct QuestionPruningCorpusSampleTests {
    @Test func questionPagesAreThoseOfRankingEveryMatch() throws {
        let s = try SampleIndex.shared.get()
        let searcher = try Searcher(path: s.db)
        var random = SplitMix64(state: 23)
        let sentences = s.words(atLeast: 9)
        let asks = ["là gì?", "ở đâu?", "bao nhiêu?", "khi nào?", "như thế nào?", "vì sao?"]
        var problems: [String] = [], unscored = 0
        for n in 0..<300 {
            let words = sentences.randomElement(using: &random)!
            let length = 5 + n % 5
            let at = Int.random(in: 0...(words.count - length), using: &random)
            var question = words[at..<(at + length)].joined(separator: " ") + " " + asks[n % asks.count]
            if n % 2 == 1 { question = PruningCorpusSampleTests.unaccented(question) }
            let (p, u, _) = try PagedAgainstFull.compare(searcher, question, SearchOptions(any: true), limit: 10,
                                                         offset: n % 3 == 0 ? 10 : 0)
            problems += p
            unscored += u
        }
        #expect(problems.isEmpty, "\(problems.count) of 300 differ: \(problems.prefix(5))")
        #expect(unscored > 10_000, "\(unscored) matches left unscored")
    }
}

/// `vrank` finds a run's adjacency in its words' places (`Ranking.findAdjacentRuns`), where the
/// MATCH expression once held the run as a phrase: the rows it finds adjacent must be the rows
/// FTS5 matches for the quoted run. Without marks, so that neither side asks for exact forms; a
/// row scores at least `adjacentWeight` exactly when it holds the run (exactness and BM25 stay below).
@Suite(.enabled(if: SampleIndex.isPresent, "needs ../shared/corpus/vntc-shared-sample-1000.jsonl.gz beside the checkout"))
struct AdjacencyCorpusSampleTests {
    @Test func adjacentRowsAreTheRowsOfTheQuotedRun() throws {
        let s = try SampleIndex.shared.get()
        let searcher = try Searcher(path: s.db)
        var random = SplitMix64(state: 41)
        // Words that are one token each, so that a run of them is a run of plain words.
        let sentences = s.words(atLeast: 3) { $0.count > 1 && VietnameseText.tokens($0).count == 1 }
        var problems: [String] = [], adjacentRows = 0, otherRows = 0
        for n in 0..<300 {
            let words = sentences.randomElement(using: &random)!
            let length = n % 3 == 2 ? 3 : 2
            let at = Int.random(in: 0...(words.count - length), using: &random)
            let run = PruningCorpusSampleTests.unaccented(words[at..<(at + length)].joined(separator: " "))
            let all = try searcher.rankedHits(run, options: SearchOptions(), limit: -1, byPassage: true).hits
            let adjacent = Set(all.filter { $0.score >= Ranking.adjacentWeight }.map(\.rowid))
            let phrase = Set(try searcher.rankedHits("\"\(run)\"", options: SearchOptions(), limit: -1, byPassage: true).hits.map(\.rowid))
            if adjacent != phrase { problems.append("\(run): \(adjacent.count) adjacent, \(phrase.count) with the phrase") }
            adjacentRows += adjacent.count
            otherRows += all.count - adjacent.count
        }
        #expect(problems.isEmpty, "\(problems.count) of 300 differ: \(problems.prefix(5))")
        #expect(adjacentRows > 300 && otherRows > 300, "the runs are found adjacent in some rows and scattered in others")
    }
}

/// A term's exact rows are looked for only among the rows holding a form of the rarest word every
/// match holds, and a phrase's through FTS5's AND (`Searcher.rarestRequiredWord`): every match
/// vrank scores holds that word, so what it finds of each row must be what every exact row gives.
/// Compared over all matches (limit -1, by passage: scores and counts of every row), with and
/// without narrowing.
enum NarrowedAgainstWhole {
    static func compare(_ narrowed: Searcher, _ whole: Searcher, _ query: String, _ options: SearchOptions) throws -> [String] {
        let a = try narrowed.rankedHits(query, options: options, limit: -1, byPassage: true)
        let b = try whole.rankedHits(query, options: options, limit: -1, byPassage: true)
        if a.hits.map(\.rowid) != b.hits.map(\.rowid) || a.hits.map(\.score) != b.hits.map(\.score)
            || a.total != b.total || a.counts?.exact != b.counts?.exact || a.counts?.anyTone != b.counts?.anyTone {
            return ["\(query)\(options.strict ? " strict" : ""): \(a.hits.count) rows, \(a.total) \(String(describing: a.counts)) against \(b.hits.count), \(b.total) \(String(describing: b.counts))"]
        }
        return []
    }

    /// How many exact rows the plan of `query` looks at, narrowed or not.
    static func exactRows(_ searcher: Searcher, _ query: String) throws -> Int {
        let (plan, _, typed) = try searcher.plan(query, options: SearchOptions())
        return try searcher.context(for: plan, typedWithMarks: typed, options: SearchOptions()).exactRows.reduce(0) { $0 + ($1?.count ?? 0) }
    }
}

@Suite struct NarrowedExactRowsTests {
    /// `đang` in most passages, as typed and not; `cho` in a few, in three tones.
    static func build(_ tmp: TemporaryFolder) throws -> String {
        let lines = ["Tôi đang chờ xe buýt.", "Họ đang chở hàng về.", "Mẹ đang cho con ăn.", "Chờ mãi, xe đang đến.",
                     "Anh ấy đang đi làm.", "Trời đang mưa to.", "Giá đang tăng.", "Cô ấy có dáng đẹp.", "Đảng họp bàn.",
                     "Chúng tôi đang học bài.", "Lúa đang trổ bông.", "Đang là mùa khô.", "Dang tay đón con.",
                     "Đang họp thì mất điện.", "Tàu đang chạy.", "Nước đang sôi.", "Mọi người đang ngủ.",
                     // `tphcm`: written whole once, joined from `TP.HCM` once (no exact form stands for it).
                     "Trụ sở TPHCM mới.", "Công an TP.HCM đang điều tra."]
        for (n, line) in lines.enumerated() {
            for copy in 0..<3 {
                tmp.write("c/a\(n)-\(copy).txt", "Bài \(n) số \(copy)\n\n\(line)\(String(repeating: " Thêm một câu nữa.", count: copy))\n")
            }
        }
        let db = tmp.path("n.sqlite")
        _ = try index([tmp.path("c")], db: db)
        return db
    }

    @Test func scoresAndCountsAreThoseOfEveryExactRow() throws {
        let tmp = TemporaryFolder()
        let db = try Self.build(tmp)
        let narrowed = try Searcher(path: db), whole = try Searcher(path: db)
        whole.narrowsExactRows = false
        var problems: [String] = []
        for query in ["đang chờ", "đang chở", "đang cho", "\"đang chờ\"", "đang chờ xe", "xe đang", "đang chờ -buýt",
                      "đang -chờ", "đang OR chờ", "(đang OR dáng) chờ", "Đảng họp", "dang cho", "đang cho*", "đang TPHCM",
                      "đang tphcm", "đang TP.HCM"] {
            for options in [SearchOptions(), SearchOptions(strict: true), SearchOptions(anyTone: false)] {
                problems += try NarrowedAgainstWhole.compare(narrowed, whole, query, options)
            }
        }
        #expect(problems.isEmpty, "\(problems)")
        // `cho` is in 12 passages, in three tones, `đang` as typed in 45 (over `narrowingRatio` times
        // more): its exact rows are looked for among the 12.
        #expect(try NarrowedAgainstWhole.exactRows(narrowed, "đang chờ") < NarrowedAgainstWhole.exactRows(whole, "đang chờ"))
    }
}

/// The same on the corpus sample: 600 queries of two to four adjacent words of its passages, as
/// written, quoted, with an exclusion, strict.
@Suite(.enabled(if: SampleIndex.isPresent, "needs ../shared/corpus/vntc-shared-sample-1000.jsonl.gz beside the checkout"))
struct NarrowedExactRowsCorpusSampleTests {
    @Test func scoresAndCountsAreThoseOfEveryExactRow() throws {
        let s = try SampleIndex.shared.get()
        let narrowed = try Searcher(path: s.db), whole = try Searcher(path: s.db)
        whole.narrowsExactRows = false
        var random = SplitMix64(state: 57)
        let sentences = s.words(atLeast: 5) { $0.count > 1 }
        var problems: [String] = [], fewer = 0
        for n in 0..<600 {
            let words = sentences.randomElement(using: &random)!
            let length = 2 + n % 3
            let at = Int.random(in: 0...(words.count - length - 1), using: &random)
            var query = words[at..<(at + length)].joined(separator: " ")
            switch n % 4 {
            case 1: query = "\"\(query)\""
            case 2: query += " -\(words[at + length])"
            default: break
            }
            problems += try NarrowedAgainstWhole.compare(narrowed, whole, query, SearchOptions(strict: n % 5 == 0))
            if try NarrowedAgainstWhole.exactRows(narrowed, query) < NarrowedAgainstWhole.exactRows(whole, query) { fewer += 1 }
        }
        #expect(problems.isEmpty, "\(problems.count) of 600 differ: \(problems.prefix(5))")
        #expect(fewer > 100, "\(fewer) of 600 looked at fewer exact rows")
    }
}
