import CSQLite
import Foundation
import VietnameseText

/// The token count of every passage, indexed by passage id, stored in chunks of `chunkSize`.
///
/// BM25 needs each matching row's length. FTS5 keeps it in a docsize table, one row per passage
/// (8.3 MB for the corpus) read with one SQL look-up per matching row, which was two thirds of
/// the time of a query matching 100,000 rows (`dang`: 328 ms against 98 ms without). Instead the
/// `passages` table is built with `columnsize=0` and the lengths live here: 2 bytes a passage,
/// counted on the reading thread while indexing, written in the same transaction as the passages
/// they describe (only the chunks a batch touched), and read by `Searcher` in one go.
/// A length of 0 means "not known": vrank then asks FTS5, which re-tokenizes the row.
enum PassageLengths {
    static let chunkSize = 4096

    /// The length FTS5 would count for `text` in document mode: every token the `viet` tokenizer
    /// writes at a position of its own, sentence-boundary tokens included (see `StoredTokenizer`).
    /// At least 1, so that 0 can mean "not known"; at most 65,535.
    static func count(_ text: String, _ tokenizer: StoredTokenizer) -> UInt16 {
        UInt16(clamping: max(1, tokenizer.positions(text)))
    }

    /// The lengths of an article's passages: its title, then each paragraph.
    static func count(_ article: Article, _ tokenizer: StoredTokenizer) -> [UInt16] {
        [count(article.title, tokenizer)] + article.paragraphs.map { count($0, tokenizer) }
    }

    /// Reads every stored chunk into one array, zeros where nothing is stored; empty when there is none yet.
    static func load(_ db: Database) throws -> [UInt16] {
        let buffer = try loadBuffer(db)
        defer { buffer.deallocate() }
        return Array(buffer)
    }

    /// The same in a new buffer that the caller deallocates: one copy of each chunk, straight from
    /// SQLite's memory. (Through arrays, a search process took 6–23 ms to read the 1.6 MB.)
    static func loadBuffer(_ db: Database) throws -> UnsafeMutableBufferPointer<UInt16> {
        let chunks = Int(try db.scalar("SELECT coalesce(max(chunk), -1) + 1 FROM passage_lengths"))
        let buffer = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: chunks * chunkSize)
        buffer.initialize(repeating: 0)
        let stmt = try db.prepare("SELECT chunk, data FROM passage_lengths")
        while try stmt.step() {
            let chunk = Int(stmt.int(0))
            guard chunk >= 0, chunk < chunks, let data = sqlite3_column_blob(stmt.stmt, 1) else { continue }
            let count = min(Int(sqlite3_column_bytes(stmt.stmt, 1)) / 2, chunkSize)
            memcpy(buffer.baseAddress! + chunk * chunkSize, data, count * 2)
        }
        return buffer
    }

    /// Writes the chunks of `lengths` named in `chunks`.
    static func store(_ db: Database, _ lengths: [UInt16], chunks: some Sequence<Int>) throws {
        let stmt = try db.prepare("INSERT OR REPLACE INTO passage_lengths(chunk, data) VALUES (?, ?)")
        try lengths.withUnsafeBytes { raw in
            for chunk in chunks {
                let start = chunk * chunkSize
                guard start < lengths.count else { continue }
                let end = min(lengths.count, start + chunkSize)
                try stmt.bind(.int(Int64(chunk)))
                try stmt.bindBlob(2, UnsafeRawBufferPointer(rebasing: raw[(start * 2)..<(end * 2)]))
                while try stmt.step() {}
            }
        }
    }

    /// One stored chunk, `chunkSize` counts, zeros where nothing is stored.
    static func loadChunk(_ db: Database, _ chunk: Int) throws -> [UInt16] {
        var out = [UInt16](repeating: 0, count: chunkSize)
        let stmt = try db.prepare("SELECT data FROM passage_lengths WHERE chunk = ?")
        try stmt.bind(.int(Int64(chunk)))
        if try stmt.step(), let data = sqlite3_column_blob(stmt.stmt, 0) {
            let count = min(Int(sqlite3_column_bytes(stmt.stmt, 0)) / 2, chunkSize)
            out.withUnsafeMutableBytes { _ = memcpy($0.baseAddress!, data, count * 2) }
        }
        return out
    }

    /// Writes whole chunks, by number.
    static func store(_ db: Database, chunks: [Int: [UInt16]]) throws {
        let stmt = try db.prepare("INSERT OR REPLACE INTO passage_lengths(chunk, data) VALUES (?, ?)")
        for (chunk, counts) in chunks.sorted(by: { $0.key < $1.key }) {
            try stmt.bind(.int(Int64(chunk)))
            try counts.withUnsafeBytes { try stmt.bindBlob(2, $0) }
            while try stmt.step() {}
        }
    }

    /// Counts every passage again from the stored text (after a migration).
    static func recount(_ db: Database) throws {
        let tokenizer = StoredTokenizer()
        var lengths: [UInt16] = []
        let rows = try db.prepare("SELECT rid, coalesce(body, title, '') FROM passage_source")
        while try rows.step() {
            let id = Int(rows.int(0))
            guard id >= 0 else { continue }
            if id >= lengths.count { lengths.append(contentsOf: repeatElement(0, count: id + 1 - lengths.count)) }
            lengths[id] = count(rows.text(1) ?? "", tokenizer)
        }
        try db.execute("DELETE FROM passage_lengths")
        try store(db, lengths, chunks: 0..<((lengths.count + chunkSize - 1) / chunkSize))
    }
}
