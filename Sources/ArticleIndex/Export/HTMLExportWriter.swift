/// `--format html`: one standalone HTML5 page (UTF-8, `lang="vi"`), the query and counts at the
/// top, passages grouped by article (a new group whenever the article changes), matches in
/// `<mark>`. Every piece of article text is escaped, so markup in it shows as text. The page is
/// also well-formed XML (void elements self-closed), so any XML parser can read it back.
public struct HTMLExportWriter: ExportWriter {
    private var open = false
    private var currentArticle: String?

    public init() {}

    private static let escaper = ByteEscaper([UInt8(ascii: "&"): "&amp;", UInt8(ascii: "<"): "&lt;", UInt8(ascii: ">"): "&gt;",
                                              UInt8(ascii: "\""): "&quot;", UInt8(ascii: "'"): "&#39;"])

    static func escape<S: StringProtocol>(_ s: S) -> String { escaper(s) }

    static let style = """
        body{font:16px/1.6 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
        header{border-bottom:1px solid #ddd;margin-bottom:1.5rem}article{margin:1.5rem 0}
        h2{font-size:1.15rem;margin:.2rem 0}.meta{color:#666;font-size:.9rem}
        blockquote{margin:.6rem 0;padding:.3rem .9rem;border-left:3px solid #c90}
        .context{color:#777;border-left-color:#ddd}mark{background:#ffe066;padding:0 .1em}.place{color:#999;font-size:.8rem}
        """

    public mutating func begin(_ header: ExportHeader, to out: inout TextSink) throws {
        var mode = [String]()
        if header.strict { mode.append("as typed") }
        if header.any { mode.append("any word") }
        try out.write("""
            <!DOCTYPE html>
            <html lang="vi" xmlns="http://www.w3.org/1999/xhtml">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(Self.escape(header.query)) · VietSearch</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header>
            <h1>\(Self.escape(header.query))</h1>
            <p class="meta">\(header.passages) passages in \(header.articles) articles\(mode.isEmpty ? "" : " · " + mode.joined(separator: ", "))</p>
            </header>

            """)
    }

    public mutating func passage(_ p: ExportPassage, to out: inout TextSink) throws {
        if currentArticle != p.article.id {
            if open { try out.write("</article>\n") }
            open = true
            currentArticle = p.article.id
            let source = p.article.url.map { "<a href=\"\(Self.escape($0))\">\(Self.escape($0))</a>" } ?? Self.escape(p.article.source)
            let meta = [p.article.outlet.map(Self.escape), source, p.article.date.map(Self.escape), p.article.category.map(Self.escape)]
                .compactMap { $0 }
            try out.write("<article>\n<h2>\(Self.escape(p.article.title))</h2>\n<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n")
        }
        for c in p.before { try out.write(Self.block(c.text, place: "¶\(c.paragraph) · context", context: true)) }
        let body = p.marked(open: "<mark>", close: "</mark>", escape: { Self.escape($0) })
        try out.write("<blockquote><span class=\"place\">\(p.paragraph == 0 ? "title" : "¶\(p.paragraph)") · #\(p.rank)</span><br/>\(body)</blockquote>\n")
        for c in p.after { try out.write(Self.block(c.text, place: "¶\(c.paragraph) · context", context: true)) }
    }

    static func block(_ text: String, place: String, context: Bool) -> String {
        "<blockquote class=\"context\"><span class=\"place\">\(place)</span><br/>\(escape(text))</blockquote>\n"
    }

    public mutating func end(to out: inout TextSink) throws {
        if open { try out.write("</article>\n") }
        try out.write("</body>\n</html>\n")
    }
}
