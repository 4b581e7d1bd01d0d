import Foundation
import TestSupport
import Testing

/// Issue #14's polish list, end to end through the built binary.
@Suite struct PolishTests {
    func corpus() throws -> TemporaryFolder {
        let tmp = TemporaryFolder()
        tmp.write("in/a.txt", "Giá vàng hôm nay\n\nĐoạn một nói về thị trường.\n\nĐoạn hai về giá vàng\u{14} và bạc.\n")
        tmp.write("in/b.txt", "Nông thôn\n\nXây dựng nông thôn mới ở huyện.\n")
        let r = try CLI.run(["index", tmp.path("in"), "--db", tmp.path("x.sqlite"), "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        return tmp
    }

    @Test func batchSkipsBlankLinesAndHonoursTheFormat() throws {
        let tmp = try corpus()
        let db = tmp.path("x.sqlite")
        let json = try CLI.run(["search", "--batch", "--db", db], stdin: "giá vàng\n\n   \nnông thôn\n")
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == 2, "one answer per query, none for blank lines: \(json.stdout)")
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["total"] is Int })
        let text = try CLI.run(["search", "--batch", "--format", "text", "--db", db, "--color", "never"], stdin: "giá vàng\nnông thôn\n")
        #expect(text.stdout.contains("matches for giá vàng") && text.stdout.contains("matches for nông thôn"), "\(text.stdout)")
        #expect(!text.stdout.contains("{\""), "text, not JSON")
    }

    @Test func controlCharactersDoNotReachTheTerminal() throws {
        let tmp = try corpus()
        let r = try CLI.run(["search", "bạc", "--db", tmp.path("x.sqlite"), "--color", "never", "--full"])
        #expect(r.stdout.contains("vàng\u{2414} và"), "\(r.stdout)")
        #expect(!r.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        let json = try CLI.run(["search", "bạc", "--db", tmp.path("x.sqlite"), "--format", "json"])
        let text = (json.json["results"] as? [[String: Any]])?.first?["text"] as? String
        #expect(text?.contains("\u{14}") == true, "JSON keeps the text byte for byte")
    }

    @Test func aTitleHitsContextIsTheFirstParagraphs() throws {
        let tmp = try corpus()
        let r = try CLI.run(["export", "\"hôm nay\"", "--db", tmp.path("x.sqlite"), "--context", "1"])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.split(separator: "\n").first!.utf8)) as! [String: Any]
        #expect(object["paragraph"] as? Int == 0)
        let context = object["context"] as! [[String: Any]]
        #expect(context.map { $0["paragraph"] as! Int } == [1])
    }

    @Test func aPhrasesLastWordCanBeAPrefix() throws {
        let tmp = try corpus()
        let r = try CLI.run(["search", "\"nông thôn m*\"", "--db", tmp.path("x.sqlite"), "--format", "json"])
        #expect(r.json["total"] as? Int == 1)
        let none = try CLI.run(["search", "\"nông thôn x*\"", "--db", tmp.path("x.sqlite"), "--format", "json"])
        #expect(none.json["total"] as? Int == 0)
    }

    @Test func badInputFilesGetOneWarningEach() throws {
        let tmp = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: tmp.path("empty"), withIntermediateDirectories: true)
        let empty = try CLI.run(["index", tmp.path("empty"), "--db", tmp.path("x.sqlite")])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("no .txt, .jsonl or .jsonl.gz files"), "\(empty.stderr)")
        tmp.write("plain.jsonl.gz", (0..<50).map { #"{"id": "p\#($0)", "title": "t", "paragraphs": ["x"]}"# }.joined(separator: "\n"))
        let plain = try CLI.run(["index", tmp.path("plain.jsonl.gz"), "--db", tmp.path("x.sqlite")])
        #expect(plain.status == 1)
        let warnings = plain.stderr.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        #expect(warnings.count == 1 && warnings[0].contains("not gzip"), "\(plain.stderr)")
        // A truncated .gz: the cut is reported once, with no JSON warning for the cut line.
        let lines = (0..<400).map { #"{"id": "g\#($0)", "title": "Gz \#($0)", "paragraphs": ["Cà phê số \#($0)."]}"# }
        try (lines.joined(separator: "\n") + "\n").write(toFile: tmp.path("full.jsonl"), atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-kf", tmp.path("full.jsonl")]
        try gzip.run(); gzip.waitUntilExit()
        let whole = try Data(contentsOf: URL(fileURLWithPath: tmp.path("full.jsonl.gz")))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: tmp.path("cut.jsonl.gz")))
        let cut = try CLI.run(["index", tmp.path("cut.jsonl.gz"), "--db", tmp.path("y.sqlite")])
        let cutWarnings = cut.stderr.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        #expect(cutWarnings.count == 1 && cutWarnings[0].contains("truncated or corrupt"), "\(cut.stderr)")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func aFullDiskOrClosedPipeIsOneLine() throws {
        let tmp = try corpus()
        let db = tmp.path("x.sqlite")
        for arguments in [["search", "giá", "--db", db], ["export", "giá", "--db", db, "--format", "csv"]] {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = arguments
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
            let err = Pipe()
            process.standardError = err
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 1, "\(arguments)")
            #expect(stderr.split(separator: "\n").count == 1 && stderr.contains("the disk is full"), "\(stderr)")
        }
        // --out onto a device writes to it, and leaves it a device.
        let r = try CLI.run(["export", "giá", "--db", db, "--out", "/dev/full"])
        #expect(r.status == 1 && r.stderr.contains("disk is full"), "\(r.stderr)")
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        // A reader that closes early: one line, not a silent SIGPIPE.
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["export", "giá", "--db", db, "--context", "3"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try out.fileHandleForReading.close()
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("broken pipe"), "\(stderr)")
    }
}

@Suite struct HelpTests {
    /// Every help text reads at 80 columns: ArgumentParser wraps paragraphs, examples fit.
    @Test(arguments: ["", "search", "export", "suggest", "index", "serve", "stats", "check", "tokenize"])
    func helpFitsIn80Columns(_ command: String) throws {
        let r = try CLI.run((command.isEmpty ? [] : [command]) + ["--help"], environment: ["COLUMNS": "80"])
        #expect(r.status == 0)
        let long = r.stdout.split(separator: "\n").filter { $0.count > 80 }
        #expect(long.isEmpty, "\(long)")
    }
}
