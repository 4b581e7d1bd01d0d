import Foundation
import TestSupport
import Testing
@testable import ArticleIndex

/// Words glued in the source text are found by their parts; names in camel case by their words.
@Suite struct GluedWordsSearchTests {
    let tmp = TemporaryFolder()
    let searcher: Searcher

    init() throws {
        let lines = [
            "Mọi thắc mắc xin gửi về tamsu@vnexpress.netSent: 12/5.",
            "Kiểm định chất lượng hoáTiêu chuẩn ngành.",
            "Bài viết gửi vớiVnExpress hôm qua.",
            "Điện thoại iPhone mới ra mắt.",
            "Hóa đơn tiêu dùng tăng.",
        ]
        searcher = try Self.searcher(lines, in: tmp)
    }

    /// A searcher on an index of one article per line: title `Bài n`, the line its paragraph.
    static func searcher(_ lines: [String], in tmp: TemporaryFolder) throws -> Searcher {
        for (n, line) in lines.enumerated() { tmp.write("c/a\(n).txt", "Bài \(n)\n\n\(line)\n") }
        let db = tmp.path("lines.sqlite")
        _ = try ArticleIndexTests.index([tmp.path("c")], db: db)
        return try Searcher(path: db)
    }

    func found(_ query: String, strict: Bool = false) throws -> [String] {
        try searcher.search(query, options: SearchOptions(limit: 100, strict: strict)).results
            .filter { $0.paragraph > 0 }.map(\.text).sorted()
    }

    func marked(_ query: String) throws -> [String] {
        try searcher.search(query, options: SearchOptions(limit: 100)).results.filter { $0.paragraph > 0 }.flatMap { r in
            r.highlights.map { String(decoding: Array(r.text.utf8)[$0], as: UTF8.self) }
        }
    }

    @Test func anAddressGluedToTheNextWordIsFound() throws {
        #expect(try found("tamsu@vnexpress.net") == ["Mọi thắc mắc xin gửi về tamsu@vnexpress.netSent: 12/5."])
        #expect(try marked("tamsu@vnexpress.net") == ["tamsu@vnexpress.net"], "the highlight stops where the address does")
    }

    @Test func aHeadingGluedToTheLastWordIsFound() throws {
        #expect(try found("\"tiêu chuẩn\"") == ["Kiểm định chất lượng hoáTiêu chuẩn ngành."])
        #expect(try marked("\"tiêu chuẩn\"") == ["Tiêu", "chuẩn"], "the part alone, not hoá")
        #expect(try found("\"chất lượng hoá\"") == ["Kiểm định chất lượng hoáTiêu chuẩn ngành."])
        #expect(try found("Tiêu", strict: true).contains("Kiểm định chất lượng hoáTiêu chuẩn ngành."), "as typed, from the exact table")
        // The parts share the word's position: they are not a phrase of their own.
        #expect(try found("\"hoá tiêu\"").isEmpty)
    }

    @Test func camelNamesByTheirWordsAndWhole() throws {
        for q in ["VnExpress", "vnexpress"] {
            #expect(try found(q) == ["Bài viết gửi vớiVnExpress hôm qua.", "Mọi thắc mắc xin gửi về tamsu@vnexpress.netSent: 12/5."].sorted(), "\(q)")
        }
        #expect(try marked("vnexpress").sorted() == ["VnExpress", "vnexpress"])
        #expect(try found("iphone") == ["Điện thoại iPhone mới ra mắt."])
        #expect(try found("phone") == ["Điện thoại iPhone mới ra mắt."])
    }
}

/// A percentage is found as written, `10%` or `10 %`, and not as every `10`.
@Suite struct PercentSearchTests {
    let tmp = TemporaryFolder()
    let searcher: Searcher

    init() throws {
        let lines = [
            "Giá vé tàu tăng 10% từ ngày mai.",
            "Lãi suất giảm 10 % trong quý.",
            "Khai mạc ngày 10/10 tại Hà Nội.",
            "Có 10 đội bóng tham dự, tăng 5%.",
        ]
        searcher = try GluedWordsSearchTests.searcher(lines, in: tmp)
    }

    @Test func aPercentageIsFoundAsWritten() throws {
        let response = try searcher.search("10%", options: SearchOptions(limit: 100))
        #expect(response.results.map(\.text).sorted() == ["Giá vé tàu tăng 10% từ ngày mai.", "Lãi suất giảm 10 % trong quý."].sorted())
        #expect(response.total == 2)
        let marks = response.results.flatMap { r in r.highlights.map { String(decoding: Array(r.text.utf8)[$0], as: UTF8.self) } }
        #expect(marks.sorted() == ["%", "10", "10%"].sorted(), "an attached sign is marked with its number")
    }

    @Test func theNumberAloneStillFindsEveryTen() throws {
        #expect(try searcher.search("10", options: SearchOptions(limit: 100)).total == 4)
        #expect(try searcher.search("tăng %", options: SearchOptions(limit: 100)).total == 2)
    }
}

/// A name written with either apostrophe is found by either, and marked whole.
@Suite struct ApostropheSearchTests {
    let tmp = TemporaryFolder()
    let searcher: Searcher

    init() throws {
        searcher = try GluedWordsSearchTests.searcher(["Shaquille O'Neal ghi 30 điểm.", "Ông O’Neal đã khỏi bệnh.", "Neal Armstrong lên Mặt Trăng."], in: tmp)
    }

    @Test(arguments: ["O'Neal", "O’Neal"])
    func aNameWithAnApostropheIsMarkedWhole(_ query: String) throws {
        let response = try searcher.search(query, options: SearchOptions(limit: 10))
        let marks = response.results.flatMap { r in r.highlights.map { String(decoding: Array(r.text.utf8)[$0], as: UTF8.self) } }
        #expect(marks.sorted() == ["O'Neal", "O’Neal"], "\(query): \(marks)")
    }
}

/// A name with an initial is found written with or without a space after the `.`.
@Suite struct InitialSearchTests {
    let tmp = TemporaryFolder()
    let searcher: Searcher

    init() throws {
        searcher = try GluedWordsSearchTests.searcher(["Tiền đạo C. Ronaldo ghi bàn.", "C.Ronaldo bị thẻ vàng.",
                                                       "Ronaldo và C đứng xa nhau.", "Ronaldo, C. thì không."], in: tmp)
    }

    @Test(arguments: ["C.Ronaldo", "\"C. Ronaldo\"", "\"c ronaldo\""])
    func bothSpellingsAreThePhrase(_ query: String) throws {
        let response = try searcher.search(query, options: SearchOptions(limit: 10))
        #expect(response.results.map(\.text).sorted() == ["C.Ronaldo bị thẻ vàng.", "Tiền đạo C. Ronaldo ghi bàn."],
                "\(query): \(response.results.map(\.text))")
    }
}

/// `C++` and `C#` are found as written, not as every `c` (`vitamin C`, `30 độ C`).
@Suite struct LanguageNameSearchTests {
    static let lines = ["Khóa học lập trình C++ và C# cho sinh viên.", "Công cụ Notepad++ miễn phí.",
                        "Uống vitamin C mỗi ngày.", "Nhiệt độ lên tới 30 độ C."]
    let tmp = TemporaryFolder()
    var searcher: Searcher { get throws { try GluedWordsSearchTests.searcher(Self.lines, in: tmp) } }

    @Test func aLanguageIsFoundAsWritten() throws {
        let searcher = try searcher
        for query in ["C++", "c++", "\"lập trình C++\"", "C#"] {
            let results = try searcher.search(query, options: SearchOptions(limit: 100)).results
            #expect(results.map(\.text) == [Self.lines[0]], "\(query)")
            // Marked with its signs (a phrase's words each marked).
            let marks = results.flatMap { r in r.highlights.map { String(decoding: Array(r.text.utf8)[$0], as: UTF8.self) } }
            #expect(marks.last == (query == "C#" ? "C#" : "C++") && !marks.contains("C"), "\(query): \(marks)")
        }
        #expect(try searcher.search("notepad++").total == 1)
        #expect(try searcher.search("C", options: SearchOptions(limit: 100)).results.map(\.text).sorted()
            == [Self.lines[2], Self.lines[3]].sorted(), "the letter alone is not a language")
    }
}

/// A quoted phrase with sentence punctuation in it finds the text with punctuation there (the
/// index's break: a comma, a full stop, a semicolon), not the words run together or joined by a
/// dash; without it, as before, only the words together. Typed with marks, the words must be as
/// typed at the phrase's place.
@Suite struct PunctuatedPhraseSearchTests {
    static let lines = ["Hà Nội, Đà Nẵng và Huế đều mưa.", "Trận Hà Nội – Đà Nẵng hoà 1-1.", "Đi Hà Nội. Đà Nẵng thì để sau.",
                        "Anh ấy nói, đà này thì thắng.", "Ở Hà Nội; Đà Nẵng; Cần Thơ.", "Hà nói, Đà Nẵng đẹp."]
    let tmp = TemporaryFolder()
    var searcher: Searcher { get throws { try GluedWordsSearchTests.searcher(Self.lines, in: tmp) } }

    func found(_ query: String, strict: Bool = false) throws -> [String] {
        try searcher.search(query, options: SearchOptions(limit: 100, strict: strict)).results
            .filter { $0.paragraph > 0 }.map(\.text).sorted()
    }

    @Test func aPhrasesPunctuationMatchesABreakThere() throws {
        let broken = [Self.lines[0], Self.lines[2], Self.lines[4]].sorted()
        #expect(try found("\"Hà Nội, Đà Nẵng\"", strict: true) == broken)
        #expect(try found("\"ha noi, da nang\"") == (broken + [Self.lines[5]]).sorted(), "any tone: also `Hà nói, Đà Nẵng`")
        let response = try searcher.search("\"Hà Nội, Đà Nẵng\"", options: SearchOptions(limit: 100))
        #expect(response.exactTotal == 3 && response.anyToneTotal == 4, "as typed at the phrase's place: \(response.exactTotal ?? -1)")
        #expect(response.results.prefix(3).map(\.text).sorted() == broken, "those as typed first")
        #expect(try found("\"Hà Nội Đà Nẵng\"") == [Self.lines[1]], "without punctuation: the words together only")
    }

    @Test func itsWordsAreMarkedWhereTheBreakIs() throws {
        let response = try searcher.search("\"Hà Nội, Đà Nẵng\"", options: SearchOptions(limit: 100, strict: true))
        for r in response.results {
            let marks = r.highlights.map { String(decoding: Array(r.text.utf8)[$0], as: UTF8.self) }
            #expect(marks == ["Hà", "Nội", "Đà", "Nẵng"], "\(r.text): \(marks)")
        }
    }
}
