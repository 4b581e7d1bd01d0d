import Foundation
import TestSupport
import Testing

/// `--sort date`: newest article first, undated last, an article's passages together and in order,
/// the same matches and counts as by relevance (issue #15, point 5).
@Suite struct SortByDateTests {
    /// Dates in the forms Vietnamese sites write them; g4 holds `giá xăng` most often (best by
    /// relevance) and is among the oldest; g5 shares g2's day and comes after it in the input.
    func corpus() throws -> TemporaryFolder {
        try CLI.indexed([
            #"{"id": "g1", "title": "Xăng tăng", "date": "2006-03-15", "paragraphs": ["Giá xăng tăng mạnh.", "Người dân lo lắng."]}"#,
            #"{"id": "g2", "title": "Xăng giảm", "date": "Thứ hai, 20/03/2006, 08:30", "paragraphs": ["Giá xăng giảm nhẹ.", "Giá xăng dầu ổn định."]}"#,
            #"{"id": "g3", "title": "Không ngày", "paragraphs": ["Giá xăng không rõ ngày."]}"#,
            #"{"id": "g4", "title": "Giá xăng", "date": "01.12.2005", "paragraphs": ["Giá xăng, giá xăng, giá xăng."]}"#,
            #"{"id": "g5", "title": "Cùng ngày", "date": "2006-03-20", "paragraphs": ["Giá xăng cùng ngày."]}"#,
            #"{"id": "g6", "title": "Giá vàng", "date": "2007-01-01", "paragraphs": ["Giá vàng tăng."]}"#,
        ])
    }

    func results(_ r: CLI.Output) -> [(id: String, paragraph: Int)] {
        (r.json["results"] as? [[String: Any]] ?? []).map {
            (($0["article"] as? [String: Any])?["id"] as? String ?? "", $0["paragraph"] as? Int ?? -1)
        }
    }

    @Test func newestFirstUndatedLastSameCounts() throws {
        let tmp = try corpus()
        let db = tmp.path("x.sqlite")
        let byDate = try CLI.run(["search", "giá xăng", "--sort", "date", "--limit", "20", "--format", "json", "--db", db])
        #expect(byDate.status == 0, "\(byDate.stderr)")
        let order = results(byDate)
        #expect(order.map(\.id) == ["g2", "g2", "g5", "g1", "g4", "g4", "g3"], "\(order)")
        // Within an article, its passages in order (g2's two paragraphs).
        #expect(order.prefix(2).map(\.paragraph) == [1, 2])
        let byRank = try CLI.run(["search", "giá xăng", "--limit", "20", "--format", "json", "--db", db])
        #expect(results(byRank).map(\.id) != order.map(\.id), "relevance orders otherwise: \(results(byRank))")
        #expect(Set(results(byRank).map { "\($0.id)#\($0.paragraph)" }) == Set(order.map { "\($0.id)#\($0.paragraph)" }))
        for key in ["total", "exactTotal", "anyToneTotal"] {
            #expect(byDate.json[key] as? Int == byRank.json[key] as? Int, "\(key)")
        }
        // A page is the slice of the whole order.
        let page = try CLI.run(["search", "giá xăng", "--sort", "date", "--limit", "2", "--offset", "2", "--format", "json", "--db", db])
        #expect(results(page).map(\.id) == ["g5", "g1"])
        // One passage per article: each article's first in that order, newest article first.
        let grouped = try CLI.run(["search", "giá xăng", "--sort", "date", "--per-article", "1", "--format", "json", "--db", db])
        #expect(results(grouped).map(\.id) == ["g2", "g5", "g1", "g4", "g3"], "\(results(grouped))")
        // The text output shows each result's day.
        let text = try CLI.run(["search", "giá xăng", "--sort", "date", "--limit", "3", "--color", "never", "--db", db])
        #expect(text.stdout.contains("2006-03-20 · "), "\(text.stdout)")
    }

    /// A query typed with marks lists the passages holding it as typed first, newest first, then
    /// those holding its words in other tones: `giá xăng` before the newer `giả xăng`.
    @Test func asTypedFirstThenOtherTones() throws {
        let tmp = try CLI.indexed([
            #"{"id": "t1", "title": "Một", "date": "2006-01-01", "paragraphs": ["Giá xăng cũ."]}"#,
            #"{"id": "t2", "title": "Hai", "date": "2007-01-01", "paragraphs": ["Xăng giả, hàng giả."]}"#,
            #"{"id": "t3", "title": "Ba", "date": "2006-06-01", "paragraphs": ["Giá xăng mới."]}"#,
        ])
        let r = try CLI.run(["search", "giá xăng", "--sort", "date", "--format", "json", "--db", tmp.path("x.sqlite")])
        #expect(results(r).map(\.id) == ["t3", "t1", "t2"], "\(results(r))")
        #expect(r.json["exactTotal"] as? Int == 2 && r.json["anyToneTotal"] as? Int == 3, "\(r.stdout)")
    }

    @Test func exportByDate() throws {
        let tmp = try corpus()
        let db = tmp.path("x.sqlite")
        let r = try CLI.run(["export", "giá xăng", "--sort", "date", "--format", "jsonl", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let ids = r.stdout.split(separator: "\n").compactMap { line -> String? in
            let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (o?["article"] as? [String: Any])?["id"] as? String
        }
        #expect(ids == ["g2", "g2", "g5", "g1", "g4", "g4", "g3"], "\(ids)")
        let both = try CLI.run(["export", "giá xăng", "--sort", "date", "--order", "article", "--db", db])
        #expect(both.status == 2)
        #expect(both.stderr.split(separator: "\n").count == 1 && both.stderr.contains("--sort date"), "\(both.stderr)")
    }
}
