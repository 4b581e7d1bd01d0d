import Foundation
import TestSupport
import Testing
@testable import ArticleIndex

/// A small corpus where each ranking rule decides the order.
final class RankingCorpus {
    let tmp = TemporaryFolder()
    let db: String
    let searcher: Searcher

    init() throws {
        tmp.write("c/a01.txt", "Chợ phiên\n\nNgười dân bán rau ở chợ bán buôn.\n")
        tmp.write("c/a02.txt", "Bàn ghế\n\nCửa hàng bàn ghế gỗ và bàn học, ban ngày mở cửa, bạn đến xem.\n")
        tmp.write("c/a03.txt", "Cuộc họp\n\nBan chỉ đạo họp bàn kế hoạch.\n")
        tmp.write("c/a04.txt", "Hòa Bình\n\nThủy điện Hoà Bình và thuỷ lợi.\n")
        tmp.write("c/a05.txt", "Dấu câu\n\nSản xuất nông, thôn xóm khó khăn.\n\nNghề nông. Thôn xóm vui.\n")
        tmp.write("c/a06.txt", "Xây dựng\n\nChương trình nông thôn mới ở huyện.\n")
        tmp.write("c/a07.txt", "Rải rác\n\nMới đây, thôn Đông và nông dân thôn Tây, nông trại mới.\n")
        tmp.write("c/a08.txt", "Giáo dục đại học\n\nMột bài khác.\n")
        tmp.write("c/a09.txt", "Tin vắn\n\nTrường nói về giáo dục phổ thông.\n")
        tmp.write("c/a10.txt", "Tiêu đề NFD\n\n" + "Người dân Việt Nam ăn Tết ở Đà Nẵng.".decomposedStringWithCanonicalMapping + "\n")
        tmp.write("c/a11.txt", "Đảng bộ\n\nĐảng ủy xã họp. Anh đang đi. Dáng người cao.\n")
        db = tmp.path("r.sqlite")
        _ = try index([tmp.path("c")], db: db)
        searcher = try Searcher(path: db)
    }

    func ids(_ q: String, _ options: SearchOptions = SearchOptions()) throws -> [String] {
        try searcher.search(q, options: options).results.map { URL(fileURLWithPath: $0.article.id).deletingPathExtension().lastPathComponent }
    }
}

@Suite struct SearchTests {
    let corpus: RankingCorpus
    init() throws { corpus = try RankingCorpus() }

    @Test func unaccentedMatchesEveryVariant() throws {
        let ban = try corpus.ids("ban")
        #expect(Set(ban) == ["a01", "a02", "a03"], "\(ban)")
        let dang = try corpus.searcher.search("dang").results.filter { $0.article.id.hasSuffix("a11.txt") }
        #expect(dang.count == 2, "title and paragraph")
        let words = dang.flatMap { r in r.highlights.map { String(decoding: Array(r.text.utf8)[$0], as: UTF8.self) } }
        #expect(Set(words) == ["Đảng", "đang", "Dáng"])
    }

    @Test func accentedRanksExactFirstAndStrictKeepsOnlyExact() throws {
        let results = try corpus.searcher.search("bán").results
        #expect(results.first?.article.id.hasSuffix("a01.txt") == true)
        #expect(results.count == 4, "a01, the title and paragraph of a02, a03")
        #expect(results[0].score >= Ranking.exactWeight && results[1].score < Ranking.exactWeight, "exact first, by its tier")
        #expect(try corpus.ids("bán", SearchOptions(limit: 1)) == ["a01"], "with enough exact matches, all shown are exact")
        #expect(try corpus.ids("bán", SearchOptions(strict: true)) == ["a01"])
        #expect(Set(try corpus.ids("bàn", SearchOptions(strict: true))) == ["a02", "a03"])
    }

    @Test func tonePlacementVariantsCountAsExact() throws {
        for q in ["hoà bình", "hòa bình", "thuỷ điện", "thủy điện"] {
            let r = try corpus.searcher.search(q, options: SearchOptions(strict: true)).results
            #expect(r.contains { $0.article.id.hasSuffix("a04.txt") }, "\(q)")
        }
        // NFD text and Ð count as exact.
        #expect(try corpus.ids("Việt Nam", SearchOptions(strict: true)) == ["a10"])
    }

    @Test func aQueryWithMarksIsTakenAsTyped() throws {
        // Typed with marks, every syllable means what was typed: "ghe" is the level-tone ghe, not ghế.
        #expect(try corpus.ids("bàn ghế", SearchOptions(strict: true)).contains("a02"))
        #expect(try corpus.ids("bàn ghe", SearchOptions(strict: true)).isEmpty)
        #expect(try corpus.ids("bán ghế", SearchOptions(strict: true)).isEmpty)
        // Without --strict it still matches every tone, the exact reading first.
        #expect(try corpus.ids("bàn ghe").contains("a02"))
        // "Hòa Bình" and "Việt Nam": an unmarked syllable in the text ("Nam") is the level tone typed.
        #expect(try corpus.ids("Việt Nam", SearchOptions(strict: true)) == ["a10"])
    }

    @Test func phrasesDoNotCrossSentencePunctuation() throws {
        #expect(try corpus.ids("\"nông thôn\"") == ["a06"])
        #expect(try corpus.ids("\"nong thon\"") == ["a06"])
        #expect(Set(try corpus.ids("nông thôn")).isSuperset(of: ["a05", "a06", "a07"]))
    }

    @Test func adjacentWordsRankAboveScatteredOnes() throws {
        let ids = try corpus.ids("nong thon moi")
        #expect(ids.first == "a06", "\(ids)")
        #expect(ids.contains("a07"))
        let any = try corpus.ids("nong thon moi", SearchOptions(any: true))
        #expect(any.first == "a06", "\(any)")
    }

    @Test func titleIsWeightedAboveBody() throws {
        let results = try corpus.searcher.search("giáo dục").results
        #expect(results.first?.article.id.hasSuffix("a08.txt") == true)
        #expect(results.first?.paragraph == 0)
        #expect(results.contains { $0.article.id.hasSuffix("a09.txt") && $0.paragraph == 1 })
    }

    @Test func highlightsSliceTheMatchedWordsInNFCAndNFD() throws {
        for q in ["viet nam", "Việt Nam", "da nang"] {
            let r = try corpus.searcher.search(q).results.first { $0.article.id.hasSuffix("a10.txt") }!
            let record = ResultRecord(r)
            let scalars = Array(r.text.unicodeScalars)
            let words = record.highlights.map { String(String.UnicodeScalarView(scalars[$0[0]..<$0[1]])) }
            let expected = q.hasPrefix("da") ? ["Đà", "Nẵng"] : ["Việt", "Nam"]
            #expect(words.map { $0.precomposedStringWithCanonicalMapping } == expected, "\(q)")
            #expect(words[0].unicodeScalars.count > 2, "NFD words keep their marks")
        }
    }

    /// Equal scores break by passage id: articles in the order they were indexed (not by id),
    /// then paragraphs in order; the same on every page.
    @Test func tiesBreakByIndexOrderThenParagraph() throws {
        let tmp = TemporaryFolder()
        let lines = ["z", "a", "m"].map { id in
            #"{"id": "\#(id)", "title": "Tiêu đề \#(id)", "paragraphs": ["Giá lúa hôm nay", "Một đoạn khác", "Giá lúa ngày mai"]}"#
        }
        tmp.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        _ = try index([tmp.path("in.jsonl")], db: tmp.path("t.sqlite"))
        let searcher = try Searcher(path: tmp.path("t.sqlite"))
        let results = try searcher.search("lua", options: SearchOptions(limit: 10)).results
        #expect(Set(results.map(\.score)).count == 1, "every passage ties: \(results.map(\.score))")
        let order = results.map { "\($0.article.id)#\($0.paragraph)" }
        #expect(order == ["z#1", "z#3", "a#1", "a#3", "m#1", "m#3"])
        let pages = try [0, 2, 4].flatMap { offset in
            try searcher.search("lua", options: SearchOptions(limit: 2, offset: offset)).results.map { "\($0.article.id)#\($0.paragraph)" }
        }
        #expect(pages == order)
    }

    static let badQueries = ["\"nông thôn", "-", "*", "- *", "AND", "NEAR", "NOT", "nông AND thôn", "NEAR(a b)", "covid-19 4-5% 12/19",
                             "...!!!", "", "   ", "(((", ")))", "a OR", "OR b", "-nông", "\"\"", "ban*", "b*n", "x:y", "^nong",
                             "long-phrase", "long-word", "'; DROP TABLE articles; --",
                             "NEAR(-thôn -NOT", "covid-19,NEAR(-NEAR(-”,nông *", "a OR -b", "(-a) OR (-b)", "x (-y (-z))"]

    @Test(arguments: badQueries)
    func everyQueryGetsResultsOrAClearError(_ name: String) throws {
        let q = switch name {
        case "long-phrase": String(repeating: "nông thôn ", count: 1000)
        case "long-word": String(repeating: "a", count: 10_000)
        default: name
        }
        do {
            _ = try corpus.searcher.search(q)
        } catch IndexError.query(let message) {
            #expect(!message.contains("fts5") && !message.contains("syntax error"), "\(message)")
            #expect(!message.contains("\n"))
        }
        #expect(Set(try corpus.ids("ban")) == ["a01", "a02", "a03"], "the index is intact")
    }
}
