/// `--format markdown`: a heading per article (a new one whenever the article changes), its
/// source as a link, each passage as a block quote with matches in bold; Markdown's special
/// characters in the text are escaped with backslashes.
public struct MarkdownExportWriter: ExportWriter {
    private var currentArticle: String?

    public init() {}

    /// Characters that could start emphasis, code, links, HTML, tables or headings get a
    /// backslash; every passage line starts with a quote marker, so line-start syntax (`-`, `1.`)
    /// cannot trigger. Newlines inside a paragraph become spaces, keeping the block quote whole.
    private static let escaper = ByteEscaper(Dictionary(uniqueKeysWithValues:
        "\\`*_[]<>|#~".utf8.map { ($0, "\\" + String(UnicodeScalar($0))) } + [(UInt8(ascii: "\n"), " "), (UInt8(ascii: "\r"), "")]))

    static func escape<S: StringProtocol>(_ s: S) -> String { escaper(s) }

    public mutating func begin(_ header: ExportHeader, to out: inout TextSink) throws {
        try out.write("# \(Self.escape(header.query))\n\n\(header.passages) passages in \(header.articles) articles\n")
    }

    public mutating func passage(_ p: ExportPassage, to out: inout TextSink) throws {
        if currentArticle != p.article.id {
            currentArticle = p.article.id
            let link = p.article.url.map { "[\(Self.escape($0))](<\($0.replacingOccurrences(of: ">", with: "%3E"))>)" }
                ?? Self.escape(p.article.source)
            var meta = p.article.outlet.map { [Self.escape($0), link] } ?? [link]
            if let date = p.article.date { meta.append(Self.escape(date)) }
            if let category = p.article.category { meta.append(Self.escape(category)) }
            try out.write("\n## \(Self.escape(p.article.title))\n\n\(meta.joined(separator: " · "))\n")
        }
        let place = p.paragraph == 0 ? "title" : "¶\(p.paragraph)"
        try out.write("\n")
        for c in p.before { try out.write("> *¶\(c.paragraph) (context)* \(Self.escape(c.text))\n>\n") }
        // The place in italics: bold is for the matches.
        try out.write("> *\(place)* " + p.marked(open: "**", close: "**", escape: { Self.escape($0) }) + "\n")
        for c in p.after { try out.write(">\n> *¶\(c.paragraph) (context)* \(Self.escape(c.text))\n") }
    }

    public mutating func end(to out: inout TextSink) throws {}
}
