import Foundation
import TestSupport
import Testing
@testable import ArticleIndex
import VietnameseText

@Suite struct IndexerTests {
    @Test func foldedMatchingThroughFTS5() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        let (summary, warnings) = try index([Paths.seeds.path, Paths.fixtures.appendingPathComponent("good").path], db: db)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(summary.added == 8, "the seed, five .txt and two JSON articles")
        #expect(try matchCount(db, "dang") > 0, "dang finds Đảng")
        #expect(try matchCount(db, "duong") > 0, "duong finds đường")
        // The NFD article is found by an NFC query, in exact form too.
        #expect(try matchCount(db, "\"Người dân Việt Nam\"") == 1)
        #expect(try matchCount(db, "\"người dân viet nam\"") == 1)
        // The exact table holds exact forms: NFD and Ð (U+00D0) spellings are found by NFC Đ.
        let database = try IndexStore.openForReading(db)
        func exact(_ q: String) throws -> Int64 { try database.scalar("SELECT count(*) FROM exact WHERE exact MATCH ?", .text(q)) }
        #expect(try exact("đảng AND ủy AND nẵng") == 1)
        #expect(try exact("người AND việt") == 1)
        #expect(try exact("tết") == 1, "Tết appears once, in the NFD article")
        #expect(try exact("dan") == 0, "unmarked words are not in the exact table")
        // unicode61 cannot do this: `dang` must not need the stroke.
        #expect(try matchCount(db, "dang AND uy AND thanh AND pho") == 1)
    }

    @Test func readsEveryInputKind() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        _ = try index([Paths.fixtures.appendingPathComponent("good").path], db: db)
        let database = try IndexStore.openForReading(db)
        let rows = try database.prepare("SELECT title FROM articles")
        var titles = Set<String>()
        while try rows.step() { titles.insert(rows.text(0)!) }
        #expect(titles.count == 7)
        #expect(titles.contains("Bài UTF-16 có BOM") && titles.contains("Bài UTF-16 BE"))
        #expect(titles.contains("Nông thôn mới ở Sơn La") && titles.contains("Giá vàng"))
        #expect(try matchCount(db, "thuy AND dien AND hoa AND binh") == 1)
        // A JSON body is split on blank lines; CRLF lines without blank lines are one paragraph each.
        #expect(try database.scalar("SELECT paragraph_count FROM articles WHERE key = 'j2'") == 2)
        #expect(try database.scalar("SELECT paragraph_count FROM articles WHERE title = 'Tiêu đề CRLF'") == 2)
        // Trailing site chrome is dropped.
        #expect(try matchCount(db, "\"phản hồi\"") == 0)
        #expect(try database.text("SELECT outlet FROM articles WHERE key = 'j1'") == "VNE")
        #expect(try database.text("SELECT url FROM articles WHERE key = 'j1'") == "https://example.vn/j1")
    }

    /// Every passage gets a stored length, also when an article that the reader saw as unchanged
    /// changes within the run (the same key twice, the second copy equal to what was indexed).
    @Test func lengthsAreStoredForEveryWrittenPassage() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        func line(_ title: String, _ paragraphs: [String]) -> String {
            let object: [String: Any] = ["id": "a", "url": "https://example.vn/a", "title": title, "paragraphs": paragraphs]
            return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        let original = line("Nông thôn mới", ["Chương trình nông thôn mới ở huyện."])
        tmp.write("one.jsonl", original + "\n")
        tmp.write("two.jsonl", line("Tin khác", ["Một, hai ba.", "Bốn"]) + "\n" + original + "\n")
        _ = try index([tmp.path("one.jsonl")], db: db)
        let (summary, _) = try index([tmp.path("two.jsonl")], db: db)
        #expect(summary.updated == 2)
        #expect(try IndexCheck.run(path: db).isEmpty)
        let lengths = try PassageLengths.load(IndexStore.openForReading(db))
        // The article now sits at passages 6–7 (1–2 first, then 3–5 for the other version).
        #expect(Array(lengths[6...7]) == [3, 7])
        #expect(lengths.filter { $0 > 0 }.count == 2, "the replaced passages' lengths are cleared")
    }

    @Test func reindexingIsIdempotent() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        let (first, _) = try index([Paths.seeds.path], db: db)
        let (second, _) = try index([Paths.seeds.path], db: db)
        #expect(first.added == 1 && first.paragraphsAdded > 5)
        #expect(second.added == 0 && second.updated == 0 && second.unchanged == 1)
        let database = try IndexStore.openForReading(db)
        #expect(try database.scalar("SELECT count(*) FROM paragraphs") == Int64(first.paragraphsAdded))
        try database.execute("INSERT INTO passages(passages) VALUES ('integrity-check')")
    }

    @Test func changedFileIsReplacedAndPruneRemovesGoneFiles() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        tmp.write("in/a.txt", "Bài A\n\nCà phê Buôn Ma Thuột.\n\nHồ tiêu Gia Lai.\n")
        tmp.write("in/b.txt", "Bài B\n\nLúa gạo Cần Thơ.\n")
        _ = try index([tmp.path("in")], db: db)
        #expect(try matchCount(db, "ca AND phe") == 1)
        tmp.write("in/a.txt", "Bài A\n\nChè Thái Nguyên.\n")
        let (changed, _) = try index([tmp.path("in")], db: db)
        #expect(changed.updated == 1 && changed.unchanged == 1)
        #expect(try matchCount(db, "ca AND phe") == 0, "old paragraphs are gone")
        #expect(try matchCount(db, "che AND thai") == 1)
        try FileManager.default.removeItem(atPath: tmp.path("in/b.txt"))
        let (pruned, _) = try index([tmp.path("in")], db: db, prune: true)
        #expect(pruned.removed == 1)
        #expect(try matchCount(db, "lua AND gao") == 0)
        let database = try IndexStore.openForReading(db)
        #expect(try database.scalar("SELECT count(*) FROM articles") == 1)
        #expect(try database.scalar("SELECT count(*) FROM paragraphs") == 1)
        // The full-text index agrees with the stored text after replacing and pruning.
        try database.execute("INSERT INTO passages(passages) VALUES ('integrity-check')")
        try database.execute("INSERT INTO exact(exact) VALUES ('integrity-check')")
    }

    @Test func badInputsWarnAndGoodOnesAreIndexed() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        let bad = Paths.fixtures.appendingPathComponent("bad").path
        let (summary, warnings) = try index([bad, tmp.path("missing-folder")], db: db)
        let text = warnings.map(\.description)
        #expect(text.contains { $0.hasSuffix("binary.txt:3: binary file: NUL byte") }, "\(text)")
        #expect(text.contains { $0.contains("invalid-utf8.txt:5: invalid UTF-8") }, "\(text)")
        #expect(text.contains { $0.contains("empty.txt: empty file") }, "\(text)")
        #expect(text.contains { $0.contains("mixed.jsonl:2: malformed JSON") }, "\(text)")
        #expect(text.contains { $0.contains("mixed.jsonl:3: field \"paragraphs\" must be an array of strings") }, "\(text)")
        #expect(text.contains { $0.contains("missing-folder: no such file or folder") }, "\(text)")
        #expect(summary.skipped == 6)
        #expect(summary.added == 2, "the two good JSON lines are indexed")
        #expect(try matchCount(db, "bach AND mai") == 1)
        #expect(try matchCount(db, "bach AND khoa") == 1)
    }

    @Test func otherTokenizerVersionNeedsRebuild() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("i.sqlite")
        _ = try index([Paths.seeds.path], db: db)
        try Database(path: db).execute("UPDATE meta SET value = '0' WHERE key = 'tokenizer'")
        #expect(throws: IndexError.tokenizerMismatch(path: db, found: 0, current: VietnameseTokenizer.version)) { try IndexStore.openForReading(db) }
        #expect(IndexError.tokenizerMismatch(path: db, found: 0, current: VietnameseTokenizer.version).localizedDescription.contains("--rebuild"))
        // --rebuild starts afresh and works.
        let summary = try Indexer(path: db, rebuild: true).run(paths: [Paths.seeds.path])
        #expect(summary.added == 1)
    }

    @Test func badEnvironmentGivesOneClearError() throws {
        let tmp = TemporaryFolder()
        tmp.write("not-sqlite.sqlite", "hello, this is not a database at all, just some text to fill a page")
        #expect(throws: IndexError.notAnIndex(path: tmp.path("not-sqlite.sqlite"))) {
            try IndexStore.openForReading(tmp.path("not-sqlite.sqlite"))
        }
        #expect(throws: IndexError.noIndex(path: tmp.path("none.sqlite"))) { try Searcher(path: tmp.path("none.sqlite")) }
        let db = tmp.path("newer.sqlite")
        _ = try index([Paths.seeds.path], db: db)
        try Database(path: db).execute("PRAGMA user_version = 99")
        #expect(throws: IndexError.newerSchema(path: db, found: 99, known: Schema.version)) { try IndexStore.openForReading(db) }
    }
}

@Suite struct MigrationTests {
    /// A version-1 index (FTS5 docsize table, one lengths blob) is upgraded in place by the next
    /// writer: passages re-indexed without docsize, lengths counted, searches and checks pass.
    @Test func version1IndexIsUpgradedByTheNextIndexRun() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("v1.sqlite")
        let paragraphs = ["Chương trình nông thôn mới ở huyện.", "Người dân, bán rau."]
        do {
            let d = try Database(path: db)
            try d.transaction {
                try d.execute(Schema.migrations[0])
                try d.execute("PRAGMA user_version = 1")
                try d.execute("INSERT INTO meta VALUES ('tokenizer', '\(VietnameseTokenizer.version)')")
                let article = Article(key: "a", title: "Nông thôn mới", paragraphs: paragraphs, source: "a.txt", origin: "a.txt")
                try d.prepare("INSERT INTO articles VALUES (1, 'a', ?, 'a.txt', NULL, NULL, NULL, NULL, 'a.txt', ?, 1, 2, 't')")
                    .run(.text(article.title), .text(article.contentHash))
                for (i, text) in paragraphs.enumerated() {
                    try d.prepare("INSERT INTO paragraphs VALUES (?, 1, ?, ?)").run(.int(Int64(i + 2)), .int(Int64(i + 1)), .text(text))
                }
                try d.execute("INSERT INTO passages(passages) VALUES ('rebuild'); INSERT INTO exact(rowid, body) SELECT rid, coalesce(body, title) FROM passage_source")
            }
            #expect(try d.scalar("SELECT count(*) FROM passages_docsize") == 3)
        }
        #expect(throws: IndexError.olderSchema(path: db, found: 1, known: Schema.version)) { try Searcher(path: db) }
        var notes: [String] = []
        _ = try Indexer(path: db, notes: { notes.append($0) })
        #expect(notes.count == 1 && notes[0].contains("upgrading"), "a slow upgrade says so: \(notes)")
        let upgraded = try IndexStore.openForReading(db)
        #expect(try upgraded.scalar("PRAGMA user_version") == Int64(Schema.version))
        #expect(try upgraded.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'passages_docsize'") == 0)
        #expect(try upgraded.scalar("SELECT v FROM passages_config WHERE k = 'automerge'") == 16)
        #expect(try upgraded.scalar("SELECT v FROM exact_config WHERE k = 'automerge'") == 16)
        // Title 3 tokens; 7 words; 4 words and one boundary token after the comma.
        #expect(Array(try PassageLengths.load(upgraded).prefix(4)) == [0, 3, 7, 5])
        #expect(try IndexCheck.run(path: db).isEmpty)
        let response = try Searcher(path: db).search("nong thon moi")
        #expect(response.total == 2)
        #expect(response.results.first?.paragraph == 0, "the title, with all three words in a short passage, comes first")
    }
}
