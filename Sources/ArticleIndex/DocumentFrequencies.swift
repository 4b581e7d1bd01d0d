/// How many passages hold each folded word: for BM25's IDF, and for `--any` to tell common words.
///
/// FTS5 answers this (through fts5vocab) only by walking the word's whole doclist, which cost a
/// search process 8–27 ms for two common words. So the frequent words are counted once per index
/// run that changed something, and stored; rarer words are still asked of FTS5, whose short
/// doclists answer in microseconds.
enum DocumentFrequencies {
    /// Words in fewer passages than this are not stored.
    static let storedFrom = 100

    /// Counts again, from the index, inside the caller's transaction.
    static func rebuild(_ db: Database) throws {
        try db.execute("""
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.passages_vocabulary USING fts5vocab(main, passages, row);
            DELETE FROM terms;
            INSERT INTO terms(term, passages) SELECT term, doc FROM temp.passages_vocabulary WHERE doc >= \(storedFrom);
            """)
    }
}
