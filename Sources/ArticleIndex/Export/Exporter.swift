import Foundation

/// Streams every passage matching a query into an `ExportWriter`.
///
/// ```swift
/// var out = try TextSink(path: "ket-qua.csv")
/// var writer = CSVExportWriter()
/// let counts = try Exporter(searcher: searcher).export("nông thôn mới", to: &writer, sink: &out)
/// try out.commit()
/// ```
public struct Exporter {
    public enum Order: String, Sendable, CaseIterable { case rank, article }

    public let searcher: Searcher

    public init(searcher: Searcher) { self.searcher = searcher }

    /// Writes the matches (all, or `limit`) and returns the passage and article counts.
    /// Only the ranked list of row ids (16 bytes a match) is held; text is fetched as it is written.
    public func export<W: ExportWriter>(_ query: String, options: SearchOptions, limit: Int? = nil, context: Int = 0,
                                        order: Order = .rank, to writer: inout W, sink: inout TextSink) throws -> (passages: Int, articles: Int) {
        let (hits, _, compiled) = try searcher.rankedHits(query, options: options, limit: limit ?? -1, byPassage: order == .article)
        let highlighter = Highlighter(units: compiled.highlights, strict: options.strict)
        let articleIDs = try hits.map { try searcher.articleID(ofPassage: $0.rowid) }
        let articles = Set(articleIDs.compactMap { $0 }).count
        try writer.begin(ExportHeader(query: query, passages: hits.count, articles: articles, strict: options.strict, any: options.any),
                         to: &sink)
        var written = 0
        for (n, hit) in hits.enumerated() {
            guard let p = try searcher.passage(hit.rowid) else { continue }
            var before: [(Int, String)] = [], after: [(Int, String)] = []
            if context > 0 && p.ordinal > 0 {
                before = try searcher.paragraphs(of: p.articleID, in: max(1, p.ordinal - context)...max(1, p.ordinal - 1))
                    .filter { $0.ordinal < p.ordinal }
                after = try searcher.paragraphs(of: p.articleID, in: (p.ordinal + 1)...(p.ordinal + context))
            } else if context > 0 {
                // A title's context is the article's first paragraphs.
                after = try searcher.paragraphs(of: p.articleID, in: 1...context)
            }
            try writer.passage(ExportPassage(rank: n + 1, score: hit.score, article: p.article, paragraph: p.ordinal, text: p.text,
                                             highlights: highlighter.ranges(in: p.text), before: before, after: after), to: &sink)
            written += 1
        }
        try writer.end(to: &sink)
        return (written, articles)
    }
}
