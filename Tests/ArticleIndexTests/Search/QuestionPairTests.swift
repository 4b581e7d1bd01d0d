import Foundation
import TestSupport
import Testing
@testable import ArticleIndex

/// A question's adjacent pair weighs the pair's own IDF: words held together rarely say more than
/// words that are common one by one, and a pair held together often (`là gì`) says little.
@Suite struct QuestionPairTests {
    /// `cầu` and `vồng` are in twelve passages each but together in one; `là` and `gì` in five,
    /// together in four. X holds `cầu vồng`, Y holds `là gì`; both hold the four words once, in
    /// passages of the same length. Weighing a pair by its words' IDFs put Y first.
    @Test func aRarePairOutweighsACommonOne() throws {
        let tmp = TemporaryFolder()
        tmp.write("c/x.txt", "Bài một\n\nCầu vồng là hiện tượng gì đó.\n")
        tmp.write("c/y.txt", "Bài hai\n\nCầu treo là gì, vồng lên cao.\n")
        for i in 0..<10 { tmp.write("c/cau\(i).txt", "Tin số \(i)\n\nCây cầu này vồng lên giữa sông.\n") }
        for i in 0..<3 { tmp.write("c/la\(i).txt", "Hỏi số \(i)\n\nĐây là gì vậy bạn?\n") }
        let db = tmp.path("q.sqlite")
        _ = try index([tmp.path("c")], db: db)
        let searcher = try Searcher(path: db)
        for question in ["cầu vồng là gì?", "cau vong la gi?"] {
            let ids = try searcher.search(question, options: SearchOptions(any: true)).results.map {
                URL(fileURLWithPath: $0.article.id).deletingPathExtension().lastPathComponent
            }
            #expect(Array(ids.prefix(2)) == ["x", "y"], "\(question): \(ids)")
        }
    }
}
