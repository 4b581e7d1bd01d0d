/// One exported passage: a match with its article, marks and optional context.
public struct ExportPassage: Sendable {
    public var rank: Int
    public var score: Double
    public var article: ArticleInfo
    /// 1-based paragraph number; 0 is the title.
    public var paragraph: Int
    public var text: String
    /// Matched words as UTF-8 byte ranges of `text`.
    public var highlights: [Range<Int>]
    /// Paragraphs before and after (`--context N`), in order.
    public var before: [(paragraph: Int, text: String)]
    public var after: [(paragraph: Int, text: String)]

    /// `text` with each match wrapped in `open` and `close`; `escape` is applied to the text
    /// between and inside marks, never to the marks themselves.
    public func marked(open: String, close: String, escape: (Substring) -> String = { String($0) }) -> String {
        MatchMarks.wrap(text, highlights, open: open, close: close, escape: escape)
    }
}
