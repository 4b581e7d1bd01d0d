/// How many passages hold each folded word: for BM25's IDF, and for `--any` to tell common words.
///
/// FTS5 answers this (through fts5vocab) only by walking the word's whole doclist, which cost a
/// search process 8–27 ms for two common words. So the frequent words are counted once per index
/// run that changed something, and stored; rarer words are still asked of FTS5, whose short
/// doclists answer in microseconds.
enum DocumentFrequencies {
    /// Words in fewer passages than this are not stored.
    static let storedFrom = 100

    /// FTS5's view of the `passages` vocabulary on `db` (term, doc), created once per connection.
    static func vocabulary(_ db: Database) throws -> String {
        try db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.passages_vocabulary USING fts5vocab(main, passages, row)")
        return "temp.passages_vocabulary"
    }

    /// Counts again, from the index, inside the caller's transaction. The same pass counts the
    /// distinct words for `vietsearch stats` (meta `terms`), which would otherwise scan again.
    static func rebuild(_ db: Database) throws {
        let rows = try db.prepare("SELECT term, doc FROM \(try vocabulary(db))")
        try db.execute("DELETE FROM terms")
        let insert = try db.prepare("INSERT INTO terms(term, passages) VALUES (?, ?)")
        let boundary = String(UnicodeScalar(FTS5Extensions.boundaryToken))
        var distinct = 0
        while try rows.step() {
            guard let term = rows.text(0), term != boundary else { continue }
            distinct += 1
            let passages = rows.int(1)
            if passages >= storedFrom { try insert.run(.text(term), .int(passages)) }
        }
        try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('terms', ?)").run(.text(String(distinct)))
    }
}
