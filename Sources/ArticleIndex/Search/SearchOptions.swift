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

    public init(limit: Int = 10, offset: Int = 0, strict: Bool = false, any: Bool = false,
                filter: SearchFilter = SearchFilter(), perArticle: Int? = nil, anyTone: Bool = true) {
        self.limit = limit
        self.offset = offset
        self.strict = strict
        self.any = any
        self.filter = filter
        self.perArticle = perArticle
        self.anyTone = anyTone
    }
}
