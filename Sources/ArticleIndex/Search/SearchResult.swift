import Foundation

/// One search hit: a paragraph (or, as paragraph 0, an article's title) with its highlights.
public struct SearchResult: Sendable {
    public var rank: Int
    public var score: Double
    public var article: ArticleInfo
    /// 1-based paragraph number; 0 is the title.
    public var paragraph: Int
    /// The whole paragraph as stored.
    public var text: String
    /// Matched words as UTF-8 byte ranges of `text`.
    public var highlights: [Range<Int>]
    /// About 30 words around the best match, and its highlights as byte ranges of the snippet.
    public var snippet: String
    public var snippetHighlights: [Range<Int>]
}
