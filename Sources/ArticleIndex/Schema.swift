import Foundation
import VietnameseText

/// The index's tables and their versioned migrations (`PRAGMA user_version`).
///
/// Paragraph ids pack the article id and the 1-based ordinal: `id = article << 20 | ordinal`, so an
/// article's paragraphs are one primary-key range and FTS5 rowids sort by (article, paragraph).
/// Ordinal 0 is the article's title, indexed as a row of its own in the same one-column FTS5 table
/// (one column, because a second one costs a column marker in every position list).
/// The text is stored once: `passages` is an external-content FTS5 table over the
/// `passage_source` view, and `exact` a contentless one holding only the exact forms of marked
/// words, without positions. `Indexer` writes both beside the content tables. (Not triggers: in
/// SQLite 3.40 a trigger's statement savepoint makes FTS5 flush its pending terms on every row,
/// which made indexing 5× slower: 19.4 s against 3.5 s for the baseline on 20,000 articles.)
enum Schema {
    static let ordinalBits: Int64 = 20
    static let maxOrdinal: Int64 = (1 << ordinalBits) - 1

    /// Each entry moves the schema from version `index` to `index + 1`.
    static let migrations: [String] = [
        """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        CREATE TABLE articles(
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,       -- the stable id: JSON "id", or the .txt path
            title TEXT NOT NULL,
            source TEXT NOT NULL,           -- file path, or URL when the input gives one
            url TEXT, date TEXT, category TEXT, outlet TEXT,
            origin TEXT NOT NULL,           -- the input file it was read from, for --prune
            hash TEXT NOT NULL,             -- content hash, for incremental runs
            paragraph_count INTEGER NOT NULL,
            indexed_at TEXT NOT NULL
        );
        CREATE INDEX articles_origin ON articles(origin);
        CREATE TABLE paragraphs(
            id INTEGER PRIMARY KEY,         -- article << 20 | ordinal
            text TEXT NOT NULL,
            article INTEGER GENERATED ALWAYS AS (id >> 20) VIRTUAL,
            ordinal INTEGER GENERATED ALWAYS AS (id & 1048575) VIRTUAL
        );
        CREATE VIEW passage_source(rid, body) AS
            SELECT id, text FROM paragraphs
            UNION ALL SELECT id << 20, title FROM articles;
        CREATE VIRTUAL TABLE passages USING fts5(body, content='passage_source', content_rowid='rid', tokenize='viet');
        CREATE VIRTUAL TABLE exact USING fts5(body, content='', detail=none, columnsize=0, tokenize='viet exact');
        """,
    ]

    static var version: Int { migrations.count }

    /// Brings `db` to the current schema, or explains why it cannot.
    static func migrate(_ db: Database, writable: Bool) throws {
        let current: Int
        do {
            current = Int(try db.scalar("PRAGMA user_version"))
        } catch IndexError.sqlite(let code, _, _) where code & 0xFF == 26 {
            throw IndexError.notAnIndex(path: db.path)
        }
        if current > version { throw IndexError.newerSchema(path: db.path, found: current, known: version) }
        if current == 0 {
            let tables = try db.scalar("SELECT count(*) FROM sqlite_schema")
            if tables > 0 { throw IndexError.notAnIndex(path: db.path) }
        }
        if current < version {
            guard writable else { throw IndexError.noIndex(path: db.path) }
            try db.transaction {
                for v in current..<version {
                    try db.execute(migrations[v])
                    try db.execute("PRAGMA user_version = \(v + 1)")
                }
                if current == 0 {
                    try db.prepare("INSERT INTO meta(key, value) VALUES ('tokenizer', ?)")
                        .run(.text(String(VietnameseTokenizer.version)))
                    try db.prepare("INSERT INTO meta(key, value) VALUES ('created', ?)").run(.text(timestamp()))
                }
            }
        }
        let tokenizer = Int(try db.text("SELECT value FROM meta WHERE key = 'tokenizer'") ?? "") ?? 0
        if tokenizer != VietnameseTokenizer.version {
            throw IndexError.tokenizerMismatch(path: db.path, found: tokenizer, current: VietnameseTokenizer.version)
        }
    }

    static func timestamp(_ date: Date = Date()) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
