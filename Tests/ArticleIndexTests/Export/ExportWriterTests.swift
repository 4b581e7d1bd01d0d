import Foundation
import TestSupport
import Testing
@testable import ArticleIndex

/// Each export format, written from passages built here (no index): what a report tool reads.
@Suite struct ExportWriterTests {
    static let header = ExportHeader(query: "Đảng *x*", passages: 2, articles: 1, strict: false, any: false)
    static let article = ArticleInfo(id: "a1", title: "Tin <b>mới</b>", source: "in.jsonl", url: "https://x.vn/a?b=1&c=2",
                                     date: "2020-01-02", category: "Thời sự", outlet: "NLD")
    /// "=SUM(1) Đảng, "quoted"": a formula-like start, a comma, quotes and a match (bytes 8..<15).
    static let passages = [
        ExportPassage(rank: 1, score: 1.234567, article: article, paragraph: 2, text: "=SUM(1) Đảng, \"quoted\"",
                      highlights: [8..<15], before: [(1, "Trước <đó>")], after: []),
        ExportPassage(rank: 2, score: 0.5, article: article, paragraph: 0, text: "Tin <b>mới</b>", highlights: [0..<3],
                      before: [], after: [(1, "Sau *đó*")]),
    ]

    static func written<W: ExportWriter>(_ writer: W) throws -> String {
        String(decoding: try bytes(writer), as: UTF8.self)
    }

    static func bytes<W: ExportWriter>(_ writer: W) throws -> [UInt8] {
        let tmp = TemporaryFolder()
        var writer = writer
        var sink = try TextSink(path: tmp.path("out"))
        try writer.begin(header, to: &sink)
        for p in passages { try writer.passage(p, to: &sink) }
        try writer.end(to: &sink)
        try sink.commit()
        return Array(try Data(contentsOf: tmp.url.appendingPathComponent("out")))
    }

    @Test func csvIsRFC4180WithABOMAndNoFormulas() throws {
        let bytes = try Self.bytes(CSVExportWriter())
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM, for Excel")
        let out = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(out.hasPrefix("rank,article_id,title,outlet,source,url,date,category,paragraph,score,text,marked_text,context_before,context_after\r\n"))
        let rows = out.components(separatedBy: "\r\n")
        #expect(rows.count == 4 && rows[3].isEmpty, "header, two rows, and the final CRLF")
        #expect(rows[1] == #"1,a1,Tin <b>mới</b>,NLD,in.jsonl,https://x.vn/a?b=1&c=2,2020-01-02,Thời sự,2,1.235,"'=SUM(1) Đảng, ""quoted""","'=SUM(1) **Đảng**, ""quoted""",Trước <đó>,"#)
        #expect(rows[2] == "2,a1,Tin <b>mới</b>,NLD,in.jsonl,https://x.vn/a?b=1&c=2,2020-01-02,Thời sự,0,0.5,Tin <b>mới</b>,**Tin** <b>mới</b>,,Sau *đó*")
    }

    @Test func jsonLinesCarryScalarOffsetsAndMarks() throws {
        let lines = try Self.written(JSONLExportWriter()).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["score"] as? Double == 1.235)
        #expect(first["marked"] as? String == "=SUM(1) **Đảng**, \"quoted\"")
        #expect(first["highlights"] as? [[Int]] == [[8, 12]], "Đảng is 4 scalars from scalar 8")
        let context = try #require(first["context"] as? [[String: Any]])
        #expect(context.count == 1 && context[0]["position"] as? String == "before" && context[0]["paragraph"] as? Int == 1)
        #expect((first["article"] as? [String: Any])?["outlet"] as? String == "NLD")
    }

    @Test func markdownEscapesAndBoldsMatches() throws {
        let out = try Self.written(MarkdownExportWriter())
        #expect(out.hasPrefix("# Đảng \\*x\\*\n\n2 passages in 1 articles\n"))
        #expect(out.contains("\n## Tin \\<b\\>mới\\</b\\>\n\nNLD · [https://x.vn/a?b=1&c=2](<https://x.vn/a?b=1&c=2>) · 2020-01-02 · Thời sự\n"))
        #expect(out.contains("> *¶1 (context)* Trước \\<đó\\>\n>\n> *¶2* =SUM(1) **Đảng**, \"quoted\"\n"))
        #expect(out.contains("> *title* **Tin** \\<b\\>mới\\</b\\>\n>\n> *¶1 (context)* Sau \\*đó\\*\n"))
        #expect(out.components(separatedBy: "\n## ").count == 2, "one heading for the article's two passages")
    }

    @Test func htmlEscapesAndMarksMatches() throws {
        let out = try Self.written(HTMLExportWriter())
        #expect(out.hasPrefix("<!DOCTYPE html>"))
        #expect(!out.contains("<b>mới</b>"), "text is escaped")
        #expect(out.contains("<h2>Tin &lt;b&gt;mới&lt;/b&gt;</h2>"))
        #expect(out.contains("<a href=\"https://x.vn/a?b=1&amp;c=2\">"))
        #expect(out.contains("=SUM(1) <mark>Đảng</mark>, &quot;quoted&quot;"))
        #expect(out.contains("<mark>Tin</mark> &lt;b&gt;mới&lt;/b&gt;"))
        #expect(out.hasSuffix("</article>\n</body>\n</html>\n"))
    }

    /// The marks of every format: ranges outside the text or overlapping are skipped, never cut.
    @Test func matchMarksSkipBadRanges() {
        #expect(MatchMarks.wrap("abc def", [0..<3, 2..<5, 4..<99], open: "[", close: "]") == "[abc] def")
        #expect(MatchMarks.wrap("a<b", [2..<3], open: "<m>", close: "</m>", escape: { $0.replacingOccurrences(of: "<", with: "&lt;") })
            == "a&lt;<m>b</m>")
        #expect(MatchMarks.displayed(2.0005) == 2.001 && MatchMarks.displayed(-0.0004) == 0)
    }

    /// Marked words with only spaces between read as one mark; anything else keeps them apart.
    @Test func aPhraseIsMarkedAsOne() {
        func marked(_ text: String, _ words: [String]) -> String {
            var ranges: [Range<Int>] = [], from = text.startIndex
            for w in words {
                let r = text.range(of: w, range: from..<text.endIndex)!
                ranges.append(text.utf8.distance(from: text.startIndex, to: r.lowerBound)..<text.utf8.distance(from: text.startIndex, to: r.upperBound))
                from = r.upperBound
            }
            return MatchMarks.wrap(text, ranges, open: "[", close: "]")
        }
        #expect(marked("Về Buôn Ma Thuột chơi", ["Buôn", "Ma", "Thuột"]) == "Về [Buôn Ma Thuột] chơi")
        #expect(marked("giá\u{A0}vàng \t tăng", ["giá", "vàng", "tăng"]) == "[giá\u{A0}vàng \t tăng]", "no-break spaces and tabs")
        #expect(marked("Hà Nội, Việt Nam", ["Hà", "Nội", "Việt", "Nam"]) == "[Hà Nội], [Việt Nam]")
        #expect(marked("nông-thôn\nmới", ["nông", "thôn", "mới"]) == "[nông]-[thôn]\n[mới]")
        // The joined range is the original text's, byte for byte (NFD marks included).
        let nfd = "Sơn La".decomposedStringWithCanonicalMapping
        let son = "Sơn".decomposedStringWithCanonicalMapping.utf8.count
        let ranges = MatchMarks.phrases([0..<son, (son + 1)..<(son + 3)], in: Array(nfd.utf8))
        #expect(ranges == [0..<nfd.utf8.count] && String(decoding: Array(nfd.utf8)[ranges[0]], as: UTF8.self) == nfd)
    }
}
