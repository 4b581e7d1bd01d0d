import Foundation
import TestSupport
import Testing
@testable import ArticleIndex
import VietnameseText

/// The issue's examples on a small fixture: found as typed, quoted or not, and by their parts.
final class WrittenFormsCorpus {
    /// Built once; each test opens its own `Searcher` (a connection is not shared across threads).
    private final class Index: @unchecked Sendable {
        let tmp = TemporaryFolder()
        let db: String
        init(_ build: (TemporaryFolder) throws -> String) rethrows { db = try build(tmp) }
    }
    private static let index = Result { try Index(WrittenFormsCorpus.build) }
    let db: String
    let searcher: Searcher

    init() throws {
        db = try Self.index.get().db
        searcher = try Searcher(path: db)
    }

    private static func build(_ tmp: TemporaryFolder) throws -> String {
        let lines = [
            "Công ty Điện lực TP.HCM cắt điện.", "Người dân TPHCM đi bầu.", "Chợ Bến Thành, TP HCM.",
            "Nhà hát ở Q.1 mở cửa.", "Đội U.23 thắng.", "Đội U23 thua.", "Đội U-23 hòa.", "Đội U 23 nghỉ.",
            "PGS.TS Nguyễn Văn A phát biểu.", "Xem vnexpress.net mỗi ngày.", "Thư gửi tamsu@vnexpress.net nhé.",
            "Trang http://forum.example.edu.vn/x có tin.", "Dự án PMU18 bị điều tra.", "Vụ PMU 18 kết thúc.",
            "Đường dài 257km.", "Xe chạy 30km/h trong phố.", "Dịch H5N1 và HIV/AIDS, COVID-19, VN-Index.",
            "Thu 5 tỉ đồng.", "Chi 7 tỷ đồng.", "Giá vàng quí I.", "Quý II tăng.", "Ngành mĩ thuật.", "Trường mỹ thuật.",
            "Lý do rõ.", "Lí do khác.", "Họ hi sinh.", "Anh hy sinh.", "Kĩ thuật mới.", "Kỹ thuật cũ.",
            "Cô Thúy đến.", "Con thú chạy.", "Ông Huy về.", "Nghề nông. Thôn xóm vui.", "Sản xuất nông, thôn nghèo.",
            "Có 2.100 người dự.",
        ]
        for (n, line) in lines.enumerated() { tmp.write("c/a\(String(format: "%02d", n)).txt", "Bài \(n)\n\n\(line)\n") }
        let db = tmp.path("w.sqlite")
        _ = try ArticleIndexTests.index([tmp.path("c")], db: db)
        return db
    }

    /// The paragraphs found for `query`, as their text.
    func found(_ query: String, strict: Bool = false) throws -> Set<String> {
        Set(try searcher.search(query, options: SearchOptions(limit: 1000, strict: strict)).results
            .filter { $0.paragraph > 0 }.map(\.text))
    }

    /// The highlighted slices of the paragraphs found.
    func marked(_ query: String) throws -> [String] {
        try searcher.search(query, options: SearchOptions(limit: 1000)).results.filter { $0.paragraph > 0 }.flatMap { r in
            r.highlights.map { String(decoding: Array(r.text.utf8)[$0], as: UTF8.self) }
        }
    }
}

@Suite struct WrittenFormsSearchTests {
    let c: WrittenFormsCorpus
    init() throws { c = try WrittenFormsCorpus() }

    @Test(arguments: ["TP.HCM", "\"TP.HCM\"", "TPHCM", "TP HCM", "\"TP HCM\"", "tphcm", "tp.hcm"])
    func citySpellingsFindEachOther(_ query: String) throws {
        #expect(try c.found(query) == ["Công ty Điện lực TP.HCM cắt điện.", "Người dân TPHCM đi bầu.", "Chợ Bến Thành, TP HCM."])
    }

    @Test func foundAsTypedQuotedOrNotAndByParts() throws {
        for q in ["Điện lực TP.HCM", "\"Điện lực TP.HCM\"", "\"điện lực tphcm\"", "Điện lực HCM"] {
            #expect(try c.found(q) == ["Công ty Điện lực TP.HCM cắt điện."], "\(q)")
        }
        #expect(try c.found("Q.1") == ["Nhà hát ở Q.1 mở cửa."])
        #expect(try c.found("\"PGS.TS\"") == ["PGS.TS Nguyễn Văn A phát biểu."])
        #expect(try c.found("PGS") == ["PGS.TS Nguyễn Văn A phát biểu."])
        #expect(try c.found("vnexpress.net") == ["Xem vnexpress.net mỗi ngày.", "Thư gửi tamsu@vnexpress.net nhé."])
        #expect(try c.found("tamsu@vnexpress.net") == ["Thư gửi tamsu@vnexpress.net nhé."])
        #expect(try c.found("tamsu") == ["Thư gửi tamsu@vnexpress.net nhé."])
        #expect(try c.found("http://forum.example.edu.vn/x") == ["Trang http://forum.example.edu.vn/x có tin."])
        #expect(try c.found("\"forum.example.edu.vn\"") == ["Trang http://forum.example.edu.vn/x có tin."])
        #expect(try c.found("\"nông thôn\"").isEmpty, "nông. Thôn and nông, thôn stay apart")
    }

    @Test(arguments: ["U23", "U.23", "U-23", "U 23", "\"U 23\"", "u23"])
    func codesFindEachOther(_ query: String) throws {
        #expect(try c.found(query) == ["Đội U.23 thắng.", "Đội U23 thua.", "Đội U-23 hòa.", "Đội U 23 nghỉ."])
    }

    @Test func moreCodes() throws {
        for q in ["PMU18", "PMU 18", "\"PMU 18\""] {
            #expect(try c.found(q) == ["Dự án PMU18 bị điều tra.", "Vụ PMU 18 kết thúc."], "\(q)")
        }
        #expect(try c.found("257 km") == ["Đường dài 257km."])
        #expect(try c.found("257km") == ["Đường dài 257km."])
        #expect(try c.found("km/h") == ["Xe chạy 30km/h trong phố."])
        for q in ["H5N1", "HIV/AIDS", "COVID-19", "VN-Index", "covid19"] {
            #expect(try c.found(q) == ["Dịch H5N1 và HIV/AIDS, COVID-19, VN-Index."], "\(q)")
        }
    }

    /// Each i/y pair finds both spellings, folded and strict (tone-exact) alike.
    @Test(arguments: [("tỷ đồng", "tỉ đồng"), ("quý", "quí"), ("mỹ thuật", "mĩ thuật"), ("lý do", "lí do"),
                      ("hy sinh", "hi sinh"), ("kỹ thuật", "kĩ thuật")])
    func iyPairsFindBoth(_ y: String, _ i: String) throws {
        for strict in [false, true] {
            let a = try c.found(y, strict: strict), b = try c.found(i, strict: strict)
            #expect(a.count == 2, "\(y) strict: \(strict) → \(a)")
            #expect(a == b)
        }
    }

    @Test func iyStaysApartWhereTheSoundDiffers() throws {
        #expect(try c.found("thúy") == ["Cô Thúy đến."])
        #expect(try c.found("thú", strict: true) == ["Con thú chạy."])
        #expect(try !c.found("thú").contains("Cô Thúy đến."))
        #expect(try c.found("hui").isEmpty)
        #expect(try c.found("huy") == ["Ông Huy về."])
    }

    @Test func highlightsCoverTheWholeWrittenForm() throws {
        #expect(try c.marked("TP.HCM").sorted() == ["HCM", "TP", "TP.HCM", "TPHCM"])
        #expect(try c.marked("TPHCM").sorted() == ["HCM", "TP", "TP.HCM", "TPHCM"])
        #expect(try c.marked("vnexpress.net") == ["vnexpress.net", "vnexpress.net"])
        #expect(try c.marked("tamsu@vnexpress.net") == ["tamsu@vnexpress.net"])
        #expect(try c.marked("U23").sorted() == ["U 23", "U-23", "U.23", "U23"].flatMap { $0 == "U 23" ? ["23", "U"] : [$0] }.sorted())
        #expect(try c.marked("http://forum.example.edu.vn/x") == ["http://forum.example.edu.vn/x"])
        #expect(try c.marked("257 km") == ["257km"])
        #expect(try c.marked("vnexpress") == ["vnexpress", "vnexpress"], "only what matched")
        #expect(try c.marked("2100*") == ["2.100"], "a prefix matches a number's alternate, and is marked")
        #expect(try c.marked("2100") == ["2.100"])
    }

    @Test func storedLengthsEqualFTS5Positions() throws {
        try expectStoredLengthsMatchFTS5(c.db)
    }
}

/// Every passage's stored length (BM25's `|D|`) equals the positions FTS5 recorded for it.
func expectStoredLengthsMatchFTS5(_ path: String) throws {
    let db = try IndexStore.openForReading(path)
    let lengths = try PassageLengths.load(db)
    try db.execute("CREATE VIRTUAL TABLE temp.instances USING fts5vocab(main, passages, instance)")
    let rows = try db.prepare("SELECT doc, max(offset) + 1 FROM temp.instances GROUP BY doc")
    var checked = 0, wrong: [Int64] = []
    while try rows.step() {
        let id = Int(rows.int(0)), positions = Int(rows.int(1))
        if id >= lengths.count || Int(lengths[id]) != positions { wrong.append(rows.int(0)) }
        checked += 1
    }
    #expect(checked > 0)
    #expect(wrong.isEmpty, "passages whose stored length differs from FTS5's positions: \(wrong.prefix(10))")
}

/// The 1,000-article corpus sample beside the checkout (CI has it), indexed once.
final class SampleIndex: @unchecked Sendable {
    static let path = Paths.root.deletingLastPathComponent().appendingPathComponent("shared/corpus/vntc-shared-sample-1000.jsonl.gz").path
    static let isPresent = FileManager.default.fileExists(atPath: path)
    static let shared = Result { try SampleIndex() }

    let tmp = TemporaryFolder()
    let db: String
    /// Every stored passage: article id, paragraph (0 = title, when it is a passage), NFC text.
    let passages: [(id: String, paragraph: Int, text: String)]

    init() throws {
        db = tmp.path("sample.sqlite")
        _ = try index([Self.path], db: db)
        let database = try IndexStore.openForReading(db)
        let rows = try database.prepare("""
            SELECT a.key, p.ordinal, p.text FROM paragraphs p JOIN articles a ON a.id = p.article
            UNION ALL SELECT key, 0, title FROM articles WHERE title_passage
            """)
        var out: [(String, Int, String)] = []
        while try rows.step() { out.append((rows.text(0) ?? "", Int(rows.int(1)), (rows.text(2) ?? "").precomposedStringWithCanonicalMapping)) }
        passages = out
    }

    /// Each passage's words (runs of letters and digits) that `keep` keeps, for passages with at
    /// least `count` of them: what generated queries are made of.
    func words(atLeast count: Int, keeping keep: (String) -> Bool = { _ in true }) -> [[String]] {
        passages.map { p in p.text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init).filter(keep) }
            .filter { $0.count >= count }
    }

    /// The passages in which `pattern` occurs (a plain scan of the stored text).
    func containing(_ pattern: String) throws -> Set<String> {
        let regex = try NSRegularExpression(pattern: pattern)
        return Set(passages.filter { regex.firstMatch(in: $0.text, range: NSRange($0.text.startIndex..., in: $0.text)) != nil }
            .map { "\($0.id)#\($0.paragraph)" })
    }

    /// Every match of `pattern` in the stored text.
    func occurrences(_ pattern: String) throws -> Set<String> {
        let regex = try NSRegularExpression(pattern: pattern)
        var out = Set<String>()
        for p in passages {
            for m in regex.matches(in: p.text, range: NSRange(p.text.startIndex..., in: p.text)) {
                out.insert(String(p.text[Range(m.range, in: p.text)!]))
            }
        }
        return out
    }

    /// The passages found by `query` (on a connection of the calling test's own).
    func found(_ query: String, strict: Bool = false, _ searcher: Searcher) throws -> Set<String> {
        Set(try searcher.search(query, options: SearchOptions(limit: 100_000, strict: strict)).results
            .map { "\($0.article.id)#\($0.paragraph)" })
    }
}

/// For each class of written form, every passage of the corpus sample holding one (by a plain
/// scan) is found by the search typed as written.
@Suite(.enabled(if: SampleIndex.isPresent, "needs ../shared/corpus/vntc-shared-sample-1000.jsonl.gz beside the checkout"))
struct WrittenFormsCorpusSampleTests {
    let s: SampleIndex
    let searcher: Searcher
    init() throws {
        s = try SampleIndex.shared.get()
        searcher = try Searcher(path: s.db)
    }

    private func expectFound(_ pattern: String, _ query: String, strict: Bool = false, atLeast: Int = 1,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let want = try s.containing(pattern), got = try s.found(query, strict: strict, searcher)
        #expect(want.count >= atLeast, "the sample holds \(pattern)", sourceLocation: sourceLocation)
        #expect(want.subtracting(got).isEmpty, "\(query): missed \(want.subtracting(got).sorted().prefix(5))",
                sourceLocation: sourceLocation)
    }

    @Test func dottedAbbreviations() throws {
        try expectFound(#"(?i)\btp[. ]?hcm\b"#, "TP.HCM", atLeast: 300)
        try expectFound(#"(?i)\btp[. ]?hcm\b"#, "TP HCM")
        try expectFound(#"(?i)\btp\.?hcm\b|\bTP HCM\b"#, "TPHCM")
        try expectFound(#"(?i)\bq\.1\b"#, "Q.1")
        try expectFound(#"(?i)\bpgs\.ts\b"#, "PGS.TS")
        for form in try s.occurrences(#"\b[A-Z]{1,5}\.[A-Z]{1,5}\b"#).sorted().prefix(40) {
            try expectFound("\\b" + NSRegularExpression.escapedPattern(for: form) + "\\b", form)
        }
    }

    @Test func domainsAndEmails() throws {
        try expectFound(#"(?i)\bvnexpress\.net\b"#, "vnexpress.net")
        try expectFound(#"(?i)\btamsu@vnexpress\.net\b"#, "tamsu@vnexpress.net")
        let emails = try s.occurrences(#"\b[A-Za-z0-9._-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\b"#)
        #expect(emails.count >= 5)
        for email in emails.sorted().prefix(40) { try expectFound("\\b" + NSRegularExpression.escapedPattern(for: email) + "\\b", email) }
    }

    @Test func urls() throws {
        let urls = try s.occurrences(#"https?://[A-Za-z0-9./_-]*[A-Za-z0-9]"#)
        #expect(!urls.isEmpty)
        for url in urls.sorted().prefix(40) { try expectFound(NSRegularExpression.escapedPattern(for: url) + "\\b", url) }
    }

    @Test func letterDigitCodes() throws {
        try expectFound(#"\bU[-. ]?23\b"#, "U23", atLeast: 40)
        try expectFound(#"\bU[-. ]?23\b"#, "U.23")
        for code in try s.occurrences(#"\b[A-Z]{1,4}[0-9]{1,4}\b"#).sorted().prefix(40) {
            let letters = code.prefix { $0.isLetter }, digits = code.drop { $0.isLetter }
            try expectFound("\\b\(letters)[-. ]?\(digits)\\b", String(code))
        }
        for distance in try s.occurrences(#"\b[0-9]+km\b"#).sorted().prefix(20) {
            // Not the tail of a decimal: `46,6 km` holds the number 46,6, not 6.
            try expectFound("(?<![0-9][.,])\\b\(distance.dropLast(2)) ?km\\b", String(distance))
        }
    }

    @Test(arguments: [("tỷ", "tỉ", "t"), ("quý", "quí", "qu"), ("kỹ", "kĩ", "k"), ("lý", "lí", "l"), ("mỹ", "mĩ", "m")])
    func iyPairs(_ y: String, _ i: String, _ onset: String) throws {
        let pattern = "(?i)\\b\(onset)[\(y.last!)\(i.last!)]\\b"
        try expectFound(pattern, y, strict: true, atLeast: 3)
        try expectFound(pattern, i, strict: true)
    }

    @Test func storedLengthsEqualFTS5Positions() throws {
        try expectStoredLengthsMatchFTS5(s.db)
    }
}

@Suite struct CSVFieldTests {
    /// OWASP: a cell a spreadsheet would evaluate starts with `'` and is quoted; others are as RFC 4180 says.
    @Test func formulaCellsAreNeutralised() {
        #expect(CSVExportWriter.field("=1+1") == "\"'=1+1\"")
        #expect(CSVExportWriter.field("+84 90") == "\"'+84 90\"")
        #expect(CSVExportWriter.field("-giá") == "\"'-giá\"")
        #expect(CSVExportWriter.field("@SUM(A1)") == "\"'@SUM(A1)\"")
        #expect(CSVExportWriter.field("\tx") == "\"'\tx\"")
        #expect(CSVExportWriter.field("\rx") == "\"'\rx\"")
        #expect(CSVExportWriter.field("=\"a\",b") == "\"'=\"\"a\"\",b\"")
        #expect(CSVExportWriter.field("giá - vàng") == "giá - vàng")
        #expect(CSVExportWriter.field("a,b") == "\"a,b\"")
        #expect(CSVExportWriter.field("") == "")
    }
}

@Suite struct ArticleDateTests {
    @Test(arguments: [("2006-03-15", "2006-03-15"), ("2006-3-5", "2006-03-05"), ("2006-03-15T08:30:00+07:00", "2006-03-15"),
                      ("15/03/2006", "2006-03-15"), ("5/3/2006", "2006-03-05"), ("15-03-2006", "2006-03-15"),
                      ("15.03.2006", "2006-03-15"), ("Thứ tư, 15/03/2006, 08:30 GMT+7", "2006-03-15"), ("08:30 15/03/2006", "2006-03-15")])
    func readsNewsDates(_ text: String, _ day: String) {
        #expect(ArticleDate.day(text) == day)
    }

    @Test(arguments: ["hôm qua", "2006", "15/03", "32/01/2006", "15/13/2006", "2006/15/03", "15/03-2006", ""])
    func refusesWhatIsNoDate(_ text: String) {
        #expect(ArticleDate.day(text) == nil)
    }
}
