import Foundation
import VietnameseText

/// Reads inputs and writes them into an index, incrementally and in batches.
///
/// ```swift
/// let summary = try Indexer(path: "index/articles.sqlite").run(paths: ["seeds"])
/// ```
public final class Indexer {
    public let path: String
    let db: Database
    private var lock: FileLock?
    /// Articles per transaction; each article is wholly in one transaction, so a kill loses at most a batch.
    public var batchSize = 2000

    private struct Existing {
        var id: Int64; var hash: String; var origin: String; var passage: Int64; var count: Int64
        /// The columns a row of `articles` gives for it, in order.
        static let columns = "id, hash, origin, passage, paragraph_count"
        init(_ row: Statement) {
            (id, hash, origin, passage, count) = (row.int(0), row.text(1) ?? "", row.text(2) ?? "", row.int(3), row.int(4))
        }
    }
    /// The next free passage id.
    private var nextPassage: Int64 = 1
    /// The chunks of token counts (`PassageLengths`) changed since the last commit, each read from
    /// the index when first touched: memory does not grow with the archive (all of them took 5.4 MB
    /// for the corpus four times over).
    private var lengthChunks: [Int: [UInt16]] = [:]
    /// The run's rows for the impact lists, written at its end.
    private let impact = ImpactLists.Builder()
    /// The run's changes to the pair counts, kept while they are complete (`PairCounts`).
    private let pairs = PairCounts.Builder()
    private var pairsComplete = false
    private let pairTokenizer = StoredTokenizer()
    /// Rows of the impact lists held in memory before they are written (tests make it small).
    var impactBudget: Int {
        get { impact.budget }
        set { impact.budget = newValue }
    }

    private let insertArticle, updateArticle, insertParagraph, deleteParagraphs, deleteArticle: Statement
    private let insertPassage, insertExact, deletePassage, deleteExact, oldPassages: Statement
    /// What is known of an article by key: asked of the index, not kept in memory, so that indexing
    /// takes as much memory for 300,000 articles as for 70,000.
    private let existingArticle: Statement
    /// The keys this run has seen, and where each was first given (`temp.run_keys`, on disk).
    private let firstSeen, markSeen: Statement

    /// Opens (creating) the index and takes its writer lock; `rebuild` starts from an empty index.
    /// `notes` hears about slow one-off work, such as upgrading an index written by an older version.
    public init(path: String, rebuild: Bool = false, notes: (String) -> Void = { _ in }) throws {
        self.path = path
        try IndexStore.createFolder(of: path)
        lock = try FileLock(path: path + ".lock")
        if rebuild { try IndexStore.remove(path) }
        db = try IndexStore.openForWriting(path, notes: notes)
        insertArticle = try db.prepare("""
            INSERT INTO articles(key, title, source, url, date, category, outlet, origin, hash, passage, paragraph_count, indexed_at,
                                 title_passage)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updateArticle = try db.prepare("""
            UPDATE articles SET title = ?2, source = ?3, url = ?4, date = ?5, category = ?6, outlet = ?7, origin = ?8,
            hash = ?9, passage = ?10, paragraph_count = ?11, indexed_at = ?12, title_passage = ?13 WHERE id = ?1
            """)
        insertParagraph = try db.prepare("INSERT INTO paragraphs(id, article, ordinal, text) VALUES (?, ?, ?, ?)")
        deleteParagraphs = try db.prepare("DELETE FROM paragraphs WHERE id BETWEEN ?1 + 1 AND ?1 + ?2")
        deleteArticle = try db.prepare("DELETE FROM articles WHERE id = ?")
        insertPassage = try db.prepare("INSERT INTO passages(rowid, body, title) VALUES (?, ?, ?)")
        insertExact = try db.prepare("INSERT INTO exact(rowid, body) VALUES (?, ?)")
        deletePassage = try db.prepare("INSERT INTO passages(passages, rowid, body, title) VALUES ('delete', ?, ?, ?)")
        deleteExact = try db.prepare("INSERT INTO exact(exact, rowid, body) VALUES ('delete', ?, ?)")
        oldPassages = try db.prepare("""
            SELECT passage, title, 1 FROM articles WHERE id = ?1 AND title_passage
            UNION ALL SELECT id, text, 0 FROM paragraphs WHERE id BETWEEN ?2 + 1 AND ?2 + ?3
            """)
        existingArticle = try db.prepare("SELECT \(Existing.columns) FROM articles WHERE key = ?")
        nextPassage = try db.scalar("SELECT coalesce(max(passage + paragraph_count), 0) + 1 FROM articles")
        // The run's keys go to a temporary table in a file of its own (SQLite's temp store, with a
        // small cache of its own), not to memory.
        try db.execute("PRAGMA temp_store=FILE; CREATE TEMP TABLE run_keys(key TEXT PRIMARY KEY, location TEXT NOT NULL) WITHOUT ROWID")
        firstSeen = try db.prepare("SELECT location FROM temp.run_keys WHERE key = ?")
        markSeen = try db.prepare("INSERT INTO temp.run_keys(key, location) VALUES (?, ?)")
    }

    /// The indexed article of `key`, if any.
    private func existing(_ key: String) throws -> Existing? {
        try existingArticle.bind(.text(key))
        guard try existingArticle.step() else { return nil }
        defer { existingArticle.reset() }
        return Existing(existingArticle)
    }

    /// Indexes `paths` (files or folders). Problems with single inputs go to `diagnostics` and are
    /// skipped; `shouldStop` is polled between articles (Ctrl-C).
    public func run(paths: [String], prune: Bool = false, encoding: TextArticleReader.Encoding = .auto,
                    diagnostics: (Diagnostic) -> Void = { _ in },
                    notes: (String) -> Void = { _ in },
                    progress: ((IndexProgress) -> Void)? = nil,
                    shouldStop: () -> Bool = { false }) throws -> IndexSummary {
        var summary = IndexSummary()
        func report(_ d: Diagnostic) { summary.skipped += 1; diagnostics(d) }
        let files = InputFiles.expand(paths, diagnostics: { report($0) })
        let totalInput = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        let started = Date()
        var lastProgress = Date.distantPast
        var inputDone = 0
        var completeOrigins = Set<String>()
        let now = Schema.timestamp()
        var pending = 0
        try db.execute("BEGIN IMMEDIATE; DELETE FROM temp.run_keys")
        let hasArticles = try db.scalar("SELECT EXISTS (SELECT 1 FROM articles)") != 0
        // The impact lists stay complete if they were when the run began: written whole at the
        // end of the last run that changed the index, or the index is empty.
        let lastPassage = try db.scalar(Searcher.passageCountSQL)
        let impactComplete = try !hasArticles || MetaKey.impactRows.read(in: db) == String(lastPassage)
        if !hasArticles { try db.execute("DELETE FROM impact") }
        // So do the pair counts; otherwise they are counted again at the end of the run.
        pairsComplete = try !hasArticles || MetaKey.pairRows.read(in: db) == String(lastPassage)
        if !hasArticles { try db.execute("DELETE FROM pairs") }
        let pairsWereComplete = pairsComplete
        // Until the end of the run writes them, they are not current (a crash leaves them so).
        try db.execute("DELETE FROM meta WHERE key = '\(MetaKey.pairRows.rawValue)'")
        func commitIfNeeded(force: Bool = false) throws {
            if force || pending >= batchSize {
                try storeLengths()
                if impactComplete { try impact.flushIfLarge(db) }
                try db.execute("COMMIT; BEGIN IMMEDIATE")
                pending = 0
            }
        }
        func tick(_ currentFileDone: Int) {
            guard let progress, Date().timeIntervalSince(lastProgress) > 0.25 else { return }
            lastProgress = Date()
            progress(IndexProgress(articles: summary.added + summary.updated + summary.unchanged, bytes: summary.bytes,
                                   inputBytesDone: inputDone + currentFileDone, inputBytesTotal: totalInput,
                                   seconds: Date().timeIntervalSince(started)))
        }
        func store(_ article: Article, hash: String, lengths: [UInt16], tally: ImpactLists.ArticleTally?) throws {
            // The same id twice in one run: the later article wins, and the user hears of both places.
            try firstSeen.bind(.text(article.key))
            let first = try firstSeen.step() ? firstSeen.text(0) : nil
            firstSeen.reset()
            if let first {
                report(Diagnostic(file: article.location, message:
                    "the id \"\(article.key.prefix(80))\" was already given at \(first); this later article replaces that one"))
            } else {
                try markSeen.run(.text(article.key), .text(article.location))
            }
            let old = try existing(article.key)
            if let old, old.hash == hash {
                summary.unchanged += 1
                return
            }
            // A failure names the article being stored, or the last of the batch being committed.
            do {
                try write(article, old: old, hash: hash, lengths: lengths, tally: tally, indexedAt: now, summary: &summary,
                          diagnostics: diagnostics)
                summary.bytes += article.title.utf8.count + article.paragraphs.reduce(0) { $0 + $1.utf8.count }
                pending += 1
                try commitIfNeeded()
            } catch let error as IndexError {
                throw IndexError.whileIndexing(article: article.key, location: article.location, error: error)
            }
        }
        // The reader skips counting the tokens of articles already indexed unchanged; it asks the
        // index on a connection of its own.
        let pipeline = InputPipeline(files: files, encoding: encoding, index: hasArticles ? path : nil)
        defer { pipeline.cancel() }
        var position = 0
        do {
            eventLoop: while let events = pipeline.next() {
                for event in events {
                    switch event {
                    case .article(let article, let hash, let lengths, let tally):
                        // The forms it named first are numbered whether or not it is stored.
                        if let tally { impact.register(tally.newForms) }
                        try store(article, hash: hash, lengths: lengths, tally: tally)
                    case .problem(let d): report(d)
                    case .warning(let d): diagnostics(d)
                    case .position(let p): position = p
                    case .converted(let path, let from):
                        summary.converted += 1
                        notes("\(path): converted from \(from.name)")
                    case .fileDone(let path, let complete, let bytes):
                        if complete { completeOrigins.insert(path) }
                        inputDone += bytes
                        position = 0
                    }
                    if shouldStop() {
                        summary.interrupted = true
                        break eventLoop
                    }
                }
                tick(position)
            }
            if prune && !summary.interrupted {
                summary.removed = try pruneArticles(completeOrigins: completeOrigins)
            }
            try storeLengths()
            if summary.added + summary.updated + summary.removed > 0 {
                try DocumentFrequencies.rebuild(db)
                try Forms.rebuild(db)
                if impactComplete {
                    try impact.write(db)
                    try MetaKey.impactRows.write(String(try db.scalar(Searcher.passageCountSQL)), in: db)
                } else {
                    try db.execute("DELETE FROM meta WHERE key = '\(MetaKey.impactRows.rawValue)'")
                }
            }
            if pairsWereComplete {
                try pairs.write(db)
            } else {
                notes("counting the pairs of frequent words in every passage (one-off work: about 5 s for 70,000 articles)…")
                try PairCounts.recount(db)
            }
            try MetaKey.pairRows.write(String(try db.scalar(Searcher.passageCountSQL)), in: db)
            try MetaKey.lastIndexed.write(now, in: db)
            try db.execute("COMMIT")
        } catch {
            // What is committed stays; the open batch is rolled back.
            try? db.execute("ROLLBACK")
            throw error
        }
        return summary
    }

    /// Merges each FTS5 index into one segment: smaller and faster to query, worth it after a bulk load.
    public func optimize() throws {
        try db.execute("INSERT INTO passages(passages) VALUES ('optimize'); INSERT INTO exact(exact) VALUES ('optimize')")
    }

    /// Writes the length chunks changed since the last commit, inside the open transaction.
    private func storeLengths() throws {
        try PassageLengths.store(db, chunks: lengthChunks)
        lengthChunks.removeAll()
    }

    private func setLength(_ id: Int64, _ length: UInt16) throws {
        let i = Int(id)
        guard i >= 0 else { return }
        let chunk = i / PassageLengths.chunkSize
        if lengthChunks[chunk] == nil { lengthChunks[chunk] = try PassageLengths.loadChunk(db, chunk) }
        lengthChunks[chunk]![i % PassageLengths.chunkSize] = length
    }

    private func write(_ article: Article, old: Existing?, hash: String, lengths: [UInt16], tally: ImpactLists.ArticleTally?,
                       indexedAt: String, summary: inout IndexSummary,
                       diagnostics: (Diagnostic) -> Void) throws {
        let paragraphs = article.paragraphs
        let passage = nextPassage
        nextPassage += Int64(paragraphs.count) + 1
        let values: [Value] = [.text(article.title), .text(article.source), article.url.map(Value.text) ?? .null,
                               article.date.map(Value.text) ?? .null, article.category.map(Value.text) ?? .null,
                               article.outlet.map(Value.text) ?? .null, .text(article.origin), .text(hash),
                               .int(passage), .int(Int64(paragraphs.count)), .text(indexedAt),
                               .int(article.titleIsPassage ? 1 : 0)]
        let id: Int64
        if let old {
            id = old.id
            try removePassages(of: old)
            try updateArticle.bind([.int(id)] + values)
            while try updateArticle.step() {}
            summary.updated += 1
            summary.paragraphsUpdated += paragraphs.count
        } else {
            try insertArticle.bind([.text(article.key)] + values)
            while try insertArticle.step() {}
            id = db.lastInsertRowid
            summary.added += 1
            summary.paragraphsAdded += paragraphs.count
        }
        if article.titleIsPassage { try addPassage(passage, article.title, isTitle: true) }
        // The reader leaves out the lengths of articles it saw as unchanged; if one changed after
        // all (the same key twice in one run), they are counted here.
        let counted = lengths.count == paragraphs.count + 1 ? lengths : PassageLengths.count(article, StoredTokenizer())
        for (i, length) in counted.enumerated() { try setLength(passage + Int64(i), i == 0 && !article.titleIsPassage ? 0 : length) }
        if let tally, counted == lengths {
            impact.add(tally, lengths: counted, first: passage, titleIsPassage: article.titleIsPassage)
            if pairsComplete {
                for (i, found) in tally.pairs.enumerated() where i > 0 || article.titleIsPassage { pairs.add(found) }
            }
        } else {
            let found = impact.add(article, lengths: counted, first: passage)
            if pairsComplete { for f in found { pairs.add(f) } }
        }
        for (i, text) in paragraphs.enumerated() {
            let rowid = passage + Int64(i + 1)
            try insertParagraph.run(.int(rowid), .int(id), .int(Int64(i + 1)), .text(text))
            try addPassage(rowid, text, isTitle: false)
        }
    }

    /// Indexes one passage (a title or paragraph) in both FTS5 tables.
    private func addPassage(_ rowid: Int64, _ text: String, isTitle: Bool) throws {
        try insertPassage.run(.int(rowid), isTitle ? .null : .text(text), isTitle ? .text(text) : .null)
        try insertExact.run(.int(rowid), .text(text))
    }

    /// Removes an article's passages from both FTS5 tables (which need the old text) and its paragraphs.
    private func removePassages(of old: Existing) throws {
        try oldPassages.bind(.int(old.id), .int(old.passage), .int(old.count))
        var rows: [(Int64, String, Bool)] = []
        while try oldPassages.step() { rows.append((oldPassages.int(0), oldPassages.text(1) ?? "", oldPassages.int(2) == 1)) }
        for (rowid, text, isTitle) in rows {
            try setLength(rowid, 0)
            impact.remove(rowid)
            if pairsComplete { pairs.remove(PairCounts.pairs(in: text, pairTokenizer)) }
            try deletePassage.run(.int(rowid), isTitle ? .null : .text(text), isTitle ? .text(text) : .null)
            try deleteExact.run(.int(rowid), .text(text))
        }
        try deleteParagraphs.run(.int(old.passage), .int(old.count))
    }

    /// Removes articles whose input file is gone, or that a fully read input no longer holds.
    private func pruneArticles(completeOrigins: Set<String>) throws -> Int {
        let unseen = try db.prepare(
            "SELECT \(Existing.columns) FROM articles WHERE key NOT IN (SELECT key FROM temp.run_keys)")
        var removed: [Existing] = []
        var gone: [String: Bool] = [:]
        while try unseen.step() {
            let old = Existing(unseen)
            if gone[old.origin] == nil { gone[old.origin] = !FileManager.default.fileExists(atPath: old.origin) }
            if gone[old.origin]! || completeOrigins.contains(old.origin) { removed.append(old) }
        }
        for old in removed {
            try removePassages(of: old)
            try deleteArticle.run(.int(old.id))
        }
        return removed.count
    }
}
