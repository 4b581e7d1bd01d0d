import Foundation
import TestSupport
import Testing
import VietnameseText

@Suite struct SearchCommandTests {
    @Test func mainJobBuildsTheDefaultIndexFromSeedsThenReusesIt() throws {
        let tmp = TemporaryFolder()
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("seeds"), to: tmp.url.appendingPathComponent("seeds"))
        let first = try CLI.run(["search", "nong", "thon", "moi"], in: tmp.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("building it from seeds/"))
        #expect(FileManager.default.fileExists(atPath: tmp.path("index/articles.sqlite")))
        #expect(first.stdout.contains("**nông thôn mới**"), "plain markers on a pipe, a phrase as one")
        #expect(first.stdout.hasPrefix("2 matches"))
        let second = try CLI.run(["search", "nong", "thon", "moi"], in: tmp.url)
        #expect(second.status == 0 && !second.stderr.contains("building"))
        #expect(second.stdout.hasPrefix("2 matches"))
    }

    func corpus() throws -> TemporaryFolder {
        let tmp = TemporaryFolder()
        tmp.write("in/a.txt", "Bài một\n\nNgười dân bán rau ở chợ.\n\nNông, thôn xóm.\n")
        tmp.write("in/b.txt", "Bài hai\n\nBàn ghế gỗ, ban ngày.\n")
        tmp.write("in/c.txt", "Bài ba\n\n" + "Thủy điện Hoà Bình ở Việt Nam.".decomposedStringWithCanonicalMapping + "\n")
        let r = try CLI.run(["index", tmp.path("in"), "--db", tmp.path("x.sqlite")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("3 added"))
        return tmp
    }

    @Test func jsonShapeAndHighlightOffsets() throws {
        let tmp = try corpus()
        let r = try CLI.run(["search", "viet nam", "--db", tmp.path("x.sqlite"), "--format", "json"])
        #expect(r.status == 0)
        let json = r.json
        #expect(json["query"] as? String == "viet nam")
        #expect(json["total"] as? Int == 1)
        let result = (json["results"] as! [[String: Any]])[0]
        #expect(result["rank"] as? Int == 1)
        #expect(result["paragraph"] as? Int == 1)
        #expect(result["score"] is Double)
        let article = result["article"] as! [String: Any]
        #expect(Set(article.keys) == ["id", "title", "source", "url", "date", "category", "outlet"])
        #expect(article["url"] is NSNull)
        let text = result["text"] as! String
        let scalars = Array(text.unicodeScalars)
        let words = (result["highlights"] as! [[Int]]).map { String(String.UnicodeScalarView(scalars[$0[0]..<$0[1]])) }
        #expect(words == ["Việt".decomposedStringWithCanonicalMapping, "Nam"])
    }

    @Test func doubleDashEndsOptionsAndIsNotPartOfTheQuery() throws {
        let tmp = try corpus()
        let r = try CLI.run(["search", "--db", tmp.path("x.sqlite"), "--format", "json", "--", "ban", "-ngày"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.json["query"] as? String == "ban -ngày")
        #expect(r.json["total"] as? Int == 1, "bán rau matches; the bàn ghế paragraph holds ngày and is excluded")
    }

    @Test func jsonlBatchStrictAndColor() throws {
        let tmp = try corpus()
        let db = tmp.path("x.sqlite")
        let lines = try CLI.run(["search", "ban", "--db", db, "--format", "jsonl"]).stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any]) }
        let strict = try CLI.run(["search", "bán", "--strict", "--db", db, "--format", "json"]).json
        #expect(strict["total"] as? Int == 1)
        let batch = try CLI.run(["search", "--batch", "--db", db], stdin: "ban\n\"\nhoà bình\n")
        let objects = batch.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects.count == 3)
        #expect(objects[0]["total"] as? Int == 2)
        #expect(objects[1]["error"] is String)
        #expect(objects[2]["total"] as? Int == 1)
        let colored = try CLI.run(["search", "ban", "--db", db, "--color", "always"])
        #expect(colored.stdout.contains("\u{1B}[1;33m"))
        let plain = try CLI.run(["search", "ban", "--db", db, "--color", "always"], environment: ["NO_COLOR": "1"])
        #expect(plain.stdout.contains("\u{1B}[1;33m"), "--color always wins over NO_COLOR")
        let auto = try CLI.run(["search", "ban", "--db", db], environment: ["NO_COLOR": "1"])
        #expect(!auto.stdout.contains("\u{1B}[") && auto.stdout.contains("**"))
    }

    @Test func phraseDoesNotCrossPunctuation() throws {
        let tmp = try corpus()
        let r = try CLI.run(["search", "\"nông thôn\"", "--db", tmp.path("x.sqlite"), "--format", "json"])
        #expect(r.json["total"] as? Int == 0)
    }

    @Test(arguments: ["", "-", "*", "\"", "(((", "...", "-bán"])
    func badQueriesGiveOneLineErrorsOrResults(_ q: String) throws {
        let tmp = try corpus()
        let r = try CLI.run(["search", q, "--db", tmp.path("x.sqlite")])
        if r.status != 0 {
            #expect(r.stderr.hasPrefix("error: "), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
            #expect(!r.stderr.lowercased().contains("fts5"))
        }
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test func missingIndexAndHelp() throws {
        let tmp = TemporaryFolder()
        let r = try CLI.run(["search", "x", "--db", tmp.path("none.sqlite")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no index at"))
        for command in ["search", "index", "stats", "tokenize"] {
            let help = try CLI.run([command, "--help"])
            #expect(help.status == 0 && help.stdout.contains("USAGE"), "\(command)")
        }
    }

    @Test func tokenizeAndStatsJSON() throws {
        let r = try CLI.run(["tokenize", "--json", "Ðà Nẵng 2.100 ha"])
        let tokens = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(tokens.map { $0["folded"] as! String } == ["da", "nang", "2.100", "ha"])
        #expect(tokens.map { $0["exact"] as! String } == ["đà", "nẵng", "2.100", "ha"])
        #expect(tokens[0]["start"] as? Int == 0 && tokens[0]["end"] as? Int == 4)
        #expect(tokens[2]["alternates"] as? [String] == ["2100"])
        #expect(tokens[0]["alternates"] == nil)
        let tmp = try corpus()
        let stats = try CLI.run(["stats", "--json", "--db", tmp.path("x.sqlite")]).json
        #expect(stats["articles"] as? Int == 3)
        #expect(stats["paragraphs"] as? Int == 4)
        // bai mot nguoi dan ban rau o cho nong thon xom hai ghe go ngay ba thuy dien hoa binh viet nam
        #expect(stats["terms"] as? Int == 22)
        // Every word's exact form, each once: the 19 marked (bài một người dân bán ở chợ nông thôn xóm bàn ghế gỗ ngày
        // thủy điện hòa bình việt) and the 5 unmarked (rau hai ban ba nam).
        #expect(stats["exactTerms"] as? Int == 24)
        #expect((stats["bytes"] as? Int ?? 0) > 0)
        #expect(stats["tokenizer"] as? Int == VietnameseTokenizer.version)
    }

    @Test func indexReportsBadInputsAndExitsNonZero() throws {
        let tmp = TemporaryFolder()
        tmp.write("in/good.txt", "Tốt\n\nMột đoạn.\n")
        tmp.write("in/bad.jsonl", "{\"id\": 1, \"title\": \"x\", \"paragraphs\": 5}\n{oops\n")
        let r = try CLI.run(["index", tmp.path("in"), "--db", tmp.path("x.sqlite")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.jsonl:1: field \"paragraphs\" must be an array of strings"))
        #expect(r.stderr.contains("bad.jsonl:2: malformed JSON"))
        #expect(r.stderr.contains("1 added"))
        #expect(r.stderr.contains("2 skipped"))
    }
}
