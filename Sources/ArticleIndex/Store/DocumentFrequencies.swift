import Foundation
import VietnameseText

/// How many passages hold each term of a query, for BM25's IDF and for `--any` to tell common
/// words: the one place a search asks, cached until the index changes.
///
/// - A word: the `terms` table, where the frequent words are stored once per index run that
///   changed something (FTS5 answers through fts5vocab only by walking the word's whole doclist,
///   which cost a search 8–27 ms for two common words); a rarer word is asked of fts5vocab, whose
///   short doclists answer in microseconds.
/// - Two frequent words: the `pairs` table (`PairCounts`), while it is current.
/// - A phrase or a prefix: its rows counted from its own doclist (`vcollect`, xQueryPhrase).
final class DocumentFrequencies {
    /// Words in fewer passages than this are not stored.
    static let storedFrom = 100

    private let stored, vocabulary, phraseRows, storedPair: Statement
    private var cache: [String: Int] = [:]

    init(_ db: Database) throws {
        stored = try db.prepare("SELECT passages FROM terms WHERE term = ?")
        vocabulary = try db.prepare("SELECT doc FROM \(try Self.vocabulary(db)) WHERE term = ?")
        storedPair = try db.prepare("SELECT data FROM pairs WHERE first = ?")
        phraseRows = try db.prepare("SELECT vcollect(passages, ?2) FROM passages WHERE passages MATCH ?1 LIMIT 1")
    }

    /// Forgets what was counted (another connection wrote to the index).
    func reset() { cache = [:] }

    /// How many passages hold the folded word.
    func ofWord(_ folded: String) throws -> Int {
        if let known = cache[folded] { return known }
        try stored.bind(.text(folded))
        var df = 0
        if try stored.step() {
            df = Int(stored.int(0))
        } else {
            try vocabulary.bind(.text(folded))
            df = try vocabulary.step() ? Int(vocabulary.int(0)) : 0
        }
        cache[folded] = df
        return df
    }

    /// Whether the `pairs` table is current (`PairCounts`); set by the searcher.
    var pairsCurrent = false

    /// How many passages hold the term: a word, a phrase or a prefix.
    func of(_ term: RankingPlan.Term) throws -> Int {
        if term.isWord { return try ofWord(term.words[0].folded) }
        let expression = term.expression
        if let known = cache[expression] { return known }
        // Two frequent words: their stored pair count, which FTS5 would take both doclists to find.
        if pairsCurrent, term.words.count == 2, !term.words.contains(where: \.prefix), !term.hasBreak,
           let key = PairCounts.key(term.words[0].folded, term.words[1].folded) {
            let df = try PairCounts.passages(key, statement: storedPair)
            cache[expression] = df
            return df
        }
        let collector = RowidCollector()
        try withExtendedLifetime(collector) {
            try phraseRows.bind(.text(expression))
            try phraseRows.bind(pointer: Unmanaged.passUnretained(collector).toOpaque(), at: 2, type: RowidCollector.pointerType)
            while try phraseRows.step() {}
        }
        let df = collector.phrases.first?.count ?? 0
        cache[expression] = df
        return df
    }

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
        let boundary = String(UnicodeScalar(StoredTokenizer.boundaryToken))
        var distinct = 0
        while try rows.step() {
            guard let term = rows.text(0), term != boundary else { continue }
            distinct += 1
            let passages = rows.int(1)
            if passages >= storedFrom { try insert.run(.text(term), .int(passages)) }
        }
        try MetaKey.terms.write(String(distinct), in: db)
    }
}
