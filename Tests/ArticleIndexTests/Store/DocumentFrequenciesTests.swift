import Foundation
import TestSupport
import Testing
@testable import ArticleIndex
import VietnameseText

@Suite struct DocumentFrequenciesTests {
    /// Frequent words' passage counts are stored at the end of a run and agree with FTS5's own
    /// count; rare words are counted by FTS5 when asked, phrases and prefixes from their doclists.
    /// The sentence-break token (one byte, `.`) is in FTS5's vocabulary but never counted as a word.
    @Test func documentFrequenciesAreStoredForFrequentWords() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        let lines = (0..<150).map { i in
            let words = i % 10 == 0 ? "Nông thôn hiếm có. Số \(i)." : "Nông thôn mới. Số \(i)."
            let object: [String: Any] = ["id": "a\(i)", "title": "Bài \(i)", "paragraphs": [words]]
            return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        tmp.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        _ = try index([tmp.path("in.jsonl")], db: db)
        let database = try IndexStore.openForReading(db)
        #expect(try database.scalar("SELECT passages FROM terms WHERE term = 'thon'") == 150)
        #expect(try database.scalar("SELECT passages FROM terms WHERE term = 'bai'") == 150)
        #expect(try database.scalar("SELECT count(*) FROM terms WHERE term = 'hiem'") == 0, "15 passages: not stored")
        let frequencies = try DocumentFrequencies(database)
        #expect(try frequencies.ofWord("thon") == 150)
        #expect(try frequencies.ofWord("hiem") == 15)
        #expect(try frequencies.ofWord("moi") == 135)
        #expect(try frequencies.ofWord("khong") == 0)
        func term(_ words: String, prefix: Bool = false) -> RankingPlan.Term {
            let parts = words.split(separator: " ").map { Query.Term(folded: String($0), exact: nil, prefix: false) }
            var terms = parts
            terms[terms.count - 1].prefix = prefix
            return RankingPlan.Term(words: terms, exactQuery: nil)
        }
        #expect(try frequencies.of(term("nong thon")) == 150)
        #expect(try frequencies.of(term("moi so")) == 0, "a phrase never spans a sentence break")
        #expect(try frequencies.of(term("hie", prefix: true)) == 15)
        #expect(try database.scalar("SELECT doc FROM temp.passages_vocabulary WHERE term = '.'") == 150)
        #expect(try database.scalar("SELECT count(*) FROM terms WHERE term = '.'") == 0)
    }
}
