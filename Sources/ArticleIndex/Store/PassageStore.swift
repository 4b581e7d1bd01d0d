/// Reads stored passages (an article's title, or one of its paragraphs) and their articles: what
/// search, export, suggest and the search page show. One per connection; `Searcher` owns one and
/// lends it to `Exporter` and `Suggester`.
final class PassageStore {
    /// One passage with its article: a paragraph, or (ordinal 0) a title.
    struct Passage {
        var articleID: Int64
        var article: ArticleInfo
        var ordinal: Int
        var text: String
    }

    private let db: Database
    private let passageRow, articleRow, paragraphRows, articleByKey: Statement
    private var lastArticle: (id: Int64, info: ArticleInfo)?
    /// The first passage id of every article, ascending, with the article id: which article a
    /// passage belongs to, without a look-up per passage. Read at first use.
    private var articleStarts: [(passage: Int64, article: Int64)]?

    init(_ db: Database) throws {
        self.db = db
        passageRow = try db.prepare("""
            SELECT article, ordinal, text FROM paragraphs WHERE id = ?1
            UNION ALL SELECT id, 0, title FROM articles WHERE passage = ?1
            """)
        articleRow = try db.prepare("SELECT key, title, source, url, date, category, outlet FROM articles WHERE id = ?")
        paragraphRows = try db.prepare(
            "SELECT ordinal, text FROM paragraphs WHERE article = ?1 AND id BETWEEN (SELECT passage FROM articles WHERE id = ?1) + ?2 AND (SELECT passage FROM articles WHERE id = ?1) + ?3 ORDER BY id")
        articleByKey = try db.prepare("SELECT id FROM articles WHERE key = ?1")
    }

    /// Forgets what was read (another connection wrote to the index).
    func reset() {
        lastArticle = nil
        articleStarts = nil
    }

    /// The passage with id `rowid` and its article.
    func passage(_ rowid: Int64) throws -> Passage? {
        try passageRow.bind(.int(rowid))
        guard try passageRow.step() else { return nil }
        let articleID = passageRow.int(0), ordinal = Int(passageRow.int(1)), text = passageRow.text(2) ?? ""
        guard let info = try article(articleID) else { return nil }
        return Passage(articleID: articleID, article: info, ordinal: ordinal, text: text)
    }

    /// The text of the passage with id `rowid`, and whether it is its article's title.
    func textAndKind(_ rowid: Int64) throws -> (text: String, isTitle: Bool)? {
        try passageRow.bind(.int(rowid))
        return try passageRow.step() ? (passageRow.text(2) ?? "", passageRow.int(1) == 0) : nil
    }

    /// The text of the passage with id `rowid` alone.
    func text(_ rowid: Int64) throws -> String? {
        try passageRow.bind(.int(rowid))
        return try passageRow.step() ? passageRow.text(2) : nil
    }

    /// Article `id`; the last one read is kept (a page's hits often share an article).
    func article(_ id: Int64) throws -> ArticleInfo? {
        if let lastArticle, lastArticle.id == id { return lastArticle.info }
        try articleRow.bind(.int(id))
        guard try articleRow.step() else { return nil }
        let info = ArticleInfo(id: articleRow.text(0)!, title: articleRow.text(1)!, source: articleRow.text(2)!,
                               url: articleRow.text(3), date: articleRow.text(4), category: articleRow.text(5),
                               outlet: articleRow.text(6))
        lastArticle = (id, info)
        return info
    }

    /// An article by its key (the input's `id`, or the `.txt` path), with its paragraphs in order.
    func article(key: String) throws -> (info: ArticleInfo, paragraphs: [String])? {
        try articleByKey.bind(.text(key))
        guard try articleByKey.step() else { return nil }
        let id = articleByKey.int(0)
        guard let info = try article(id) else { return nil }
        return (info, try paragraphs(of: id, in: 1...Int(Int32.max)).map(\.text))
    }

    /// The paragraphs of article `id` with ordinals in `range`, in order.
    func paragraphs(of id: Int64, in range: ClosedRange<Int>) throws -> [(ordinal: Int, text: String)] {
        try paragraphRows.bind(.int(id), .int(Int64(range.lowerBound)), .int(Int64(range.upperBound)))
        var out: [(Int, String)] = []
        while try paragraphRows.step() { out.append((Int(paragraphRows.int(0)), paragraphRows.text(1) ?? "")) }
        return out
    }

    /// The article passage `rowid` belongs to: the one whose first passage is the last at or before it.
    func articleID(ofPassage rowid: Int64) throws -> Int64? {
        if articleStarts == nil {
            var starts: [(Int64, Int64)] = []
            let rows = try db.prepare("SELECT passage, id FROM articles ORDER BY passage")
            while try rows.step() { starts.append((rows.int(0), rows.int(1))) }
            articleStarts = starts
        }
        let starts = articleStarts!
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid].passage <= rowid { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? starts[lo - 1].article : nil
    }
}
