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
        let utf8 = Array(text.utf8)
        var out = "", at = 0
        func piece(_ r: Range<Int>) -> Substring { Substring(String(decoding: utf8[r], as: UTF8.self)) }
        for r in highlights where r.lowerBound >= at && r.upperBound <= utf8.count {
            out += escape(piece(at..<r.lowerBound)) + open + escape(piece(r)) + close
            at = r.upperBound
        }
        return out + escape(piece(at..<utf8.count))
    }
}
