/// `--format csv`: RFC 4180, a header row, UTF-8 with a BOM (so Excel reads Vietnamese), CRLF
/// line ends; matches in `marked_text` are wrapped in `**`; context paragraphs are joined by a
/// blank line in `context_before` and `context_after`. Cells that a spreadsheet would evaluate
/// (starting with `= + - @`, tab or CR) start with `'` instead (OWASP's CSV injection advice).
public struct CSVExportWriter: ExportWriter {
    public init() {}

    static let columns = ["rank", "article_id", "title", "outlet", "source", "url", "date", "category", "paragraph", "score",
                          "text", "marked_text", "context_before", "context_after"]

    /// A field, quoted when it holds a comma, quote, CR or LF (quotes doubled). A field that starts
    /// with `=`, `+`, `-`, `@`, tab or CR, which Excel and LibreOffice would run as a formula, is
    /// neutralised as OWASP recommends: a `'` before it, and quoted.
    static func field(_ s: String) -> String {
        // Bytes, not Characters: grapheme breaking made this the slowest part of a large export.
        let formula = s.utf8.first.map { [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains($0) } ?? false
        guard formula || s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out: [UInt8] = formula ? [0x22, 0x27] : [0x22]
        out.reserveCapacity(s.utf8.count + 8)
        for b in s.utf8 {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    public mutating func begin(_ header: ExportHeader, to out: inout TextSink) throws {
        try out.write(bytes: [0xEF, 0xBB, 0xBF])
        try out.write(Self.row(Self.columns))
    }

    public mutating func passage(_ p: ExportPassage, to out: inout TextSink) throws {
        try out.write(Self.row([
            String(p.rank), p.article.id, p.article.title, p.article.outlet ?? "", p.article.source, p.article.url ?? "", p.article.date ?? "",
            p.article.category ?? "", String(p.paragraph), String(MatchMarks.displayed(p.score)), p.text,
            p.marked(open: PlainMarker.open, close: PlainMarker.close),
            p.before.map(\.text).joined(separator: "\n\n"), p.after.map(\.text).joined(separator: "\n\n"),
        ]))
    }

    public mutating func end(to out: inout TextSink) throws {}
}
