import Foundation

/// `--format jsonl`: one JSON object per passage, highlights as in `search --format json`
/// (Unicode scalar offsets into `text`), plus `marked` text and `context`.
public struct JSONLExportWriter: ExportWriter {
    public init() {}

    struct Record: Encodable {
        struct Context: Encodable { var paragraph: Int; var position: String; var text: String }
        var rank: Int
        var score: Double
        var article: ArticleInfo
        var paragraph: Int
        var text: String
        var marked: String
        var highlights: [[Int]]
        var context: [Context]
    }

    public mutating func begin(_ header: ExportHeader, to out: inout TextSink) throws {}

    public mutating func passage(_ p: ExportPassage, to out: inout TextSink) throws {
        let context = p.before.map { Record.Context(paragraph: $0.paragraph, position: "before", text: $0.text) }
            + p.after.map { Record.Context(paragraph: $0.paragraph, position: "after", text: $0.text) }
        let record = Record(rank: p.rank, score: MatchMarks.displayed(p.score), article: p.article, paragraph: p.paragraph,
                            text: p.text, marked: p.marked(open: PlainMarker.open, close: PlainMarker.close),
                            highlights: ScalarOffsets.convert(p.highlights, in: p.text), context: context)
        try out.write(try JSONLine.encode(record) + "\n")
    }

    public mutating func end(to out: inout TextSink) throws {}
}
