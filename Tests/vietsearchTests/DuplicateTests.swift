import Foundation
import TestSupport
import Testing

/// Issue #13, points 7 and 8: no passage twice, and duplicate ids said out loud.
@Suite struct DuplicateTests {
    @Test func derivedAndRepeatedTitlesAreNotPassagesOfTheirOwn() throws {
        let tmp = TemporaryFolder()
        let lines = [
            #"{"id": "b", "paragraphs": ["Không có tiêu đề ở đây, chỉ có đoạn văn về lúa gạo."]}"#,
            #"{"id": "c", "title": "Giá lúa gạo tăng", "paragraphs": ["Giá lúa gạo tăng", "Đoạn khác về lúa gạo."]}"#,
            #"{"id": "d", "title": "Lúa gạo miền Tây", "paragraphs": ["Nông dân bán lúa gạo."]}"#,
        ]
        tmp.write("in/a.jsonl", lines.joined(separator: "\n") + "\n")
        let db = tmp.path("x.sqlite")
        #expect(try CLI.run(["index", tmp.path("in"), "--db", db, "-q"]).status == 0)
        let r = try CLI.run(["search", "lúa gạo", "--db", db, "--format", "json", "--limit", "50"])
        let results = r.json["results"] as? [[String: Any]] ?? []
        let places = results.map { (($0["article"] as! [String: Any])["id"] as! String, $0["paragraph"] as! Int) }
        #expect(Set(places.map { "\($0.0)#\($0.1)" }) == ["b#1", "c#1", "c#2", "d#0", "d#1"], "\(places)")
        // The same text of one article never twice.
        let texts = results.map { (($0["article"] as! [String: Any])["id"] as! String) + "|" + ($0["text"] as! String) }
        #expect(Set(texts).count == texts.count)
        // A derived title is still shown.
        let b = results.first { ($0["article"] as! [String: Any])["id"] as? String == "b" }
        #expect(((b?["article"] as? [String: Any])?["title"] as? String)?.hasPrefix("Không có tiêu đề") == true)
        let export = try CLI.run(["export", "lúa gạo", "--db", db])
        #expect(export.stdout.split(separator: "\n").count == 5)
        #expect(try CLI.run(["check", "--db", db]).status == 0)
    }

    @Test func aDuplicateIdIsAWarningNamingBothPlaces() throws {
        let tmp = TemporaryFolder()
        tmp.write("in/a.jsonl", #"{"id": "a1", "title": "Thứ nhất", "paragraphs": ["bản đầu"]}"# + "\n"
                  + #"{"id": "a1", "title": "Thứ hai", "paragraphs": ["bản sau"]}"# + "\n")
        let db = tmp.path("x.sqlite")
        let r = try CLI.run(["index", tmp.path("in"), "--db", db])
        #expect(r.status == 1)
        let warnings = r.stderr.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        #expect(warnings.count == 1 && warnings[0].contains("a.jsonl:2") && warnings[0].contains("a.jsonl:1")
                && warnings[0].contains("\"a1\""), "\(r.stderr)")
        let later = try CLI.run(["search", "bản", "--db", db, "--format", "json"])
        let titles = (later.json["results"] as? [[String: Any]] ?? []).map { ($0["article"] as! [String: Any])["title"] as! String }
        #expect(Set(titles) == ["Thứ hai"], "the later article wins")
    }
}
