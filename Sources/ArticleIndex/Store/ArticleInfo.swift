import Foundation

/// What a search shows of an article: its id (the input's `id`, or the `.txt` path), title,
/// source and what the input says of it.
public struct ArticleInfo: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var source: String
    public var url: String?
    public var date: String?
    public var category: String?
    /// The newspaper (the input's `source` field: NLD, VNE, …), when the input names it.
    public var outlet: String?
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
