import Foundation

/// `vietsearch check`: SQLite's and FTS5's integrity checks, then the index's own invariants.
public enum IndexCheck {
    /// The problems found, each one line; empty when the index is sound.
    public static func run(path: String, progress: (String) -> Void = { _ in }) throws -> [String] {
        let db = try IndexStore.openForReading(path)
        var problems: [String] = []
        progress("SQLite integrity_check…")
        let integrity = try db.prepare("PRAGMA integrity_check")
        while try integrity.step() {
            let line = integrity.text(0) ?? ""
            if line != "ok" { problems.append("SQLite: \(line)") }
        }
        progress("FTS5 integrity-check…")
        for table in ["passages", "exact"] {
            do {
                try db.execute("INSERT INTO \(table)(\(table)) VALUES ('integrity-check')")
            } catch IndexError.sqlite(let f) {
                problems.append("FTS5 table \(table): \(f.message) (run `vietsearch index --rebuild`)")
            }
        }
        progress("articles, paragraphs and content hashes…")
        let orphans = try db.scalar("""
            SELECT count(*) FROM paragraphs p LEFT JOIN articles a ON a.id = p.article
            WHERE a.id IS NULL OR p.id <> a.passage + p.ordinal OR p.ordinal > a.paragraph_count
            """)
        if orphans > 0 { problems.append("\(orphans) paragraphs belong to no article or sit outside its range") }
        let articles = try db.prepare("""
            SELECT id, key, title, source, url, date, category, outlet, origin, hash, passage, paragraph_count FROM articles ORDER BY id
            """)
        let paragraphs = try db.prepare("SELECT text FROM paragraphs WHERE id BETWEEN ?1 + 1 AND ?1 + ?2 ORDER BY id")
        var checked = 0
        while try articles.step() {
            let key = articles.text(1) ?? "?"
            let expected = Int(articles.int(11))
            try paragraphs.bind(.int(articles.int(10)), .int(Int64(expected)))
            var texts: [String] = []
            while try paragraphs.step() { texts.append(paragraphs.text(0) ?? "") }
            if texts.count != expected {
                problems.append("article \(key): \(texts.count) paragraphs stored, \(expected) recorded")
                continue
            }
            let article = Article(key: key, title: articles.text(2) ?? "", paragraphs: texts, source: articles.text(3) ?? "",
                                  url: articles.text(4), date: articles.text(5), category: articles.text(6),
                                  outlet: articles.text(7), origin: articles.text(8) ?? "")
            if article.contentHash != articles.text(9) {
                problems.append("article \(key): stored text does not match its content hash")
            }
            checked += 1
        }
        let lengths = try PassageLengths.load(db)
        let ids = try db.prepare("SELECT rid FROM passage_source")
        var missing = 0, measured = 0
        while try ids.step() {
            let id = Int(ids.int(0))
            if id >= 0 && id < lengths.count && lengths[id] > 0 { measured += 1 } else { missing += 1 }
        }
        if missing > 0 { problems.append("\(missing) passages have no stored length (run `vietsearch index --rebuild`)") }
        let extra = lengths.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } - measured
        if extra > 0 { problems.append("\(extra) stored lengths belong to no passage") }
        progress("pair counts of frequent words…")
        if let wrong = try PairCounts.mismatches(db), wrong > 0 {
            problems.append("\(wrong) stored pair counts differ from the stored text (run `vietsearch index --rebuild`)")
        }
        progress("\(checked) articles checked")
        return problems
    }
}
