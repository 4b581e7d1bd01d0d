import Foundation

/// What `vietsearch stats` reports.
public struct IndexStatistics: Codable, Sendable {
    public var articles: Int
    public var paragraphs: Int
    /// Distinct folded words (the sentence-boundary token not counted).
    public var terms: Int
    /// Distinct exact forms of marked words (`đảng`, `đáng`, `đang`…).
    public var exactTerms: Int
    /// Bytes on disk, the database and its WAL.
    public var bytes: Int
    public var tokenizer: Int
    public var lastIndexed: String?

    public static func read(path: String) throws -> IndexStatistics {
        let db = try IndexStore.openForReading(path)
        let size = ["", "-wal"].reduce(0) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: path + $1)[.size] as? Int) ?? 0)
        }
        return IndexStatistics(
            articles: Int(try db.scalar("SELECT count(*) FROM articles")),
            paragraphs: Int(try db.scalar("SELECT count(*) FROM paragraphs")),
            // Both counted when the index last changed (DocumentFrequencies, Forms.rebuild):
            // counting the vocabulary here took 1.9 s on the whole corpus.
            terms: Int(try MetaKey.terms.read(in: db) ?? "0") ?? 0,
            exactTerms: Int(try db.scalar("SELECT count(*) FROM forms")),
            bytes: size,
            tokenizer: Int(try MetaKey.tokenizer.read(in: db) ?? "0") ?? 0,
            lastIndexed: try MetaKey.lastIndexed.read(in: db))
    }
}
