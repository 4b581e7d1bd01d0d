import Foundation

/// What one `vietsearch index` run did.
public struct IndexSummary: Sendable, Equatable {
    public var added = 0, updated = 0, unchanged = 0, skipped = 0, removed = 0
    public var paragraphsAdded = 0, paragraphsUpdated = 0
    public var bytes = 0
    public var interrupted = false

    public var line: String {
        "\(added) added (\(paragraphsAdded) paragraphs), \(updated) updated (\(paragraphsUpdated) paragraphs), "
            + "\(unchanged) unchanged, \(skipped) skipped, \(removed) removed"
    }
}

/// Progress, reported about four times a second while indexing.
public struct IndexProgress: Sendable {
    public var articles: Int
    public var bytes: Int
    public var inputBytesDone: Int
    public var inputBytesTotal: Int
    public var seconds: Double
}

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

    private struct Existing { var id: Int64; var hash: String; var origin: String }
    private var existing: [String: Existing] = [:]

    private let insertArticle, updateArticle, insertParagraph, deleteParagraphs, deleteArticle: Statement
    private let insertPassage, insertExact, deletePassage, deleteExact, oldPassages: Statement

    /// Opens (creating) the index and takes its writer lock; `rebuild` starts from an empty index.
    public init(path: String, rebuild: Bool = false) throws {
        self.path = path
        try? FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        lock = try FileLock(path: path + ".lock")
        if rebuild { try IndexStore.remove(path) }
        db = try IndexStore.openForWriting(path)
        insertArticle = try db.prepare("""
            INSERT INTO articles(key, title, source, url, date, category, outlet, origin, hash, paragraph_count, indexed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updateArticle = try db.prepare("""
            UPDATE articles SET title = ?2, source = ?3, url = ?4, date = ?5, category = ?6, outlet = ?7, origin = ?8,
            hash = ?9, paragraph_count = ?10, indexed_at = ?11 WHERE id = ?1
            """)
        insertParagraph = try db.prepare("INSERT INTO paragraphs(id, text) VALUES (?, ?)")
        deleteParagraphs = try db.prepare("DELETE FROM paragraphs WHERE id BETWEEN ?1 << 20 AND (?1 << 20) | 1048575")
        deleteArticle = try db.prepare("DELETE FROM articles WHERE id = ?")
        insertPassage = try db.prepare("INSERT INTO passages(rowid, body) VALUES (?, ?)")
        insertExact = try db.prepare("INSERT INTO exact(rowid, body) VALUES (?, ?)")
        deletePassage = try db.prepare("INSERT INTO passages(passages, rowid, body) VALUES ('delete', ?, ?)")
        deleteExact = try db.prepare("INSERT INTO exact(exact, rowid, body) VALUES ('delete', ?, ?)")
        oldPassages = try db.prepare("""
            SELECT id << 20, title FROM articles WHERE id = ?1
            UNION ALL SELECT id, text FROM paragraphs WHERE id BETWEEN ?1 << 20 AND (?1 << 20) | 1048575
            """)
        let rows = try db.prepare("SELECT key, id, hash, origin FROM articles")
        while try rows.step() {
            existing[rows.text(0)!] = Existing(id: rows.int(1), hash: rows.text(2)!, origin: rows.text(3)!)
        }
    }

    /// Indexes `paths` (files or folders). Problems with single inputs go to `diagnostics` and are
    /// skipped; `shouldStop` is polled between articles (Ctrl-C).
    public func run(paths: [String], prune: Bool = false,
                    diagnostics: (Diagnostic) -> Void = { _ in },
                    progress: ((IndexProgress) -> Void)? = nil,
                    shouldStop: () -> Bool = { false }) throws -> IndexSummary {
        var summary = IndexSummary()
        func report(_ d: Diagnostic) { summary.skipped += 1; diagnostics(d) }
        let files = InputFiles.expand(paths, diagnostics: { report($0) })
        let totalInput = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        let started = Date()
        var lastProgress = Date.distantPast
        var inputDone = 0
        var seen = Set<String>()
        var completeOrigins = Set<String>()
        let now = Schema.timestamp()
        var pending = 0
        try db.execute("BEGIN IMMEDIATE")
        func commitIfNeeded(force: Bool = false) throws {
            if force || pending >= batchSize {
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
        func store(_ article: Article) throws {
            seen.insert(article.key)
            let hash = article.contentHash
            if let old = existing[article.key], old.hash == hash {
                summary.unchanged += 1
                return
            }
            try write(article, hash: hash, indexedAt: now, summary: &summary, diagnostics: diagnostics)
            summary.bytes += article.title.utf8.count + article.paragraphs.reduce(0) { $0 + $1.utf8.count }
            pending += 1
            try commitIfNeeded()
        }
        do {
            fileLoop: for file in files {
                if shouldStop() { summary.interrupted = true; break }
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
                if file.lowercased().hasSuffix(".txt") {
                    switch TextArticleReader.read(path: file) {
                    case .success(let article): try store(article)
                    case .failure(let d): report(d)
                    }
                    completeOrigins.insert(file)
                } else {
                    guard let reader = LineReader(path: file) else {
                        report(Diagnostic(file: file, message: "cannot open: permission denied or unreadable"))
                        continue
                    }
                    while let parsed = reader.next({ JSONArticleParser.parse($0, file: file, lineNumber: reader.lineNumber) }) {
                        switch parsed {
                        case .success(let article)?: try store(article)
                        case .failure(let d)?: report(d)
                        case nil: break
                        }
                        tick(reader.compressedOffset)
                        if shouldStop() { summary.interrupted = true; break fileLoop }
                    }
                    if let failure = reader.failure {
                        report(Diagnostic(file: file, line: reader.lineNumber + 1, message: failure))
                    } else {
                        completeOrigins.insert(file)
                    }
                }
                inputDone += size
                tick(0)
            }
            if prune && !summary.interrupted {
                summary.removed = try pruneArticles(seen: seen, completeOrigins: completeOrigins)
            }
            try db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_indexed', '\(now)')")
            try db.execute("COMMIT")
        } catch {
            // What is committed stays; the open batch is rolled back.
            try? db.execute("ROLLBACK")
            throw error
        }
        return summary
    }

    private func write(_ article: Article, hash: String, indexedAt: String, summary: inout IndexSummary,
                       diagnostics: (Diagnostic) -> Void) throws {
        var paragraphs = article.paragraphs
        if paragraphs.count > Int(Schema.maxOrdinal) {
            diagnostics(Diagnostic(file: article.source, message: "more than \(Schema.maxOrdinal) paragraphs; the rest are not indexed"))
            paragraphs = Array(paragraphs.prefix(Int(Schema.maxOrdinal)))
        }
        let values: [Value] = [.text(article.title), .text(article.source), article.url.map(Value.text) ?? .null,
                               article.date.map(Value.text) ?? .null, article.category.map(Value.text) ?? .null,
                               article.outlet.map(Value.text) ?? .null, .text(article.origin), .text(hash),
                               .int(Int64(paragraphs.count)), .text(indexedAt)]
        let id: Int64
        if let old = existing[article.key] {
            id = old.id
            try removePassages(of: id)
            try deleteParagraphs.run(.int(id))
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
        existing[article.key] = Existing(id: id, hash: hash, origin: article.origin)
        try addPassage(id << Schema.ordinalBits, article.title)
        for (i, text) in paragraphs.enumerated() {
            let rowid = id << Schema.ordinalBits | Int64(i + 1)
            try insertParagraph.run(.int(rowid), .text(text))
            try addPassage(rowid, text)
        }
    }

    /// Indexes one passage (a title or paragraph) in both FTS5 tables.
    private func addPassage(_ rowid: Int64, _ text: String) throws {
        try insertPassage.run(.int(rowid), .text(text))
        try insertExact.run(.int(rowid), .text(text))
    }

    /// Removes an article's title and paragraphs from both FTS5 tables, which need the old text.
    private func removePassages(of id: Int64) throws {
        try oldPassages.bind(.int(id))
        var old: [(Int64, String)] = []
        while try oldPassages.step() { old.append((oldPassages.int(0), oldPassages.text(1) ?? "")) }
        for (rowid, text) in old {
            try deletePassage.run(.int(rowid), .text(text))
            try deleteExact.run(.int(rowid), .text(text))
        }
    }

    /// Removes articles whose input file is gone, or that a fully read input no longer holds.
    private func pruneArticles(seen: Set<String>, completeOrigins: Set<String>) throws -> Int {
        var removed = 0
        for (key, old) in existing where !seen.contains(key) {
            let gone = !FileManager.default.fileExists(atPath: old.origin)
            guard gone || completeOrigins.contains(old.origin) else { continue }
            try removePassages(of: old.id)
            try deleteParagraphs.run(.int(old.id))
            try deleteArticle.run(.int(old.id))
            existing[key] = nil
            removed += 1
        }
        return removed
    }
}

/// An exclusive advisory lock on a file, held while one `vietsearch index` writes.
final class FileLock {
    private let fd: Int32

    init(path: String) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IndexError.readOnly(path: path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw IndexError.indexLocked(path: String(path.dropLast(5)))
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
