import Foundation
import TestSupport
import Testing
@testable import ArticleIndex

/// Character references left by scraping are decoded as articles are read (`HTMLEntities`).
@Suite struct HTMLEntitiesTests {
    @Test func referencesAreDecodedAndOtherAmpersandsKept() {
        #expect(HTMLEntities.decoded("Sở GD&amp;ĐT Hà Nội") == "Sở GD&ĐT Hà Nội")
        #expect(HTMLEntities.decoded("&gt;&gt; Xem tiếp") == ">> Xem tiếp")
        #expect(HTMLEntities.decoded("giá&nbsp;vàng &#193;nh &#xC1;nh &quot;x&quot;") == "giá\u{A0}vàng Ánh Ánh \"x\"")
        // Not references: kept as written.
        for text in ["AT&T", "R&D", "a & b", "&;", "&ampx", "&unknown;", "&#1;", "&#xD800;", "&#99999999;", "&averyveryverylongname;"] {
            #expect(HTMLEntities.decoded(text) == text, "\(text)")
        }
        let plain = "Không có tham chiếu nào"
        #expect(HTMLEntities.decoded(plain) == plain)
    }

    @Test func tagsOfKnownElementsAreDropped() {
        #expect(HTMLEntities.decoded("<P>Giá vàng <STRONG>tăng</STRONG> mạnh</P>") == "Giá vàng tăng mạnh")
        #expect(HTMLEntities.decoded("Hà Nội</td><td width=\"473\" valign=\"top\">TPHCM") == "Hà Nội TPHCM", "cells do not run together")
        #expect(HTMLEntities.decoded("<img border=0 src='/images/clear.gif' width=1 height=1>") == "")
        #expect(HTMLEntities.decoded("a<br/>b<br />c") == "a b c")
        #expect(HTMLEntities.decoded("&lt;p&gt; là thẻ đoạn") == "<p> là thẻ đoạn", "an escaped tag is text the page showed")
        // Not tags of known elements: kept as written.
        for text in ["1 < 2 > 0", "x <y> z", "<Đảng>", "<p", "a <b c", "<table x < y>", "<paragraph>", "<>"] {
            #expect(HTMLEntities.decoded(text) == text, "\(text)")
        }
    }

    @Test func theIndexHoldsTheDecodedText() throws {
        let tmp = TemporaryFolder()
        tmp.write("in/a.jsonl", #"{"id": "a", "title": "Sở GD&amp;ĐT công bố", "paragraphs": ["Theo Sở GD&amp;ĐT, điểm chuẩn &gt; 20.", "&nbsp;"]}"# + "\n")
        tmp.write("in/b.txt", "Tin R&amp;D\n\nPhòng R&amp;D của AT&amp;T.\n\n<tr>\n\n<td width=\"473\"><P>Bảng <b>điểm</b></P></td>\n")
        let db = tmp.path("i.sqlite")
        let (summary, warnings) = try index([tmp.path("in")], db: db)
        #expect(summary.added == 2 && warnings.isEmpty)
        let searcher = try Searcher(path: db)
        let hits = try searcher.search("GD&ĐT", options: SearchOptions(limit: 10)).results
        #expect(hits.map(\.text).sorted() == ["Sở GD&ĐT công bố", "Theo Sở GD&ĐT, điểm chuẩn > 20."])
        // The marks cover `GD&ĐT` in the decoded text; a paragraph of a lone `&nbsp;` is empty, and dropped.
        let paragraph = try #require(hits.first { $0.paragraph == 1 })
        let bytes = Array(paragraph.text.utf8)
        #expect(paragraph.highlights.map { String(decoding: bytes[$0], as: UTF8.self) } == ["GD&ĐT"])
        #expect(try searcher.article(key: "a")?.paragraphs.count == 1)
        #expect(try searcher.search("amp", options: SearchOptions(limit: 10)).total == 0, "no `amp` is left to find")
        #expect(try searcher.search("\"R&D\"", options: SearchOptions(limit: 10)).results.map(\.text).sorted()
                == ["Phòng R&D của AT&T.", "Tin R&D"])
        // A paragraph of tags alone is gone; one with words keeps them.
        #expect(try searcher.article(key: tmp.path("in/b.txt"))?.paragraphs == ["Phòng R&D của AT&T.", "Bảng điểm"])
        #expect(try searcher.search("width OR valign OR td", options: SearchOptions(limit: 10)).total == 0)
    }
}
