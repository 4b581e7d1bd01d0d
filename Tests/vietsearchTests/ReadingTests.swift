import Foundation
import TestSupport
import Testing

/// Issue #13, points 2, 3, 5 and 9, end to end through the built binary, with the issue's examples.
@Suite struct ReadingTests {
    /// A small archive where plain BM25 would put the wrong reading first: the distractors are
    /// short (BM25 favours them) and come first in the index.
    /// The folder must outlive the test: it is deleted when released.
    static func archive() throws -> (TemporaryFolder, String) {
        let tmp = TemporaryFolder()
        var lines: [String] = []
        func article(_ id: String, _ title: String, _ paragraphs: [String]) {
            let body = paragraphs.map { "\"\($0)\"" }.joined(separator: ", ")
            lines.append(#"{"id": "\#(id)", "title": "\#(title)", "paragraphs": [\#(body)]}"#)
        }
        article("giali", "Thị trường", ["Giá lại tăng."])
        article("gialai1", "Tây Nguyên", ["Tỉnh Gia Lai có nhiều cà phê, và mùa này cà phê ở khắp nơi trong tỉnh được giá."])
        article("gialai2", "Bóng đá", ["Đội bóng Hoàng Anh Gia Lai thắng trận đầu tiên của mùa giải năm nay trên sân nhà."])
        article("gialai3", "Du lịch", ["Biển Hồ ở Gia Lai đẹp vào mùa mưa, khách du lịch đến đông từ khắp các tỉnh."])
        article("scatter", "Ghi chép", ["Ơ nông trại, nhà thôn quê nghèo, vơi bớt nỗi buồn mơi đây."])
        article("plain", "Khong dau", ["Xay dung nong thon moi."])
        article("ntm", "Nông thôn", ["Cả xã đang xây dựng nông thôn mới, đường làng được làm lại và mở rộng theo kế hoạch."])
        article("dang", "Thuốc", ["Thuốc dạng viên có cọng rau và tài sản."])
        article("dcs", "Lịch sử", ["Ngày thành lập Đảng Cộng sản Việt Nam được cả nước kỷ niệm long trọng hằng năm."])
        article("dang1", "Hội nghị", ["Đảng bộ tỉnh họp."])
        article("dang2", "Tin", ["Trời đang mưa, nắng đang lên, ai cũng đang chờ."])
        article("dang3", "Tin khác", ["Dáng người cao."])
        tmp.write("in/a.jsonl", lines.joined(separator: "\n") + "\n")
        let db = tmp.path("x.sqlite")
        let r = try CLI.run(["index", tmp.path("in"), "--db", db, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        return (tmp, db)
    }

    static func ids(_ db: String, _ arguments: [String]) throws -> [String] {
        let r = try CLI.run(["search", "--db", db, "--format", "json", "--limit", "50"] + arguments)
        return (r.json["results"] as? [[String: Any]] ?? []).map { ($0["article"] as! [String: Any])["id"] as! String }
    }

    @Test func anUnaccentedQueryRanksItsLikeliestReadingFirst() throws {
        let (folder, db) = try Self.archive()
        defer { withExtendedLifetime(folder) {} }
        // `gia lai`: the province (three passages) before `giá lại` (one, short, and first in the index).
        let gialai = try Self.ids(db, ["gia", "lai"])
        #expect(Array(gialai.prefix(3)).sorted() == ["gialai1", "gialai2", "gialai3"], "\(gialai)")
        #expect(gialai.contains("giali"), "the other readings still match, after: \(gialai)")
        let r = try CLI.run(["search", "--db", db, "--format", "json", "gia", "lai"])
        #expect(r.json["reading"] as? String == "gia lai")
        #expect(r.json["exactTotal"] is NSNull && r.json["anyToneTotal"] is NSNull, "no as-typed counts for a query without marks")
        // `nong thon moi`: the phrase with accents first, then the unaccented text, then scattered words.
        let ntm = try Self.ids(db, ["nong", "thon", "moi"])
        #expect(ntm.first == "ntm", "\(ntm)")
        let hint = try CLI.run(["search", "--db", db, "--color", "never", "nong", "thon", "moi"]).stdout
        #expect(hint.contains("hint: most often written \"nông thôn mới\", shown first"), "\(hint)")
        #expect(try CLI.run(["search", "--db", db, "--format", "json", "nong", "thon", "moi"]).json["reading"] as? String == "nông thôn mới")
        // The capitals typed are kept: the index's forms are lowercase.
        let capitals = try CLI.run(["search", "--db", db, "--color", "never", "Nong", "thon", "MOI"]).stdout
        #expect(capitals.contains("hint: most often written \"Nông thôn MỚI\", shown first; exact matches only: vietsearch search --strict --db "), "\(capitals)")
        #expect(capitals.contains(" -- Nông thôn MỚI\n"), "\(capitals)")
        #expect(try CLI.run(["search", "--db", db, "--format", "json", "Gia Lai"]).json["reading"] as? String == "Gia Lai")
        // A question whose only uncommon word is one the index lacks (`nao`) still finds its answers.
        let question = try CLI.run(["search", "--db", db, "--format", "json", "--any", "xay dung nong thon moi the nao"]).json
        #expect(question["reading"] is NSNull, "questions are not read")
        let found = (question["results"] as? [[String: Any]] ?? []).compactMap { ($0["article"] as? [String: Any])?["id"] as? String }
        #expect(found.contains("ntm") && found.contains("plain"), "\(found)")
    }

    @Test func oneSlippedAccentCostsLessThanABrokenPhrase() throws {
        let (folder, db) = try Self.archive()
        defer { withExtendedLifetime(folder) {} }
        #expect(try Self.ids(db, ["nông thôn mơi"]).first == "ntm")
        #expect(try Self.ids(db, ["nong thon moi"]).first == "ntm")
        #expect(try Self.ids(db, ["dảng cọng sản"]).first == "dcs")
        // The phrase with all its accents right still beats everything.
        #expect(try Self.ids(db, ["Đảng Cộng sản"]).first == "dcs")
    }

    @Test func countsSayWhatTheyCount() throws {
        let (tmp, db) = try Self.archive()
        defer { withExtendedLifetime(tmp) {} }
        // Đảng: two passages hold it as typed; đang, dáng and dạng also match with any tone.
        let text = try CLI.run(["search", "--db", db, "--color", "never", "Đảng"]).stdout
        #expect(text.hasPrefix("2 matches for Đảng (6 with any tone)"), "\(text)")
        let json = try CLI.run(["search", "--db", db, "--format", "json", "Đảng"]).json
        #expect(json["total"] as? Int == 6 && json["exactTotal"] as? Int == 2 && json["anyToneTotal"] as? Int == 6, "\(json)")
        #expect(json["reading"] is NSNull)
        #expect(try Self.ids(db, ["Đảng"]).prefix(2).sorted() == ["dang1", "dcs"], "the passages as typed come first")
        let strict = try CLI.run(["search", "--db", db, "--color", "never", "--strict", "Đảng"]).stdout
        #expect(strict.hasPrefix("2 matches for Đảng (6 with any tone)"), "\(strict)")
        let one = try CLI.run(["search", "--db", db, "--color", "never", "Dáng"]).stdout
        #expect(one.hasPrefix("1 match for Dáng (6 with any tone)"), "\(one)")

        // export writes the passages as typed, and says so; --any-tone writes every tone.
        let exact = try CLI.run(["export", "--db", db, "Đảng"])
        #expect(exact.status == 0)
        let exported = exact.stdout.split(separator: "\n").map { String($0) }
        #expect(exported.count == 2 && exported.allSatisfy { $0.contains("Đảng") }, "\(exported)")
        #expect(exact.stderr.contains("exported 2 passages from 2 articles; as typed only: 6 with any tone (--any-tone exports them)"), "\(exact.stderr)")
        let all = try CLI.run(["export", "--db", db, "--any-tone", "--format", "csv", "--out", tmp.path("all.csv"), "Đảng"])
        #expect(all.stderr.contains("exported 6 passages from 6 articles to \(tmp.path("all.csv")); 2 of the matches as typed"), "\(all.stderr)")
        // An unaccented query exports every tone, as it searches.
        let plain = try CLI.run(["export", "--db", db, "dang"])
        #expect(plain.stdout.split(separator: "\n").count == 6)
        #expect(!plain.stderr.contains("as typed"))
        // An OR of accented words holds as typed where either does.
        let either = try CLI.run(["export", "--db", db, "Đảng OR Dáng"])
        #expect(either.stdout.split(separator: "\n").count == 3, "\(either.stdout)")
    }
}

/// Issue #13, point 9: `--any` judges an accented question word by how common its exact form is.
@Suite struct QuestionWordTests {
    @Test func anAccentedWordIsAsRareAsItsExactForm() throws {
        let tmp = TemporaryFolder()
        var lines: [String] = []
        // `tin` is everywhere (thông tin, tin tức); `tín` is in one passage, the answer.
        for i in 0..<30 {
            lines.append(#"{"id": "t\#(i)", "title": "Tin tức", "paragraphs": ["Học phần có thông tin mới, tin tức hôm nay là gì thì chỉ học phần biết."]}"#)
        }
        lines.append(#"{"id": "answer", "title": "Quy chế", "paragraphs": ["Mỗi tín chỉ tương ứng 15 tiết; tín chỉ là đơn vị đo khối lượng học tập, một học phần có từ 2 đến 4 tín chỉ."]}"#)
        tmp.write("in/a.jsonl", lines.joined(separator: "\n") + "\n")
        let db = tmp.path("x.sqlite")
        #expect(try CLI.run(["index", tmp.path("in"), "--db", db, "-q"]).status == 0)
        let r = try CLI.run(["search", "--db", db, "--any", "--format", "json", "--limit", "1",
                             "Học phần có 1 tín chỉ là học phần gì?"])
        let first = (r.json["results"] as? [[String: Any]])?.first
        #expect((first?["article"] as? [String: Any])?["id"] as? String == "answer", "\(r.stdout)")
        withExtendedLifetime(tmp) {}
        // Every word of the question here is common but `tín`: only rows holding it are scored.
        #expect(r.json["total"] as? Int == 1, "\(r.json["total"] ?? "nil")")
    }
}
