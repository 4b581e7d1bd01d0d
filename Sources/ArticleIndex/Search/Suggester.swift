import Foundation
import VietnameseText

/// "Did you mean": the accented forms of an unaccented (or partly accented) query that the index
/// actually holds, most frequent first.
///
/// One word: from the `forms` table (`Forms`), which `Indexer` rebuilds from the exact table's
/// vocabulary after each run that changed something (every exact form, its fold and its passage count).
/// Several words: the passages that hold the folded phrase are read (the first `sampleLimit`) and
/// the accented spellings of each occurrence counted, so only phrases really present are offered.
public final class Suggester {
    public struct Suggestion: Codable, Sendable, Equatable {
        public var text: String
        public var count: Int
    }

    public struct Result: Codable, Sendable {
        public var query: String
        public var suggestions: [Suggestion]
        /// Passages read for a phrase (for one word, the passages counted).
        public var scanned: Int
        /// True when more passages hold the phrase than were read.
        public var sampled: Bool
    }

    public static let sampleLimit = 500
    private let db: Database
    private let passages: PassageStore
    private let forms: Forms
    private let phraseRows: Statement
    private let tokenizer = StoredTokenizer()

    public convenience init(path: String) throws {
        let db = try IndexStore.openForReading(path)
        try self.init(database: db, passages: PassageStore(db), forms: Forms(db))
    }

    /// A suggester on an open connection, its passages and forms (a `Searcher`'s: see `Searcher.suggester()`).
    init(database: Database, passages: PassageStore, forms: Forms) throws {
        db = database
        self.passages = passages
        self.forms = forms
        phraseRows = try db.prepare("SELECT rowid FROM passages WHERE passages MATCH ?1 LIMIT ?2")
    }

    /// What `filter` asks for that no article of the index has (`SearchFilter.Unmet`).
    public func unmet(_ filter: SearchFilter) throws -> [SearchFilter.Unmet] {
        defer { db.releaseSnapshot() }
        return try filter.unmet(in: db)
    }

    /// Suggestions for `text`; for a phrase, counted in the first `sampleLimit` passages that hold it.
    /// With a `filter`, forms are counted in the passages it admits, read as for a phrase.
    public func suggest(_ text: String, sampleLimit: Int = Suggester.sampleLimit, filter: SearchFilter = SearchFilter()) throws -> Result {
        defer { db.releaseSnapshot() }
        let tokens = VietnameseText.tokens(text)
        guard !tokens.isEmpty else { throw IndexError.query("nothing to suggest for \(text.prefix(80)): it has no words") }
        let admitted = filter.isEmpty ? nil : try filter.passages(in: db)
        guard tokens.count > 1 || admitted != nil else {
            let t = tokens[0]
            var out: [Suggestion] = []
            for (form, count) in try forms.forms(of: t.folded, limit: 12) {
                if t.exact != t.folded && form != t.exact { continue }  // an accented word keeps its own form
                out.append(Suggestion(text: form, count: count))
            }
            let total = out.reduce(0) { $0 + $1.count }
            return Result(query: text, suggestions: out, scanned: total, sampled: false)
        }
        let folded = tokens.map(\.folded)
        try phraseRows.bind(.text("\"" + folded.joined(separator: " ") + "\""), .int(admitted == nil ? Int64(sampleLimit + 1) : -1))
        var rowids: [Int64] = []
        while rowids.count <= sampleLimit, try phraseRows.step() {
            let rowid = phraseRows.int(0)
            if let admitted, !SearchFilter.contains(admitted, rowid) { continue }
            rowids.append(rowid)
        }
        var counts: [String: Int] = [:]
        let foldedBytes = folded.map { Array($0.utf8) }
        for rowid in rowids.prefix(sampleLimit) {
            guard var body = try passages.text(rowid) else { continue }
            var words: [(folded: [UInt8], exact: String, afterPunctuation: Bool)] = []
            body.withUTF8 { bytes in
                tokenizer.tokenize(bytes, exactForms: true) { s in
                    if s.kind == .word {
                        words.append((Array(s.bytes), String(decoding: s.exact, as: UTF8.self), s.followsPunctuation))
                    }
                    return true
                }
            }
            var seen = Set<String>()
            let accented = words.contains { $0.exact.utf8.contains { $0 >= 0x80 } }
            var i = 0
            while i + folded.count <= words.count {
                let match = (0..<folded.count).allSatisfy { j in
                    words[i + j].folded == foldedBytes[j] && (j == 0 || !words[i + j].afterPunctuation)
                        && (tokens[j].exact == tokens[j].folded || words[i + j].exact == tokens[j].exact)
                }
                let occurrence = words[i..<(i + folded.count)]
                // A spelling without marks is a reading (the level tones of `Gia Lai`) only in a
                // passage written with accents; text typed without any is not one.
                if match && (accented || occurrence.contains(where: { $0.exact.utf8.contains { $0 >= 0x80 } })) {
                    seen.insert(occurrence.map(\.exact).joined(separator: " "))
                }
                i += 1
            }
            for phrase in seen { counts[phrase, default: 0] += 1 }
        }
        let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(12)
        return Result(query: text, suggestions: sorted.map { Suggestion(text: $0.key, count: $0.value) },
                      scanned: min(rowids.count, sampleLimit), sampled: rowids.count > sampleLimit)
    }
}
