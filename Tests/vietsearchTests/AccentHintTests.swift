import Foundation
import TestSupport
import Testing

/// Issue #13, points 4 and 6 (in part): highlights follow the accents typed; the hint's command keeps the options.
@Suite struct AccentHintTests {
    func corpus() throws -> TemporaryFolder {
        let tmp = TemporaryFolder()
        tmp.write("in/a.txt", "Chợ\n\nNgười bán hàng không bán đồ bẩn.\n\nBàn ghế và ban công.\n")
        tmp.write("in/b.txt", "Nông thôn\n\nXây dựng nông thôn mới.\n\nNông thôn đổi mới.\n")
        tmp.write("in/c.txt", "Thủ đô\n\nHà Nội hạ giá vé, Hà Nam thì không.\n\nĐà Nẵng mê bóng đá, có người bỏng nắng.\n")
        #expect(try CLI.run(["index", tmp.path("in"), "--db", tmp.path("x.sqlite"), "-q"]).status == 0)
        return tmp
    }

    func marked(_ tmp: TemporaryFolder, _ query: String) throws -> [String: [String]] {
        let r = try CLI.run(["search", query, "--db", tmp.path("x.sqlite"), "--format", "json", "--limit", "20"])
        var out: [String: [String]] = [:]
        for result in r.json["results"] as? [[String: Any]] ?? [] {
            let text = result["text"] as! String
            let scalars = Array(text.unicodeScalars)
            out[text] = (result["highlights"] as! [[Int]]).map { String(String.UnicodeScalarView(scalars[$0[0]..<$0[1]])) }
        }
        return out
    }

    @Test func anAccentedWordMarksOnlyItsExactFormWhereThePassageHoldsIt() throws {
        let tmp = try corpus()
        let bán = try marked(tmp, "bán")
        #expect(bán["Người bán hàng không bán đồ bẩn."] == ["bán", "bán"], "not bẩn: \(bán)")
        #expect(bán["Bàn ghế và ban công."] == ["Bàn", "ban"], "matched only after folding: the folded matches")
        // The examples: `Hà Nội` does not mark `hạ`; `bóng đá` marks neither `Đà` nor `bỏng`.
        #expect(try marked(tmp, "Hà Nội")["Hà Nội hạ giá vé, Hà Nam thì không."] == ["Hà", "Nội", "Hà"])
        #expect(try marked(tmp, "bóng đá")["Đà Nẵng mê bóng đá, có người bỏng nắng."] == ["bóng", "đá"])
        #expect(try marked(tmp, "ha noi")["Hà Nội hạ giá vé, Hà Nam thì không."] == ["Hà", "Nội", "hạ", "Hà"], "unaccented: every tone")
        let ban = try marked(tmp, "ban")
        #expect(ban["Người bán hàng không bán đồ bẩn."] == ["bán", "bán", "bẩn"], "an unaccented word marks every form")
    }

    @Test func theHintsCommandKeepsTheOptionsAndRuns() throws {
        let tmp = try corpus()
        let db = tmp.path("x.sqlite")
        let elsewhere = TemporaryFolder()
        let r = try CLI.run(["search", "nong", "thon", "--db", db, "--limit", "3", "--color", "never"], in: elsewhere.url)
        let hint = r.stdout.split(separator: "\n").first { $0.hasPrefix("hint:") }.map(String.init) ?? ""
        #expect(hint.contains("vietsearch search --strict --db \(db) --limit 3 --color never -- nông thôn"), "\(r.stdout)")
        // The suggested command, run as given from the other folder: it searches the same index.
        let command = hint.components(separatedBy: "exact matches only: vietsearch ").last!.split(separator: " ").map(String.init)
        let again = try CLI.run(command, in: elsewhere.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("3 matches for nông thôn"), "\(again.stdout)")
        #expect(!FileManager.default.fileExists(atPath: elsewhere.path("index")), "no stray index built from seeds/")
    }
}

/// Issue #13, point 1: a query typed with marks means every syllable as typed.
@Suite struct TakenAsTypedTests {
    @Test func levelTonesAreTonesToo() throws {
        let tmp = TemporaryFolder()
        tmp.write("in/a.txt", "Tỉnh\n\nĐánh thức Sơn La.\n")
        tmp.write("in/b.txt", "Bạn gái\n\nTâm lý bạn gái của Sơn là bình thường.\n")
        tmp.write("in/c.txt", "Tỉnh khác\n\nCao Bằng và Gia Lai.\n")
        tmp.write("in/d.txt", "Lương\n\nKhông cào bằng, giá lại tăng.\n")
        let db = tmp.path("x.sqlite")
        #expect(try CLI.run(["index", tmp.path("in"), "--db", db, "-q"]).status == 0)
        func texts(_ arguments: [String]) throws -> Set<String> {
            let r = try CLI.run(["search", "--db", db, "--format", "json"] + arguments)
            return Set((r.json["results"] as? [[String: Any]] ?? []).map { $0["text"] as! String })
        }
        #expect(try texts(["--strict", "\"Sơn La\""]) == ["Đánh thức Sơn La."])
        #expect(try texts(["--strict", "\"Cao Bằng\""]) == ["Cao Bằng và Gia Lai."])
        #expect(try texts(["--strict", "Gia Lai"]) == ["Cao Bằng và Gia Lai."])
        // Without --strict every tone still matches, and the reading typed comes first.
        let r = try CLI.run(["search", "--db", db, "--format", "json", "\"Sơn La\""])
        let all = (r.json["results"] as? [[String: Any]] ?? []).map { $0["text"] as! String }
        #expect(all == ["Đánh thức Sơn La.", "Tâm lý bạn gái của Sơn là bình thường."])
        // Typed without any mark, a query means every tone, unless --strict asks for it as typed.
        #expect(try texts(["\"son la\""]).count == 2)
        #expect(try texts(["--strict", "\"son la\""]).isEmpty)
        // suggest counts the level-tone reading too.
        let suggest = try CLI.run(["suggest", "gia", "lai", "--db", db, "--json"]).json
        let readings = (suggest["suggestions"] as? [[String: Any]] ?? []).map { $0["text"] as! String }
        #expect(Set(readings) == ["gia lai", "giá lại"], "\(readings)")
        let one = try CLI.run(["suggest", "la", "--db", db, "--json"]).json
        #expect(Set((one["suggestions"] as? [[String: Any]] ?? []).map { $0["text"] as! String }) == ["la", "là"])
        // The exact table has no positions: a passage with `Sơn là` and a `la` elsewhere is checked
        // at the phrase's place, and is not `Sơn La`; one that also holds `Sơn La` is.
        tmp.write("in/e.txt", "La hét\n\nTâm lý của Sơn là bình thường, tiếng la hét.\n")
        tmp.write("in/f.txt", "Người\n\nSơn là người Sơn La.\n")
        #expect(try CLI.run(["index", tmp.path("in"), "--db", db, "-q"]).status == 0)
        #expect(try texts(["--strict", "\"Sơn La\""]) == ["Đánh thức Sơn La.", "Sơn là người Sơn La."])
        let counted = try CLI.run(["search", "--db", db, "--color", "never", "\"Sơn La\""]).stdout
        #expect(counted.hasPrefix("2 matches for \"Sơn La\" (4 with any tone)"), "\(counted)")
        #expect(try CLI.run(["export", "--db", db, "\"Sơn La\""]).stdout.split(separator: "\n").count == 2)
    }
}
