import Foundation

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
