import Foundation

/// `total` counts the results the pages cover. For a query typed with marks, `exactTotal` counts
/// the passages holding it as typed (they come first) and `anyToneTotal` those holding its words
/// with any tone; for other queries both are null. `reading` is, for a query typed without marks,
/// the accented reading its results are ranked by (the likeliest the index holds), else null.
/// `totalIsLowerBound` is true when `total` is a lower bound: at least that many match (a search of
/// frequent words whose counting stopped, `SearchResponse.totalIsLowerBound`);
/// `exactTotalIsLowerBound` and `anyToneTotalIsLowerBound` say the same of the other two counts
/// (null where they are). `unmet` lists what the filters ask for that no article of the index has
/// (`{"filter": "outlet", "value": "xyz", "known": ["NLD", …]}`; `"date"` with a null value where
/// no article has a date), empty if nothing.
public struct ResponseRecord: Encodable {
    public var query: String
    public var total: Int
    public var exactTotal: Int?
    public var anyToneTotal: Int?
    public var totalIsLowerBound: Bool
    public var exactTotalIsLowerBound: Bool?
    public var anyToneTotalIsLowerBound: Bool?
    public var reading: String?
    public var milliseconds: Double
    public var results: [ResultRecord]
    public var unmet: [SearchFilter.Unmet]

    public init(_ r: SearchResponse, unmet: [SearchFilter.Unmet] = []) {
        self.unmet = unmet
        query = r.query
        total = r.total
        exactTotal = r.exactTotal
        anyToneTotal = r.anyToneTotal
        totalIsLowerBound = r.totalIsLowerBound
        exactTotalIsLowerBound = r.exactTotal == nil ? nil : r.exactTotalIsLowerBound
        anyToneTotalIsLowerBound = r.anyToneTotal == nil ? nil : r.anyToneTotalIsLowerBound
        reading = r.reading
        milliseconds = (r.seconds * 10_000).rounded() / 10
        results = r.results.map(ResultRecord.init)
    }

    enum CodingKeys: String, CodingKey {
        case query, total, totalIsLowerBound, exactTotal, exactTotalIsLowerBound, anyToneTotal, anyToneTotalIsLowerBound
        case reading, milliseconds, results, unmet
    }

    // Null rather than absent, so that every response has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(query, forKey: .query)
        try c.encode(total, forKey: .total)
        try c.encode(totalIsLowerBound, forKey: .totalIsLowerBound)
        try c.encode(exactTotal, forKey: .exactTotal)
        try c.encode(exactTotalIsLowerBound, forKey: .exactTotalIsLowerBound)
        try c.encode(anyToneTotal, forKey: .anyToneTotal)
        try c.encode(anyToneTotalIsLowerBound, forKey: .anyToneTotalIsLowerBound)
        try c.encode(reading, forKey: .reading)
        try c.encode(milliseconds, forKey: .milliseconds)
        try c.encode(results, forKey: .results)
        try c.encode(unmet, forKey: .unmet)
    }
}
