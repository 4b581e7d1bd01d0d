import VietnameseText

/// The `forms` table: every exact form the index holds (`đảng`, `dáng`, `dang`…), its fold, and
/// how many passages hold it. `Indexer` rebuilds it from the exact table's vocabulary after each
/// run that changed something; `Suggester` offers its forms, `Searcher` reads the likeliest form of
/// an unaccented word and how common an accented word is in its exact form.
final class Forms {
    private let ofWord, count, formsOfWord: Statement

    init(_ db: Database) throws {
        ofWord = try db.prepare("SELECT exact, passages FROM forms WHERE folded = ?1 ORDER BY passages DESC, exact LIMIT ?2")
        count = try db.prepare("SELECT passages FROM forms WHERE folded = ?1 AND exact = ?2")
        formsOfWord = try db.prepare("SELECT count(*) FROM forms WHERE folded = ?1")
    }

    /// The exact forms of the folded word, most passages first (then in code-point order).
    func forms(of folded: String, limit: Int) throws -> [(form: String, passages: Int)] {
        try ofWord.bind(.text(folded), .int(Int64(limit)))
        var out: [(String, Int)] = []
        while try ofWord.step() { out.append((ofWord.text(0) ?? "", Int(ofWord.int(1)))) }
        return out
    }

    /// The form of the folded word that most passages hold.
    func likeliest(_ folded: String) throws -> String? { try forms(of: folded, limit: 1).first?.form }

    /// How many passages hold the word in exact form `exact` (folded `folded`).
    func passages(_ folded: String, exact: String) throws -> Int {
        try count.bind(.text(folded), .text(exact))
        return try count.step() ? Int(count.int(0)) : 0
    }

    /// How many exact forms of the folded word the index holds.
    func formCount(_ folded: String) throws -> Int {
        try formsOfWord.bind(.text(folded))
        return try formsOfWord.step() ? Int(formsOfWord.int(0)) : 0
    }

    /// Rebuilds the table from the vocabulary of the exact table, inside the caller's transaction.
    static func rebuild(_ db: Database) throws {
        try db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.exact_vocabulary USING fts5vocab(main, exact, row)")
        try db.execute("DELETE FROM forms")
        let rows = try db.prepare("SELECT term, doc FROM temp.exact_vocabulary")
        let insert = try db.prepare("INSERT OR REPLACE INTO forms(folded, exact, passages) VALUES (?, ?, ?)")
        let tokenizer = VietnameseTokenizer()
        while try rows.step() {
            guard let term = rows.text(0) else { continue }
            var folded: String?, words = 0
            tokenizer.tokenize(term, exactForms: false) { t in
                words += 1
                folded = String(decoding: t.folded, as: UTF8.self)
                return words < 2
            }
            guard words == 1, let folded, !folded.isEmpty else { continue }
            try insert.run(.text(folded), .text(term), .int(rows.int(1)))
        }
    }
}
