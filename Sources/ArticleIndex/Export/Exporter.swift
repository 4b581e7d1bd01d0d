import Foundation

/// Streams every passage matching a query into an `ExportWriter`.
///
/// ```swift
/// var out = try TextSink(path: "ket-qua.csv")
/// var writer = CSVExportWriter()
/// let summary = try Exporter(searcher: searcher).export("nông thôn mới", to: &writer, sink: &out)
/// try out.commit()
/// ```
public struct Exporter {
    public enum Order: String, Sendable, CaseIterable { case rank, article }

    public let searcher: Searcher

    public init(searcher: Searcher) { self.searcher = searcher }

    /// What an export wrote.
    public struct Summary: Sendable, Equatable {
        public var passages: Int
        public var articles: Int
        /// For a query typed with marks: how many passages hold it as typed, and with any tone.
        /// Only the former are written unless `SearchOptions.anyTone` is set.
        public var exact: Int?
        public var anyTone: Int?
        /// True when only the passages holding the query as typed were written.
        public var asTypedOnly: Bool
    }

    /// Writes the matches (all, or `limit`) and returns what it wrote. Set `options.anyTone` to
    /// false (as `vietsearch export` does unless `--any-tone`) to write, for a query typed with
    /// marks, only the passages that hold it as typed.
    /// Only the ranked list of row ids (16 bytes a match) is held; text is fetched as it is written.
    public func export<W: ExportWriter>(_ query: String, options: SearchOptions, limit: Int? = nil, context: Int = 0,
                                        order: Order = .rank, to writer: inout W, sink: inout TextSink) throws -> Summary {
        defer { searcher.db.releaseSnapshot() }
        let ranked = try searcher.rankedHits(query, options: options, limit: limit ?? -1, byPassage: order == .article)
        let (hits, plan, store) = (ranked.hits, ranked.plan, searcher.passages)
        let strict = plan.mode.strict
        let highlighter = Highlighter(units: plan.highlights, strict: strict)
        // The header counts articles before any passage is read: from the passage ids, in memory.
        let articles = Set(try hits.compactMap { try store.articleID(ofPassage: $0.rowid) }).count
        try writer.begin(ExportHeader(query: query, passages: hits.count, articles: articles, strict: strict, any: options.any),
                         to: &sink)
        var written = 0
        for (n, hit) in hits.enumerated() {
            guard let p = try store.passage(hit.rowid) else { continue }
            var before: [(Int, String)] = [], after: [(Int, String)] = []
            if context > 0 && p.ordinal > 0 {
                before = try store.paragraphs(of: p.articleID, in: max(1, p.ordinal - context)...max(1, p.ordinal - 1))
                    .filter { $0.ordinal < p.ordinal }
                after = try store.paragraphs(of: p.articleID, in: (p.ordinal + 1)...(p.ordinal + context))
            } else if context > 0 {
                // A title's context is the article's first paragraphs.
                after = try store.paragraphs(of: p.articleID, in: 1...context)
            }
            try writer.passage(ExportPassage(rank: n + 1, score: hit.score, article: p.article, paragraph: p.ordinal, text: p.text,
                                             highlights: highlighter.ranges(in: p.text), before: before, after: after), to: &sink)
            written += 1
        }
        try writer.end(to: &sink)
        return Summary(passages: written, articles: articles, exact: ranked.counts?.exact, anyTone: ranked.counts?.anyTone,
                       asTypedOnly: ranked.counts != nil && strict)
    }
}
