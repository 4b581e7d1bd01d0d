import Foundation
import TestSupport
import Testing

/// Writes `count` synthetic Vietnamese articles of five paragraphs as JSON lines.
func writeSyntheticCorpus(_ path: String, count: Int) throws {
    let words = ["nông", "thôn", "mới", "Đảng", "ủy", "huyện", "xã", "phát", "triển", "kinh", "tế", "người", "dân",
                 "giáo", "dục", "bệnh", "viện", "đường", "giao", "thông", "thủy", "lợi", "hòa", "bình", "Việt", "Nam"]
    var state: UInt64 = 12345
    func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
    var out = ""
    out.reserveCapacity(count * 600)
    for i in 0..<count {
        let paragraphs = (0..<5).map { _ in (0..<20).map { _ in words[next() % words.count] }.joined(separator: " ") + "." }
        let object: [String: Any] = ["id": "syn-\(i)", "title": "Bài số \(i)", "paragraphs": paragraphs]
        out += String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self) + "\n"
    }
    try out.write(toFile: path, atomically: true, encoding: .utf8)
}

/// Starts `vietsearch` with arguments and returns the running process.
func launch(_ arguments: [String]) throws -> (Process, URL) {
    let process = Process()
    process.executableURL = CLI.binary
    process.arguments = arguments
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("vietsearch-err-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: errURL)
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    return (process, errURL)
}

/// Waits until the index at `db` holds at least `articles` committed articles (or times out).
func waitForArticles(_ db: String, atLeast articles: Int, timeout: Double = 60) throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if FileManager.default.fileExists(atPath: db),
           let r = try? CLI.run(["stats", "--json", "--db", db]), r.status == 0,
           let n = r.json["articles"] as? Int, n >= articles { return true }
        Thread.sleep(forTimeInterval: 0.1)
    }
    return false
}

@Suite(.serialized) struct ReliabilityTests {
    static let articles = 12_000

    @Test func killedIndexRunLosesNothingAndTheNextRunCompletes() throws {
        let tmp = TemporaryFolder()
        let input = tmp.path("big.jsonl"), db = tmp.path("x.sqlite")
        try writeSyntheticCorpus(input, count: Self.articles)
        for signal in [SIGKILL, SIGINT] {
            try? FileManager.default.removeItem(atPath: db)
            let (process, errURL) = try launch(["index", input, "--db", db, "-q"])
            #expect(try waitForArticles(db, atLeast: 2000), "the run commits batches as it goes")
            let sent = Date()
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            let stopped = Date().timeIntervalSince(sent)
            let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            if signal == SIGINT {
                #expect(process.terminationStatus == 130, "\(stderr)")
                #expect(stderr.contains("interrupted:") && stderr.contains("added"), "\(stderr)")
                #expect(stopped < 1.0, "stopped in \(stopped) s")
            } else {
                #expect(process.terminationReason == .uncaughtSignal)
            }
            // The index is consistent and searchable right after the kill.
            let check = try CLI.run(["check", "--db", db])
            #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
            #expect(try CLI.run(["search", "nông thôn", "--db", db, "--format", "json"]).json["total"] is Int)
            // A second run completes it: every article exactly once.
            let again = try CLI.run(["index", input, "--db", db, "-q"])
            #expect(again.status == 0, "\(again.stderr)")
            let stats = try CLI.run(["stats", "--json", "--db", db]).json
            #expect(stats["articles"] as? Int == Self.articles)
            #expect(stats["paragraphs"] as? Int == Self.articles * 5)
            #expect(try CLI.run(["check", "--db", db]).status == 0)
        }
    }

    @Test func searchesDuringIndexingAndASecondWriterIsRefused() throws {
        let tmp = TemporaryFolder()
        let input = tmp.path("big.jsonl"), db = tmp.path("x.sqlite")
        try writeSyntheticCorpus(input, count: Self.articles)
        let (writer, _) = try launch(["index", input, "--db", db, "-q"])
        #expect(try waitForArticles(db, atLeast: 1))
        var searches = 0
        while writer.isRunning && searches < 20 {
            let r = try CLI.run(["search", "Đảng ủy", "--db", db, "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stderr.contains("locked"))
            let e = try CLI.run(["export", "nông thôn", "--db", db, "--limit", "5"])
            #expect(e.status == 0 && !e.stderr.contains("locked"), "\(e.stderr)")
            if searches == 0 && writer.isRunning {
                let second = try CLI.run(["index", input, "--db", db, "-q"])
                if writer.isRunning {
                    #expect(second.status == 1)
                    #expect(second.stderr.contains("another `vietsearch index` is writing"), "\(second.stderr)")
                }
            }
            searches += 1
        }
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        #expect(searches > 0)
        #expect(try CLI.run(["check", "--db", db]).status == 0)
    }
}
