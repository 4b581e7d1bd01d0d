import Foundation

/// The token count of every passage, as one array indexed by passage id.
///
/// BM25 needs each matching row's length. FTS5 reads it from its docsize table with one SQL
/// look-up per row, which was two thirds of the time of a query matching 100,000 rows
/// (`dang`: 328 ms against 98 ms without). Passage ids are dense, so the lengths fit one 2-byte
/// array (1.5 MB for the whole corpus) that `Indexer` rebuilds after each run that changed
/// something and `Searcher` reads once. Rows added since the last rebuild fall back to FTS5.
enum PassageLengths {
    /// Rebuilds the stored array from FTS5's docsize table.
    static func rebuild(_ db: Database) throws {
        let rows = try db.prepare("SELECT id, sz FROM passages_docsize ORDER BY id")
        var lengths: [UInt16] = []
        while try rows.step() {
            let id = Int(rows.int(0))
            guard id >= 0 else { continue }
            if id >= lengths.count { lengths.append(contentsOf: repeatElement(0, count: id + 1 - lengths.count)) }
            lengths[id] = UInt16(clamping: decodeVarintSum(rows.blob(1)))
        }
        let store = try db.prepare("INSERT OR REPLACE INTO passage_lengths(id, data) VALUES (1, ?)")
        try lengths.withUnsafeBytes { try store.bindBlob(1, $0) }
        while try store.step() {}
    }

    /// Reads the stored array; empty when there is none yet.
    static func load(_ db: Database) throws -> [UInt16] {
        let stmt = try db.prepare("SELECT data FROM passage_lengths WHERE id = 1")
        guard try stmt.step() else { return [] }
        let bytes = stmt.blob(0)
        return bytes.withUnsafeBytes { raw in Array(raw.bindMemory(to: UInt16.self)) }
    }

    /// The sum of the SQLite varints in an FTS5 docsize record (one per column).
    static func decodeVarintSum(_ bytes: [UInt8]) -> Int {
        var total = 0, value = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            value = value << 7 | Int(b & 0x7F)
            if b & 0x80 == 0 { total += value; value = 0 }
            i += 1
        }
        return total
    }
}
