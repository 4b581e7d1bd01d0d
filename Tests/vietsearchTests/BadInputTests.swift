import Foundation
import TestSupport
import Testing

@Suite struct BadInputTests {
    /// Each bad input next to a good file: either indexed, or one warning naming the file, and the good file indexed.
    @Test func everyBadInputWarnsOrIndexesAndNeverCrashes() throws {
        let tmp = TemporaryFolder()
        let dir = tmp.url.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func put(_ name: String, _ bytes: [UInt8]) { FileManager.default.createFile(atPath: dir.appendingPathComponent(name).path, contents: Data(bytes)) }
        put("00-good.txt", Array("Bài tốt\n\nNội dung về nông nghiệp sạch.\n".utf8))
        put("empty.txt", [])
        put("binary.txt", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF, 0x00])
        put("nul-byte.txt", Array("Tiêu đề\n\nCó một\u{0}byte NUL.\n".utf8))
        put("invalid-utf8.txt", Array("Tiêu đề\n\nHỏng ".utf8) + [0xC3, 0x28] + Array(" ở đây\n".utf8))
        put("cr-only.txt", Array("Tiêu đề CR\r\rĐoạn một về lúa gạo.\r\rĐoạn hai về cà phê.\r".utf8))
        put("bom-middle.txt", Array("Tiêu đề BOM\n\nTrước\u{FEFF}sau và hồ tiêu.\n".utf8))
        put("utf16-no-bom.txt", Array("Không BOM\n\nThanh long Bình Thuận.\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        put("lone-surrogate.jsonl", Array(#"{"id": "s1", "title": "Sai \ud800", "paragraphs": ["x"]}"#.utf8) + [0x0A])
        put("deep.jsonl", Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n").utf8))
        put("wrong-types.jsonl", Array(#"{"id": "w1", "title": "Sai kiểu", "paragraphs": 5}"#.utf8) + [0x0A]
            + Array(#"{"id": "w2", "title": 7, "paragraphs": ["a"]}"#.utf8) + [0x0A])
        // A truncated .jsonl.gz: the good first lines are kept, the cut is reported.
        let lines = (0..<200).map { #"{"id": "g\#($0)", "title": "Gz \#($0)", "paragraphs": ["Cà phê Buôn Ma Thuột số \#($0)."]}"# }
        let gz = tmp.path("full.jsonl.gz")
        try (lines.joined(separator: "\n") + "\n").write(toFile: tmp.path("full.jsonl"), atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-kf", tmp.path("full.jsonl")]
        try gzip.run(); gzip.waitUntilExit()
        let whole = try Data(contentsOf: URL(fileURLWithPath: gz))
        put("truncated.jsonl.gz", Array(whole.prefix(whole.count / 2)))
        // A folder that links to itself.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("loop"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("loop/self").path, withDestinationPath: dir.appendingPathComponent("loop").path)
        // A 20 MB single paragraph and a 100,000-paragraph article.
        let huge = "Đoạn khổng lồ\n\n" + String(repeating: "lúa gạo ", count: 20_000_000 / 9) + "\n"
        try huge.write(to: dir.appendingPathComponent("huge-paragraph.txt"), atomically: true, encoding: .utf8)
        let many = ["id": "many", "title": "Một trăm nghìn đoạn", "paragraphs": (0..<100_000).map { "Đoạn số \($0)." }] as [String: Any]
        try (String(decoding: try JSONSerialization.data(withJSONObject: many), as: UTF8.self) + "\n")
            .write(to: dir.appendingPathComponent("many.jsonl"), atomically: true, encoding: .utf8)

        let db = tmp.path("x.sqlite")
        let r = try CLI.run(["index", dir.path, tmp.path("does-not-exist"), "--db", db])
        #expect(r.status == 1, "something was skipped")
        #expect(!r.stderr.contains("Fatal error"))
        let warnings = r.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
        func warned(_ file: String, _ reason: String) -> Bool { warnings.contains { $0.contains(file) && $0.contains(reason) } }
        #expect(warned("empty.txt", "empty file"))
        #expect(warned("binary.txt:1", "binary file"))
        #expect(warned("nul-byte.txt:3", "NUL byte"))
        #expect(warned("invalid-utf8.txt:3", "invalid UTF-8"))
        #expect(warned("lone-surrogate.jsonl:1", "malformed JSON"))
        #expect(warned("deep.jsonl:1", "JSON"))
        #expect(warned("wrong-types.jsonl:1", "\"paragraphs\" must be an array of strings"))
        #expect(warned("wrong-types.jsonl:2", "\"title\" must be a string"))
        #expect(warned("truncated.jsonl.gz", "truncated or corrupt"))
        #expect(warned("loop/self", "already visited"))
        #expect(warned("does-not-exist", "no such file or folder"))
        let stats = try CLI.run(["stats", "--json", "--db", db]).json
        #expect((stats["articles"] as? Int ?? 0) >= 7 + 1)
        func found(_ q: String) throws -> Int { try CLI.run(["search", q, "--db", db, "--format", "json"]).json["total"] as? Int ?? -1 }
        #expect(try found("nong nghiep sach") == 1, "the good file")
        #expect(try found("ca phe") >= 2, "CR-only lines split into paragraphs, and the good gzip lines")
        #expect(try found("ho tieu") == 1, "a BOM mid-file is ignored")
        #expect(try found("thanh long") == 1, "UTF-16 without a BOM")
        #expect(try found("\"số 99999\"") == 1, "the 100,000-paragraph article")
        #expect(try found("lua gao") >= 1, "the 20 MB paragraph")
        #expect(try CLI.run(["check", "--db", db]).status == 0)
    }

    @Test(.enabled(if: getuid() != 0, "running as root, which reads every file: a permission error cannot be produced"))
    func unreadableFileWarns() throws {
        let tmp = TemporaryFolder()
        tmp.write("in/secret.txt", "Bí mật\n\nNội dung.\n")
        chmod(tmp.path("in/secret.txt"), 0)
        let r = try CLI.run(["index", tmp.path("in"), "--db", tmp.path("x.sqlite")])
        #expect(r.status == 1 && r.stderr.contains("secret.txt: permission denied"))
    }

    @Test func badEnvironmentGivesOneLineErrors() throws {
        let tmp = TemporaryFolder()
        tmp.write("not.sqlite", String(repeating: "not a database ", count: 100))
        let notDB = try CLI.run(["search", "x", "--db", tmp.path("not.sqlite")])
        #expect(notDB.status == 1 && notDB.stderr.contains("is not a VietSearch index"))
        #expect(notDB.stderr.split(separator: "\n").count == 1)
        let intoFile = try CLI.run(["index", CLI.root.appendingPathComponent("seeds").path, "--db", tmp.path("not.sqlite/x.sqlite")])
        #expect(intoFile.status == 1 && intoFile.stderr.hasPrefix("error: "))
        #expect(intoFile.stderr.split(separator: "\n").count == 1, "\(intoFile.stderr)")
        // A file where the folder should be is not a read-only folder: the message says which.
        #expect(intoFile.stderr.contains("cannot create the folder \(tmp.path("not.sqlite")) for the index: \(tmp.path("not.sqlite")) is a file, not a folder"),
                "\(intoFile.stderr)")
        // An output that cannot be written takes the same one-line path, naming the file.
        #expect(try CLI.run(["index", CLI.root.appendingPathComponent("seeds").path, "--db", tmp.path("i.sqlite"), "-q"]).status == 0)
        let out = tmp.path("no/such/dir/x.csv")
        let export = try CLI.run(["export", "nông", "--db", tmp.path("i.sqlite"), "--out", out])
        #expect(export.status == 1 && export.stderr == "error: cannot write \(out): the folder is missing or read-only\n",
                "\(export.stderr)")
    }
}
