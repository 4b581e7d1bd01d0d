import Foundation
import TestSupport
import Testing

/// Issue #16: the loadable extension, loaded by real clients: the `sqlite3` shell, Python's
/// `sqlite3` module (/usr/bin/python3, which can load extensions) and Datasette.
enum Extension {
    /// Built beside the `vietsearch` binary by `swift build` (and `swift test`).
    static let library = CLI.binary.deletingLastPathComponent().appendingPathComponent("libVietSearchSQLite.so")
    static var isBuilt: Bool { FileManager.default.fileExists(atPath: library.path) }
    /// The name to `.load`: SQLite adds `.so` and derives the entry point from it.
    static var loadName: String { library.deletingPathExtension().path }
    static let shell = "/usr/bin/sqlite3", python = "/usr/bin/python3"
    static var hasShell: Bool { FileManager.default.isExecutableFile(atPath: shell) }
    static var hasPython: Bool { FileManager.default.isExecutableFile(atPath: python) }
    /// Installed by `.ci/run` into a virtual environment (`python3 -m venv .build/venv`).
    static let datasette = CLI.root.appendingPathComponent(".build/venv/bin/datasette").path
    static var hasDatasette: Bool { FileManager.default.isExecutableFile(atPath: datasette) }
    static let venvPython = CLI.root.appendingPathComponent(".build/venv/bin/python").path

    /// Runs any program, as `CLI.run` runs vietsearch.
    static func run(_ program: String, _ arguments: [String]) throws -> CLI.Output {
        try CLI.run(arguments, program: URL(fileURLWithPath: program))
    }

    /// An index built by the CLI from a few articles that hold the words of `scripts/queries.txt`.
    static func index() throws -> (TemporaryFolder, String) {
        let tmp = TemporaryFolder()
        let paragraphs = [
            "Cả nước xây dựng nông thôn mới; Đảng bộ tỉnh đang chỉ đạo, người dân góp sức.",
            "Thủ tướng Chính phủ chỉ đạo về giáo dục đại học và trường hợp sinh viên xin thôi học.",
            "Giá vàng hôm nay tăng, giá xăng giảm; ngân hàng Nhà nước nói vàng OR bạc không đổi.",
            "Đội tuyển Việt Nam thắng 2 bàn trong trận bóng đá, không phải giải ngoại hạng.",
            "Bệnh viện Bạch Mai ở Hà Nội đón người bị tai nạn giao thông; nguyên nhân là xe máy điện.",
            "World Cup 2005: chứng khoán, hoà bình, khuỷu tay, nghẽn mạch, ngoẹo cổ, quần vợt, 2.100 người.",
            "Nghiên cứu nghiêm túc về đang dạng, dáng đứng và Đảng Cộng sản.",
        ]
        var lines: [String] = []
        for (i, p) in paragraphs.enumerated() {
            let second = paragraphs[(i + 3) % paragraphs.count]
            lines.append(#"{"id": "e\#(i)", "title": "Bài \#(i)", "source": "VNE", "category": "Xã hội", "paragraphs": ["\#(p)", "\#(second)"]}"#)
        }
        tmp.write("in/a.jsonl", lines.joined(separator: "\n") + "\n")
        let db = tmp.path("x.sqlite")
        let r = try CLI.run(["index", tmp.path("in"), "--db", db, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        return (tmp, db)
    }

    static func fileState(_ path: String) -> [String] {
        ["", "-wal", "-shm"].map { suffix in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
            let data = FileManager.default.contents(atPath: path + suffix) ?? Data()
            return "\(suffix) \(attributes?[.modificationDate] ?? "none") \(data.count) \(data.hashValue)"
        }
    }
}

@Suite(.enabled(if: Extension.isBuilt, "libVietSearchSQLite.so is not built beside vietsearch (swift build builds it)"))
struct ExtensionTests {
    @Test(.enabled(if: Extension.hasShell, "needs the sqlite3 shell (apt-get install sqlite3)"))
    func theSqliteShellLoadsItAndSearches() throws {
        let (tmp, db) = try Extension.index()
        defer { withExtendedLifetime(tmp) {} }
        let before = Extension.fileState(db)
        let r = try Extension.run(Extension.shell, [db, ".load \(Extension.loadName)",
            "SELECT count(*) FROM passages WHERE passages MATCH 'dang';",
            "SELECT vfold('Đảng Cộng sản TP.HCM'), vexact('ĐẢNG Cộng sản hoà');",
            "SELECT article_id, paragraph, highlights FROM vsearch('nong thon moi') LIMIT 1;"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let cli = try CLI.run(["search", "dang", "--db", db, "--format", "json"]).json
        #expect(lines.first == "\(cli["total"] as! Int)", "the FTS5 table answers as the CLI counts: \(lines)")
        #expect(lines.dropFirst().first == "dang cong san tp hcm|đảng cộng sản hòa")
        #expect(lines.dropFirst(2).first == "e0|1|[[17,21],[22,26],[27,30]]", "\(lines)")
        #expect(Extension.fileState(db) == before, "loading and searching wrote nothing")
    }

    @Test(.enabled(if: Extension.hasPython, "needs /usr/bin/python3"))
    func pythonGetsTheRowsOfTheCLI() throws {
        let (tmp, db) = try Extension.index()
        defer { withExtendedLifetime(tmp) {} }
        let r = try Extension.run(Extension.python, [CLI.root.appendingPathComponent("scripts/extension-check.py").path,
                                                     Extension.loadName, db, CLI.binary.path,
                                                     CLI.root.appendingPathComponent("scripts/queries.txt").path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("105 queries") && r.stdout.contains(" 0 differing"), "\(r.stdout)")
    }

    @Test(.enabled(if: Extension.hasPython, "needs /usr/bin/python3"),
          .enabled(if: SampleCorpus.isPresent, "needs ../shared/corpus/vntc-shared-sample-1000.jsonl.gz beside the checkout"))
    func pythonGetsTheRowsOfTheCLIOnTheCorpusSample() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("x.sqlite")
        #expect(try CLI.run(["index", SampleCorpus.path, "--db", db, "-q"]).status == 0)
        let r = try Extension.run(Extension.python, [CLI.root.appendingPathComponent("scripts/extension-check.py").path,
                                                     Extension.loadName, db, CLI.binary.path,
                                                     CLI.root.appendingPathComponent("scripts/queries.txt").path])
        #expect(r.status == 0 && r.stdout.contains(" 0 differing"), "\(r.stdout)\(r.stderr)")
    }

    @Test(.enabled(if: Extension.hasPython, "needs /usr/bin/python3"))
    func badArgumentsAreSQLErrorsWithAMessage() throws {
        let (tmp, db) = try Extension.index()
        defer { withExtendedLifetime(tmp) {} }
        let other = tmp.path("plain.sqlite")
        #expect(try Extension.run(Extension.python, ["-c", "import sqlite3; sqlite3.connect('\(other)').execute('CREATE TABLE t(x)')"]).status == 0)
        let script = """
            import sqlite3, sys
            def connect(path):
                c = sqlite3.connect(path)
                c.enable_load_extension(True)
                c.load_extension(sys.argv[1])
                return c
            c = connect(sys.argv[2])
            cases = [("SELECT * FROM vsearch", ()), ("SELECT * FROM vsearch(NULL)", ()), ("SELECT * FROM vsearch(12)", ()),
                     ("SELECT * FROM vsearch(x'00')", ()), ("SELECT * FROM vsearch('dang', 5)", ()),
                     ("SELECT * FROM vsearch('dang', 'yes')", ()), ("SELECT * FROM vsearch('dang', 0, 0, NULL, NULL, 'hôm qua')", ()),
                     ("SELECT * FROM vsearch('dang', 0, 0, NULL, NULL, NULL, NULL, 0)", ()),
                     ("SELECT * FROM vsearch(?)", ("đ" * 100000,)), ("SELECT * FROM vsearch WHERE colour = 'x'", ()),
                     ("SELECT * FROM vsearch('\\"')", ()), ("SELECT vfold(x'00')", ()), ("SELECT vfold('a', 'b')", ()),
                     ("SELECT vrank(passages, 'and', 't-1') FROM passages WHERE passages MATCH 'dang'", ()),
                     ("SELECT vrank(passages, 'and', 't99999999999999999999') FROM passages WHERE passages MATCH 'dang'", ()),
                     ("SELECT vrank(passages, NULL, NULL) FROM passages WHERE passages MATCH 'dang'", ()),
                     ("SELECT vrank(passages, x'00') FROM passages WHERE passages MATCH 'dang'", ())]
            for sql, args in cases:
                try:
                    c.execute(sql, args).fetchall()
                    print("no error:", sql)
                except sqlite3.Error as e:
                    print("error:", e)
            for path in [sys.argv[3], ":memory:"]:
                try:
                    connect(path).execute("SELECT * FROM vsearch('dang')").fetchall()
                    print("no error:", path)
                except sqlite3.Error as e:
                    print("error:", e)
            print(connect(":memory:").execute("SELECT vfold(NULL) IS NULL, vfold(123), vexact('Ðà Nẵng')").fetchone())
            """
        let r = try Extension.run(Extension.python, ["-c", script, Extension.loadName, db, other])
        #expect(r.status == 0, "no crash: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 20, "\(lines)")
        #expect(!lines.contains { $0.hasPrefix("no error") }, "\(lines)")
        for expected in ["give a query", "query must be text, not an integer", "query must be text, not a blob",
                         "strict must be from 0 to 1, not 5", "strict must be an integer, not text",
                         "since hôm qua is not a date", "per_article must be from 1", "at most 10000 are taken",
                         "no such column: colour", "query has no words", "vfold(text): the argument is a blob",
                         "not a VietSearch index", "not a file (in memory",
                         "vrank(passages, context) ranks VietSearch's own searches"] {
            #expect(lines.contains { $0.contains(expected) }, "\(expected): \(lines)")
        }
        #expect(lines.last == "(1, '123', 'đà nẵng')")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/nm"), "needs nm (binutils)"))
    func itReachesSQLiteOnlyThroughTheAPITable() throws {
        let undefined = try Extension.run("/usr/bin/nm", ["-D", "--undefined-only", Extension.library.path])
        #expect(undefined.status == 0)
        let imported = undefined.stdout.split(separator: "\n").filter { $0.contains("sqlite3_") }
        #expect(imported.isEmpty, "no SQLite function is taken from a library: \(imported)")
        let defined = try Extension.run("/usr/bin/nm", ["-D", "--defined-only", Extension.library.path])
        let exported = defined.stdout.split(separator: "\n").map { $0.split(separator: " ").last! }.filter { $0.hasPrefix("sqlite3_") }
        #expect(exported == ["sqlite3_vietsearchsqlite_init"], "\(exported)")
        // No Swift runtime to find at load time: it is linked in.
        let needed = try Extension.run("/usr/bin/readelf", ["-d", Extension.library.path]).stdout
        #expect(!needed.contains("libswift") && !needed.contains("libFoundation"), "\(needed)")
    }

    @Test(.enabled(if: Extension.hasDatasette, "needs Datasette in .build/venv (.ci/run installs it from PyPI)"))
    func datasetteServesVsearchAsTheCLIGivesIt() throws {
        let (tmp, db) = try Extension.index()
        defer { withExtendedLifetime(tmp) {} }
        let port = 20_000 + Int.random(in: 0..<20_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Extension.datasette)
        server.arguments = ["serve", db, "--load-extension", Extension.library.path, "--host", "127.0.0.1", "--port", "\(port)"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // Uvicorn waits for open connections on SIGTERM; nothing of it needs keeping.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let base = "http://127.0.0.1:\(port)/x"
        var ready = false
        for _ in 0..<100 where !ready {
            let probe = try Extension.run(Extension.python, ["-c", "import urllib.request; urllib.request.urlopen('\(base).json', timeout=2)"])
            ready = probe.status == 0
            if !ready { Thread.sleep(forTimeInterval: 0.2) }
        }
        #expect(ready, "Datasette answered on port \(port)")
        // Bounded, so that a stuck request fails the test instead of hanging it.
        let r = try Extension.run("/usr/bin/timeout", ["120", Extension.python, CLI.root.appendingPathComponent("scripts/extension-check.py").path,
                                                       Extension.loadName, db, CLI.binary.path,
                                                       CLI.root.appendingPathComponent("scripts/queries.txt").path,
                                                       "--datasette", base])
        #expect(r.status == 0 && r.stdout.contains("105 queries") && r.stdout.contains(" 0 differing"), "\(r.stdout)\(r.stderr)")
    }
}

enum SampleCorpus {
    static let path = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/corpus/vntc-shared-sample-1000.jsonl.gz").path
    static var isPresent: Bool { FileManager.default.fileExists(atPath: path) }
}
