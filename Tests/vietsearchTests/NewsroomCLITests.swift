import Foundation
import TestSupport
import Testing
import VietnameseText

/// Issue #14: strict options, the outlet everywhere, safe CSV.
@Suite struct NewsroomCLITests {
    /// Articles with an outlet, and paragraphs a spreadsheet would run as formulas.
    func corpus() throws -> TemporaryFolder {
        try CLI.indexed([
            #"{"id": "n1", "title": "Giá vàng tăng", "source": "NLD", "paragraphs": ["=1+1 giá vàng", "-giá vàng giảm", "+giá vàng", "@SUM(A1) giá vàng", "\tgiá vàng có tab"]}"#,
            #"{"id": "n2", "title": "Nông thôn", "source": "VNE", "paragraphs": ["Xây dựng nông thôn mới và nâng cao đời sống.", "Nông thôn mới ở huyện, giá cao.", "Chương trình nông thôn mới."]}"#,
        ])
    }

    @Test(arguments: [
        (["search", "--colour", "never", "H5N1"], "--colour", "--color"),
        (["export", "H5N1", "--limt", "5"], "--limt", "--limit"),
        (["suggest", "--jsn", "ban"], "--jsn", "--json"),
        (["index", "--prun"], "--prun", "--prune"),
    ])
    func unknownOptionsAreErrorsWithTheNearestOption(_ arguments: [String], _ typed: String, _ nearest: String) throws {
        let tmp = try corpus()
        let r = try CLI.run(arguments + ["--db", tmp.path("x.sqlite")])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("unknown option \(typed)") && r.stderr.contains("did you mean \(nearest)?"), "\(r.stderr)")
    }

    @Test func badValuesAreOneLineExit2() throws {
        let tmp = try corpus()
        for arguments in [["search", "--limit", "-1", "ban"], ["export", "ban", "--context", "-2"], ["search", "--format", "xml", "ban"]] {
            let r = try CLI.run(arguments + ["--db", tmp.path("x.sqlite")])
            #expect(r.status == 2, "\(arguments)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
        let negative = try CLI.run(["search", "--limit", "-1", "ban", "--db", tmp.path("x.sqlite")])
        #expect(negative.stderr.contains("must not be negative"), "\(negative.stderr)")
    }

    @Test func excludedWordsStillWorkAndTheHelpExampleIsRightInBash() throws {
        let tmp = try corpus()
        let db = tmp.path("x.sqlite")
        // The help's example, as bash passes it: the excluded phrase quoted whole.
        let right = try CLI.run(["search", "\"nông thôn mới\"", "-\"nâng cao\"", "--strict", "--format", "json", "--db", db])
        #expect(right.status == 0, "\(right.stderr)")
        let texts = (right.json["results"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(Set(texts) == ["Nông thôn mới ở huyện, giá cao.", "Chương trình nông thôn mới."])
        // What bash makes of -"nâng cao" unquoted: -nâng cao, which excludes nâng and requires cao.
        let wrong = try CLI.run(["search", "\"nông thôn mới\"", "-nâng", "cao", "--strict", "--format", "json", "--db", db])
        #expect(wrong.json["total"] as? Int == 1)
        let help = try CLI.run(["search", "--help"])
        #expect(help.stdout.contains(#"'-"nâng cao"'"#))
        // A word that starts with -- is a query word after --.
        let after = try CLI.run(["search", "--db", db, "--", "giá", "-vàng"])
        #expect(after.status == 0, "\(after.stderr)")
    }

    @Test func exportTakesTelexAndCountsInEnglish() throws {
        let tmp = try corpus()
        let r = try CLI.run(["export", "--telex", "nooong", "thoon", "--db", tmp.path("x.sqlite"), "--limit", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("exported 1 passage from 1 article"), "\(r.stderr)")
        #expect(r.stdout.contains("Nông thôn") || r.stdout.contains("nông thôn"))
    }

    @Test func versionNamesTheTokenizerAndSchema() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("tokenizer \(VietnameseTokenizer.version)"), "\(r.stdout)")
        #expect(r.stdout.contains("index schema "))
    }

    @Test func theOutletIsShownEverywhere() throws {
        let tmp = try corpus()
        let db = tmp.path("x.sqlite")
        let text = try CLI.run(["search", "nông thôn", "--db", db, "--color", "never"])
        #expect(text.stdout.contains("VNE · "), "\(text.stdout)")
        let json = try CLI.run(["search", "nông thôn", "--db", db, "--format", "json"])
        let first = (json.json["results"] as? [[String: Any]])?.first?["article"] as? [String: Any]
        #expect(first?["outlet"] as? String == "VNE")
        for format in ["jsonl", "csv", "markdown", "html"] {
            let r = try CLI.run(["export", "nông thôn", "--db", db, "--format", format])
            #expect(r.status == 0)
            #expect(r.stdout.contains("VNE"), "\(format)")
        }
        let markdown = try CLI.run(["export", "giá vàng", "--db", db, "--format", "markdown"])
        #expect(markdown.stdout.contains("> *title* **Giá vàng**"), "place labels are not bold like matches: \(markdown.stdout)")
    }

    /// Cells starting with = + - @ tab or CR get a leading ' (OWASP), and Python's csv reads the file back.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs /usr/bin/python3"))
    func csvCellsCannotBeFormulas() throws {
        let tmp = try corpus()
        let out = tmp.path("out.csv")
        let r = try CLI.run(["export", "giá vàng", "--db", tmp.path("x.sqlite"), "--format", "csv", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
                rows = list(csv.reader(f))
            print(json.dumps(rows))
            """
        tmp.write("read.py", script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [tmp.path("read.py"), out]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let rows = try JSONSerialization.jsonObject(with: data) as! [[String]]
        let header = rows[0]
        #expect(rows.dropFirst().allSatisfy { $0.count == header.count })
        let text = header.firstIndex(of: "text")!
        let cells = Set(rows.dropFirst().map { $0[text] })
        #expect(cells.isSuperset(of: ["'=1+1 giá vàng", "'-giá vàng giảm", "'+giá vàng", "'@SUM(A1) giá vàng"]), "\(cells)")
        for row in rows.dropFirst() {
            for cell in row { #expect(!"=+-@\t\r".contains(cell.first ?? "x"), "\(cell)") }
        }
    }
}
