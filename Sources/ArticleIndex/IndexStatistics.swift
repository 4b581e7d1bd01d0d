import Foundation

/// What `vietsearch stats` reports.
public struct IndexStatistics: Codable, Sendable {
    public var articles: Int
    public var paragraphs: Int
    /// Distinct folded terms (exact-form and punctuation tokens not counted).
    public var terms: Int
    public var exactTerms: Int
    /// Bytes on disk, the database and its WAL.
    public var bytes: Int
    public var tokenizer: Int
    public var lastIndexed: String?

    public static func read(path: String) throws -> IndexStatistics {
        let db = try IndexStore.openForReading(path)
        try db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, passages, row)")
        let size = ["", "-wal"].reduce(0) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: path + $1)[.size] as? Int) ?? 0)
        }
        return IndexStatistics(
            articles: Int(try db.scalar("SELECT count(*) FROM articles")),
            paragraphs: Int(try db.scalar("SELECT count(*) FROM paragraphs")),
            terms: Int(try db.scalar("SELECT count(*) FROM temp.vocab WHERE term NOT GLOB '=*' AND term <> '.'")),
            exactTerms: Int(try db.scalar("SELECT count(*) FROM temp.vocab WHERE term GLOB '=*'")),
            bytes: size,
            tokenizer: Int(try db.text("SELECT value FROM meta WHERE key = 'tokenizer'") ?? "0") ?? 0,
            lastIndexed: try db.text("SELECT value FROM meta WHERE key = 'last_indexed'"))
    }
}
