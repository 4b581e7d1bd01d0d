import Foundation
import TestSupport
import Testing

/// Issue #14: filters by outlet, category and date, and at most N passages per article.
@Suite struct FilterTests {
    func corpus() throws -> (TemporaryFolder, CLI.Output) {
        let tmp = TemporaryFolder()
        let lines = [
            #"{"id": "d1", "title": "Giá vàng tháng ba", "source": "NLD", "category": "Kinh doanh", "date": "2006-03-15", "paragraphs": ["Giá vàng tăng mạnh.", "Giá vàng lại tăng.", "Giá vàng giảm."]}"#,
            #"{"id": "d2", "title": "Bóng đá", "source": "VNE", "category": "Thể thao", "date": "15/04/2006", "paragraphs": ["Giá vé bóng đá và giá vàng."]}"#,
            #"{"id": "d3", "title": "Tin thể thao", "source": "TT", "category": "The thao", "date": "Thứ tư, 20/05/2006 08:30", "paragraphs": ["Giá vàng không ảnh hưởng bóng đá."]}"#,
            #"{"id": "d4", "title": "Không ngày", "source": "NLD", "category": "Kinh doanh", "paragraphs": ["Giá vàng hôm nay."]}"#,
            #"{"id": "d5", "title": "Ngày lạ", "source": "TN", "category": "Kinh doanh", "date": "hôm qua", "paragraphs": ["Giá vàng hôm qua."]}"#,
            #"{"id": "d6", "title": "Ngày lạ nữa", "source": "TN", "category": "Kinh doanh", "date": "sáng nay", "paragraphs": ["Giá vàng sáng nay."]}"#,
        ]
        tmp.write("in/a.jsonl", lines.joined(separator: "\n") + "\n")
        let r = try CLI.run(["index", tmp.path("in"), "--db", tmp.path("x.sqlite")])
        return (tmp, r)
    }

    func ids(_ tmp: TemporaryFolder, _ arguments: [String]) throws -> (ids: [String], total: Int) {
        let r = try CLI.run(["search", "giá vàng", "--db", tmp.path("x.sqlite"), "--format", "json", "--limit", "50"] + arguments)
        #expect(r.status == 0, "\(r.stderr)")
        let results = r.json["results"] as? [[String: Any]] ?? []
        return (results.map { ($0["article"] as! [String: Any])["id"] as! String }, r.json["total"] as? Int ?? -1)
    }

    @Test func anUnreadableDateIsWarnedOncePerFileAndKept() throws {
        let (tmp, r) = try corpus()
        #expect(r.status == 0, "the articles are all indexed: \(r.stderr)")
        let warnings = r.stderr.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        #expect(warnings.count == 1 && warnings[0].contains("a.jsonl:5") && warnings[0].contains("hôm qua"), "\(r.stderr)")
        let json = try CLI.run(["search", "\"hôm qua\"", "--db", tmp.path("x.sqlite"), "--format", "json"])
        let article = (json.json["results"] as? [[String: Any]])?.first?["article"] as? [String: Any]
        #expect(article?["date"] as? String == "hôm qua", "kept as text")
    }

    @Test func outletsAndCategories() throws {
        let (tmp, _) = try corpus()
        let nld = try ids(tmp, ["--outlet", "NLD"])
        #expect(Set(nld.ids) == ["d1", "d4"])
        #expect(nld.total == nld.ids.count, "the total counts only what passes")
        #expect(Set(try ids(tmp, ["--outlet", "nld,vne"]).ids) == ["d1", "d2", "d4"], "case ignored, comma list")
        #expect(Set(try ids(tmp, ["--outlet", "nld", "--outlet", "tt"]).ids) == ["d1", "d3", "d4"], "repeated")
        #expect(Set(try ids(tmp, ["--category", "the thao"]).ids) == ["d2", "d3"], "accents and case ignored")
        #expect(Set(try ids(tmp, ["--category", "Thể thao", "--outlet", "VNE"]).ids) == ["d2"], "combined")
        #expect(try ids(tmp, ["--outlet", "XYZ"]).total == 0)
    }

    /// A value no article has is said on stderr (and in JSON), naming what the index holds; a
    /// value some article has is not, and the search still runs.
    @Test func aValueNoArticleHasIsSaid() throws {
        let (tmp, _) = try corpus()
        let db = tmp.path("x.sqlite")
        let r = try CLI.run(["search", "giá vàng", "--db", db, "--outlet", "nld,XYZ", "--category", "kinh te"])
        #expect(r.status == 0, "\(r.stderr)")
        let warnings = r.stderr.split(separator: "\n").map(String.init)
        #expect(warnings == ["warning: no article has outlet \"XYZ\" (the index has NLD, TN, TT, VNE)",
                             "warning: no article has category \"kinh te\" (the index has Kinh doanh, The thao, Thể thao)"],
                "\(r.stderr)")
        #expect(r.stdout.hasPrefix("0 matches"), "\(r.stdout)")
        let json = try CLI.run(["search", "giá vàng", "--db", db, "--format", "json", "--outlet", "XYZ"]).json
        let unmet = json["unmet"] as? [[String: Any]] ?? []
        #expect(unmet.count == 1 && unmet[0]["filter"] as? String == "outlet" && unmet[0]["value"] as? String == "XYZ"
                && unmet[0]["known"] as? [String] == ["NLD", "TN", "TT", "VNE"], "\(json)")
        let fine = try CLI.run(["search", "giá vàng", "--db", db, "--outlet", "vne", "--category", "the thao", "--since", "2006-01-01"])
        #expect(fine.status == 0 && fine.stderr.isEmpty && fine.stdout.hasPrefix("1 match"), "\(fine.stderr)\(fine.stdout)")
        #expect(try CLI.run(["search", "giá vàng", "--db", db, "--format", "json"]).json["unmet"] as? [Any] != nil)
        for command in ["export", "suggest"] {
            let other = try CLI.run([command, "gia vang", "--db", db, "--category", "kinh te"])
            #expect(other.stderr.contains("warning: no article has category \"kinh te\""), "\(command): \(other.stderr)")
        }
    }

    /// Where no article has a date, `--since` and `--until` are said to admit none.
    @Test func datesWhereNoArticleHasOne() throws {
        let tmp = TemporaryFolder()
        tmp.write("in/a.jsonl", #"{"id": "u1", "title": "Giá vàng", "paragraphs": ["Giá vàng tăng."]}"# + "\n")
        let db = tmp.path("x.sqlite")
        #expect(try CLI.run(["index", tmp.path("in"), "--db", db, "-q"]).status == 0)
        let r = try CLI.run(["search", "giá vàng", "--db", db, "--until", "2006-12-31"])
        #expect(r.stderr == "warning: no article has a date, so --since and --until admit none\n" && r.stdout.hasPrefix("0 matches"),
                "\(r.stderr)\(r.stdout)")
    }

    @Test func dates() throws {
        let (tmp, _) = try corpus()
        #expect(Set(try ids(tmp, ["--since", "2006-04-01"]).ids) == ["d2", "d3"])
        #expect(Set(try ids(tmp, ["--until", "15/04/2006"]).ids) == ["d1", "d2"], "inclusive, day first")
        #expect(Set(try ids(tmp, ["--since", "1/4/2006", "--until", "2006-04-30"]).ids) == ["d2"])
        let bad = try CLI.run(["search", "giá", "--db", tmp.path("x.sqlite"), "--since", "tháng tư"])
        #expect(bad.status == 2 && bad.stderr.contains("is not a date"), "\(bad.stderr)")
    }

    @Test func perArticleKeepsTheBestPassagesOfEach() throws {
        let (tmp, _) = try corpus()
        let all = try ids(tmp, [])
        #expect(all.ids.filter { $0 == "d1" }.count >= 3)
        let one = try ids(tmp, ["--per-article", "1"])
        #expect(Set(one.ids).count == one.ids.count, "one passage per article")
        #expect(one.total == one.ids.count && Set(one.ids) == Set(all.ids))
        #expect(one.ids.first == all.ids.first, "each article's best passage, in rank order")
        let two = try ids(tmp, ["--per-article", "2", "--outlet", "NLD"])
        #expect(two.ids.filter { $0 == "d1" }.count == 2)
        let paged = try ids(tmp, ["--per-article", "1", "--limit", "2", "--offset", "1"])
        #expect(paged.ids == Array(one.ids.dropFirst().prefix(2)) && paged.total == one.total)
    }

    @Test func exportAndSuggestTakeTheFilters() throws {
        let (tmp, _) = try corpus()
        let db = tmp.path("x.sqlite")
        let r = try CLI.run(["export", "giá vàng", "--db", db, "--outlet", "NLD", "--per-article", "1", "--order", "article"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(rows.map { ($0["article"] as! [String: Any])["id"] as! String } == ["d1", "d4"])
        #expect(r.stderr.contains("exported 2 passages from 2 articles"), "\(r.stderr)")
        let all = try CLI.run(["suggest", "bong da", "--db", db, "--json"]).json
        let vne = try CLI.run(["suggest", "bong da", "--db", db, "--json", "--outlet", "TT"]).json
        #expect(((all["suggestions"] as? [[String: Any]])?.first?["count"] as? Int) == 3, "the title and paragraph of d2, and d3")
        #expect(((vne["suggestions"] as? [[String: Any]])?.first?["count"] as? Int) == 1)
        let word = try CLI.run(["suggest", "vang", "--db", db, "--json", "--outlet", "VNE"]).json
        #expect(((word["suggestions"] as? [[String: Any]])?.first?["count"] as? Int) == 1, "\(word)")
    }
}
