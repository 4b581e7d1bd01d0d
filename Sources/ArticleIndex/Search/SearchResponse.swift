import Foundation

/// A page of results and the total count.
public struct SearchResponse: Sendable {
    public var query: String
    /// How many results the query gives (the pages cover them).
    public var total: Int
    public var results: [SearchResult]
    public var seconds: Double
    /// For a query typed with marks (every word taken as typed): how many passages hold it as
    /// typed (they come first), and how many hold it with any tone. Nil for other queries and `--any`.
    public var exactTotal: Int?
    public var anyToneTotal: Int?
    /// True when `total` is a lower bound (at least that many match): a search whose page the
    /// impact lists gave, counted as far as `Searcher.countLimit` or to the passages holding the
    /// words together (`Searcher.countMatches`). `SearchOptions.countAll` counts every match, as
    /// `export` does.
    public var totalIsLowerBound = false
    /// The same for `exactTotal` and `anyToneTotal`, each on its own: a quoted pair's passages with
    /// any tone are the index's own count while those as typed are counted to the limit.
    public var exactTotalIsLowerBound = false
    public var anyToneTotalIsLowerBound = false
    /// For a query typed without marks: the reading its results are ranked by, the likeliest the
    /// index holds (`gia lai` → `gia lai`, the province, before `giá lại`), its words in query order.
    public var reading: String?
}
