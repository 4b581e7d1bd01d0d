import Foundation

/// Options of one search.
public struct SearchOptions: Sendable {
    public var limit = 10
    public var offset = 0
    public var strict = false
    public var any = false
    public var snippetWords = 30
    /// Only passages of the articles this admits (`--outlet`, `--category`, `--since`, `--until`).
    public var filter = SearchFilter()
    /// At most this many passages per article (`--per-article`), the best ones.
    public var perArticle: Int?
    /// False: a query typed with marks gives only the passages that hold it as typed, as with
    /// `strict` (what `export` does unless `--any-tone`); an unmarked query is unaffected.
    public var anyTone = true
    /// The order of the results: best first, or newest first (`--sort date`).
    public var sort = Sort.relevance
    /// Count every match, where a search of two frequent words would stop at `Searcher.countLimit`
    /// and say "at least" (`SearchResponse.totalIsLowerBound`).
    public var countAll = false

    public enum Sort: String, Sendable, CaseIterable {
        /// Best first.
        case relevance
        /// Newest article first (its `date`, as `ArticleDate` reads it; undated articles last),
        /// an article's passages together and in order; for a query typed with marks, the
        /// passages holding it as typed before the others. The counts are those of `relevance`.
        case date
    }

    public init(limit: Int = 10, offset: Int = 0, strict: Bool = false, any: Bool = false,
                filter: SearchFilter = SearchFilter(), perArticle: Int? = nil, anyTone: Bool = true, sort: Sort = .relevance) {
        self.sort = sort
        self.limit = limit
        self.offset = offset
        self.strict = strict
        self.any = any
        self.filter = filter
        self.perArticle = perArticle
        self.anyTone = anyTone
    }
}
