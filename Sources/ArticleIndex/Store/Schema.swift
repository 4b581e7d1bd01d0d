import Foundation
import VietnameseText

/// The index's tables and their versioned migrations (`PRAGMA user_version`).
///
/// Every passage, an article's title or one of its paragraphs, has a passage id, handed out in
/// sequence: the title first (`articles.passage`), then the paragraphs (`paragraphs.id`, ordinals
/// from 1). FTS5 rowids are these ids, so doclists store small deltas: packing the article id
/// in the high bits instead (`article << 20 | ordinal`) made the index 35% larger.
/// The text is stored once: `passages` is an external-content FTS5 table over the
/// `passage_source` view, with titles in a column of their own (column 1, so that only title
/// rows pay a column marker), and `exact` a contentless one holding only the exact forms of
/// marked words, without positions. `Indexer` writes both beside the content tables. (Not
/// triggers: in SQLite 3.40 a trigger's statement savepoint makes FTS5 flush its pending terms on
/// every row, which made indexing 5× slower: 19.4 s against 3.5 s for the baseline on 20,000 articles.)
enum Schema {
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
            passage INTEGER NOT NULL UNIQUE, -- the title's passage id; paragraphs follow it
            paragraph_count INTEGER NOT NULL,
            indexed_at TEXT NOT NULL
        );
        CREATE INDEX articles_origin ON articles(origin);
        CREATE TABLE paragraphs(
            id INTEGER PRIMARY KEY,         -- passage id: articles.passage + ordinal
            article INTEGER NOT NULL,
            ordinal INTEGER NOT NULL,       -- 1-based
            text TEXT NOT NULL
        );
        CREATE VIEW passage_source(rid, body, title) AS
            SELECT id, text, NULL FROM paragraphs
            UNION ALL SELECT passage, NULL, title FROM articles;
        CREATE VIRTUAL TABLE passages USING fts5(body, title, content='passage_source', content_rowid='rid', tokenize='viet');
        CREATE VIRTUAL TABLE exact USING fts5(body, content='', detail=none, columnsize=0, tokenize='viet exact');
        -- Token counts of all passages, two bytes each, indexed by passage id (see PassageLengths).
        CREATE TABLE passage_lengths(id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL);
        -- Accented forms of each folded word and how many passages hold them (see Suggester).
        CREATE TABLE forms(folded TEXT NOT NULL, exact TEXT NOT NULL, passages INTEGER NOT NULL,
                           PRIMARY KEY (folded, exact)) WITHOUT ROWID;
        """,
        // 2: no FTS5 docsize table (8.3 MB on the corpus); passage lengths are kept by us, in
        // chunks (see PassageLengths). Existing passages are re-indexed by `afterMigrating`.
        """
        DROP TABLE passages;
        CREATE VIRTUAL TABLE passages USING fts5(body, title, content='passage_source', content_rowid='rid',
                                                 columnsize=0, tokenize='viet');
        DROP TABLE passage_lengths;
        -- Token counts by passage id, 4,096 two-byte counts a chunk (see PassageLengths).
        CREATE TABLE passage_lengths(chunk INTEGER PRIMARY KEY, data BLOB NOT NULL);
        """,
        // 3: FTS5 merges 16 segments of a level at a time, not 4: the whole corpus indexes in
        // 33.7 s instead of 40.2 s, with the same size and the same query cost (callgrind).
        """
        INSERT INTO passages(passages, rank) VALUES ('automerge', 16);
        INSERT INTO exact(exact, rank) VALUES ('automerge', 16);
        """,
        // 4: the passage counts of frequent folded words (see DocumentFrequencies).
        """
        CREATE TABLE terms(term TEXT PRIMARY KEY, passages INTEGER NOT NULL) WITHOUT ROWID;
        """,
        // 5: a title derived from the first paragraph, or equal to it, is not a passage of its own
        // (`Article.titleIsPassage`): searches and exports showed the same text twice.
        """
        ALTER TABLE articles ADD COLUMN title_passage INTEGER NOT NULL DEFAULT 1;
        DROP VIEW passage_source;
        CREATE VIEW passage_source(rid, body, title) AS
            SELECT id, text, NULL FROM paragraphs
            UNION ALL SELECT passage, NULL, title FROM articles WHERE title_passage;
        """,
        // 6: impact lists, the best passages of each exact form for one-word searches (see
        // ImpactLists). Empty after this migration, and unused until an index is built anew
        // (meta `impact_rows`). A rowid table: its rows hold a list of up to 4 KB on their page,
        // where WITHOUT ROWID spilled lists over 1 KB to overflow pages (17.4 MB against 9.2 MB of lists).
        """
        CREATE TABLE impact(form TEXT NOT NULL UNIQUE, data BLOB NOT NULL);
        """,
        // 7: how many passages hold each adjacent pair of frequent words (see PairCounts). Empty
        // after this migration: the next index run counts them, and searches ask FTS5 until then.
        """
        CREATE TABLE pairs(first INTEGER PRIMARY KEY, data BLOB NOT NULL);
        """,
        // 8: the impact lists also keep the best passages of listed pairs (`ListedPairs`), which
        // older lists lack: they are dropped, and unused until an index is built anew, as in 6.
        """
        DELETE FROM impact;
        DELETE FROM meta WHERE key = 'impact_rows';
        """,
    ]

    static var version: Int { migrations.count }

    /// Brings `db` to the current schema, or explains why it cannot.
    static func migrate(_ db: Database, writable: Bool, notes: (String) -> Void = { _ in }) throws {
        let current: Int
        do {
            current = Int(try db.scalar("PRAGMA user_version"))
        } catch IndexError.sqlite(let f) where f.code ~= .notADatabase {
            throw IndexError.notAnIndex(path: db.path)
        }
        if current > version { throw IndexError.newerSchema(path: db.path, found: current, known: version) }
        if current == 0 {
            let tables = try db.scalar("SELECT count(*) FROM sqlite_schema")
            if tables > 0 { throw IndexError.notAnIndex(path: db.path) }
        }
        if current < version {
            guard writable else {
                throw current == 0 ? IndexError.noIndex(path: db.path)
                    : IndexError.olderSchema(path: db.path, found: current, known: version)
            }
            if current > 0 {
                notes("upgrading \(db.path) from schema version \(current) to \(version) (one-off work: up to 20 s for 70,000 articles)…")
            }
            try db.transaction {
                for v in current..<version {
                    try db.execute(migrations[v])
                    try afterMigrating(db, to: v + 1)
                    try db.execute("PRAGMA user_version = \(v + 1)")
                }
                if current == 0 {
                    try MetaKey.tokenizer.write(String(VietnameseTokenizer.version), in: db)
                    try MetaKey.created.write(timestamp(), in: db)
                }
            }
        }
        let tokenizer = Int(try MetaKey.tokenizer.read(in: db) ?? "") ?? 0
        if tokenizer != VietnameseTokenizer.version {
            throw IndexError.tokenizerMismatch(path: db.path, found: tokenizer, current: VietnameseTokenizer.version)
        }
    }

    /// The work a migration needs beyond its SQL.
    static func afterMigrating(_ db: Database, to version: Int) throws {
        if version == 2 {
            try db.execute("INSERT INTO passages(passages) VALUES ('rebuild')")
            try PassageLengths.recount(db)
        }
        if version == 4 { try DocumentFrequencies.rebuild(db) }
    }

    static func timestamp(_ date: Date = Date()) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
