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
        score = (r.score * 1000).rounded() / 1000
        article = r.article
        paragraph = r.paragraph
        text = r.text
        snippet = r.snippet
        highlights = ScalarOffsets.convert(r.highlights, in: r.text)
    }
}

/// `total` counts the results the pages cover. For a query typed with marks, `exactTotal` counts
/// the passages holding it as typed (they come first) and `anyToneTotal` those holding its words
/// with any tone; for other queries both are null. `reading` is, for a query typed without marks,
/// the accented reading its results are ranked by (the likeliest the index holds), else null.
public struct ResponseRecord: Encodable {
    public var query: String
    public var total: Int
    public var exactTotal: Int?
    public var anyToneTotal: Int?
    public var reading: String?
    public var milliseconds: Double
    public var results: [ResultRecord]

    public init(_ r: SearchResponse) {
        query = r.query
        total = r.total
        exactTotal = r.exactTotal
        anyToneTotal = r.anyToneTotal
        reading = r.reading
        milliseconds = (r.seconds * 10_000).rounded() / 10
        results = r.results.map(ResultRecord.init)
    }

    enum CodingKeys: String, CodingKey { case query, total, exactTotal, anyToneTotal, reading, milliseconds, results }

    // Null rather than absent, so that every response has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(query, forKey: .query)
        try c.encode(total, forKey: .total)
        try c.encode(exactTotal, forKey: .exactTotal)
        try c.encode(anyToneTotal, forKey: .anyToneTotal)
        try c.encode(reading, forKey: .reading)
        try c.encode(milliseconds, forKey: .milliseconds)
        try c.encode(results, forKey: .results)
    }
}

extension ArticleInfo {
    enum CodingKeys: String, CodingKey { case id, title, source, url, date, category, outlet }

    // Absent fields are written as null, not left out, so every object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(source, forKey: .source)
        try c.encode(url, forKey: .url)
        try c.encode(date, forKey: .date)
        try c.encode(category, forKey: .category)
        try c.encode(outlet, forKey: .outlet)
    }
}

public enum JSONLine {
    /// One compact JSON text, UTF-8, slashes unescaped.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
