import Foundation

/// The JSON shape of `search --format json`, shared by `jsonl`, `--batch` and export.
public struct ResultRecord: Encodable {
    public var rank: Int
    public var score: Double
    public var article: ArticleInfo
    public var paragraph: Int
    public var text: String
    public var snippet: String
    /// `[start, end)` offsets in Unicode scalars into `text`, one pair per matched word.
    public var highlights: [[Int]]

    public init(_ r: SearchResult) {
        rank = r.rank
        score = MatchMarks.displayed(r.score)
        article = r.article
        paragraph = r.paragraph
        text = r.text
        snippet = r.snippet
        highlights = ScalarOffsets.convert(r.highlights, in: r.text)
    }
}
