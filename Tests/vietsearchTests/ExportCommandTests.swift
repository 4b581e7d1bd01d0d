import Foundation
import TestSupport
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF rows; anything else is an error.
func parseCSV(_ text: String) throws -> [[String]] {
    struct Malformed: Error { var at: Int }
    var rows: [[String]] = [], row: [String] = [], field = ""
    let chars = Array(text.unicodeScalars)
    var i = 0, quoted = false, fieldStart = true
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"" {
                if i + 1 < chars.count && chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 2; continue }
                quoted = false; i += 1
                guard i == chars.count || chars[i] == "," || chars[i] == "\r" else { throw Malformed(at: i) }
                continue
            }
            field.unicodeScalars.append(c); i += 1; continue
        }
        switch c {
        case "\"":
            guard fieldStart else { throw Malformed(at: i) }
            quoted = true; fieldStart = false
        case ",":
            row.append(field); field = ""; fieldStart = true
        case "\r":
            guard i + 1 < chars.count, chars[i + 1] == "\n" else { throw Malformed(at: i) }
            row.append(field); rows.append(row); row = []; field = ""; fieldStart = true; i += 1
        case "\n":
            throw Malformed(at: i)  // a bare LF outside quotes
        default:
            field.unicodeScalars.append(c); fieldStart = false
        }
        i += 1
    }
    guard !quoted && field.isEmpty && row.isEmpty else { throw Malformed(at: i) }
    return rows
}

/// Collects an XML document's elements and text, with a real parser.
final class PageReader: NSObject, XMLParserDelegate {
    var marks: [String] = [], blockquotes: [String] = [], h2: [String] = []
    var attributes: [String: [String: String]] = [:]
    var elements: [String] = []
    private var stack: [String] = [], text = "", quote = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        stack.append(name); elements.append(name); self.attributes[name] = attributes; text = ""
        if name == "blockquote" { quote = "" }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
        if stack.contains("blockquote") { quote += string }
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "mark" { marks.append(text) }
        if name == "h2" { h2.append(text) }
        if name == "blockquote" { blockquotes.append(quote) }
        stack.removeLast()
    }
}

@Suite struct ExportCommandTests {
    static let nasty = "Giá \"vàng\", bạc & <script>alert(1)</script> tăng *mạnh* _nhanh_ | cột"
    static let nfd = "Người dân Việt Nam nói về giá vàng.".decomposedStringWithCanonicalMapping

    func corpus() throws -> TemporaryFolder {
        let tmp = TemporaryFolder()
        tmp.write("in/a.txt", "Giá vàng <svg>hôm nay</svg>\n\nMở đầu bài.\n\n\(Self.nasty)\ndòng thứ hai của đoạn\n\nĐoạn cuối không liên quan.\n")
        tmp.write("in/b.txt", "Tin NFD\n\n\(Self.nfd)\n")
        tmp.write("in/c.txt", "Khác\n\nKhông có gì.\n")
        let r = try CLI.run(["index", tmp.path("in"), "--db", tmp.path("x.sqlite"), "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        return tmp
    }

    @Test func jsonlRoundTripsFieldsAndMarks() throws {
        let tmp = try corpus()
        let r = try CLI.run(["export", "giá", "vàng", "--db", tmp.path("x.sqlite"), "--context", "1"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("exported 3 passages from 2 articles"))
        let objects = r.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects.count == 3)
        for o in objects {
            let text = o["text"] as! String
            let scalars = Array(text.unicodeScalars)
            let words = (o["highlights"] as! [[Int]]).map { String(String.UnicodeScalarView(scalars[$0[0]..<$0[1]])).precomposedStringWithCanonicalMapping.lowercased() }
            #expect(Set(words) == ["giá", "vàng"], "\(words)")
            #expect((o["marked"] as! String).replacingOccurrences(of: "**", with: "") == text)
            let article = o["article"] as! [String: Any]
            #expect(Set(article.keys) == ["id", "title", "source", "url", "date", "category", "outlet"])
        }
        let nasty = objects.first { ($0["text"] as! String).hasPrefix("Giá \"vàng\"") }!
        #expect(nasty["text"] as? String == Self.nasty + "\ndòng thứ hai của đoạn")
        let context = nasty["context"] as! [[String: Any]]
        #expect(context.map { $0["position"] as! String } == ["before", "after"])
        #expect(context.map { $0["paragraph"] as! Int } == [1, 3])
    }

    @Test func csvIsStrictRFC4180WithBOM() throws {
        let tmp = try corpus()
        let out = tmp.path("out.csv")
        let r = try CLI.run(["export", "giá", "vàng", "--db", tmp.path("x.sqlite"), "--format", "csv", "--out", out, "--order", "article"])
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = try parseCSV(String(decoding: bytes.dropFirst(3), as: UTF8.self))
        #expect(rows.first == ["rank", "article_id", "title", "outlet", "source", "url", "date", "category", "paragraph", "score",
                               "text", "marked_text", "context_before", "context_after"])
        #expect(rows.count == 4)
        #expect(rows.dropFirst().allSatisfy { $0.count == 14 })
        let nasty = rows.first { $0[10].hasPrefix("Giá \"vàng\"") }!
        #expect(nasty[10] == Self.nasty + "\ndòng thứ hai của đoạn")
        #expect(nasty[11].hasPrefix("**Giá** \"**vàng**\", bạc"))
        #expect(rows.contains { $0[10] == Self.nfd }, "NFD text is kept byte for byte")
        #expect(!FileManager.default.fileExists(atPath: tmp.path(".out.csv.tmp")))
    }

    @Test func htmlEscapesEverythingAndParses() throws {
        let tmp = try corpus()
        let r = try CLI.run(["export", "giá", "vàng", "--db", tmp.path("x.sqlite"), "--format", "html"])
        #expect(r.status == 0)
        let page = r.stdout
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("<script>") && !page.contains("<svg>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let reader = PageReader()
        let parser = XMLParser(data: Data(page.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "well-formed: \(String(describing: parser.parserError))")
        #expect(reader.attributes["html"]?["lang"] == "vi")
        #expect(reader.attributes["meta"]?["charset"] == "utf-8" || reader.elements.filter { $0 == "meta" }.count == 2)
        #expect(!reader.elements.contains("script") && !reader.elements.contains("svg"))
        #expect(Set(reader.marks.map { $0.precomposedStringWithCanonicalMapping.lowercased() }).isSubset(of: ["giá vàng", "giá", "vàng"]))
        #expect(reader.marks.contains { $0.precomposedStringWithCanonicalMapping.lowercased() == "giá vàng" }, "the phrase as one mark")
        #expect(reader.h2.contains("Giá vàng <svg>hôm nay</svg>"), "titles come back as text")
        #expect(reader.blockquotes.contains { $0.contains(Self.nasty) })
        #expect(reader.elements.filter { $0 == "article" }.count == 2 || reader.elements.filter { $0 == "article" }.count == 3)
    }

    @Test func markdownEscapesSpecialCharacters() throws {
        let tmp = try corpus()
        let r = try CLI.run(["export", "giá", "vàng", "--db", tmp.path("x.sqlite"), "--format", "markdown", "--order", "article"])
        #expect(r.status == 0)
        let md = r.stdout
        #expect(md.contains("## Giá vàng \\<svg\\>hôm nay\\</svg\\>"))
        #expect(md.contains("**Giá** \"**vàng**\", bạc & \\<script\\>alert(1)\\</script\\> tăng \\*mạnh\\* \\_nhanh\\_ \\| cột"))
        #expect(md.contains("\n## Tin NFD\n"))
    }

    /// `--out ket-qua.csv` writes CSV without `--format` (a report opened in a spreadsheet is not
    /// JSON lines); a format given wins over the name; `md` and `htm` name their formats too.
    @Test func theOutputsNameSaysItsFormatUnlessAFormatIsGiven() throws {
        let tmp = try corpus()
        func export(_ file: String, _ more: [String] = []) throws -> String {
            let r = try CLI.run(["export", "giá", "vàng", "--db", tmp.path("x.sqlite"), "--out", tmp.path(file)] + more)
            #expect(r.status == 0, "\(r.stderr)")
            return String(decoding: try Data(contentsOf: URL(fileURLWithPath: tmp.path(file))), as: UTF8.self)
        }
        #expect(try export("ket-qua.csv").unicodeScalars.starts(with: "\u{FEFF}rank,article_id,".unicodeScalars))
        #expect(try export("BAO-CAO.MD").hasPrefix("# giá vàng"))
        #expect(try export("trang.htm").hasPrefix("<!DOCTYPE html>"))
        #expect(try export("ra.jsonl").hasPrefix("{"))
        #expect(try export("khong-ro.txt").hasPrefix("{"), "another name: jsonl, as without --out")
        tmp.write("v1.csv/keep", "")
        #expect(try export("v1.csv/ra").hasPrefix("{"), "a dot in a folder's name says nothing")
        #expect(try export("that-ra.csv", ["--format", "jsonl"]).hasPrefix("{"), "the format given wins")
        #expect(try export("x.txt", ["--format", "md"]).hasPrefix("# giá vàng"))
        let bad = try CLI.run(["export", "giá", "--db", tmp.path("x.sqlite"), "--format", "pdf"])
        #expect(bad.status != 0 && bad.stderr.contains("'pdf' is invalid for '--format <format>'"), "\(bad.stderr)")
    }

    @Test func limitAndFailedOutputLeaveNothingBehind() throws {
        let tmp = try corpus()
        let one = try CLI.run(["export", "giá", "--db", tmp.path("x.sqlite"), "--limit", "1"])
        #expect(one.stdout.split(separator: "\n").count == 1)
        let bad = try CLI.run(["export", "giá", "--db", tmp.path("x.sqlite"), "--out", tmp.path("missing/dir/out.csv")])
        #expect(bad.status == 1 && bad.stderr.hasPrefix("error: cannot write"))
        #expect(!FileManager.default.fileExists(atPath: tmp.path("missing")))
    }
}
