import Foundation
import TestSupport
import Testing
import ArticleIndex
import VietSearchTools

/// The checkout's seeds, found from this file so tests run from any working directory.
private let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("seeds").path

@Suite struct FuzzTests {
    @Test func tokenizerAndQueryLanguageHoldTheirInvariants() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("f.sqlite")
        _ = try Indexer(path: db).run(paths: [seeds], prune: false, diagnostics: { _ in })
        var fuzzer = Fuzzer(seed: 20261129)
        let report = fuzzer.run(searcher: try Searcher(path: db), cases: 4000, seconds: 60)
        #expect(report.tokenizerCases == 4000)
        #expect(report.queryCases == 250)
        #expect(report.failures.isEmpty, "\(report.failures)")
    }
}

@Suite struct TokenizerBenchmarkTests {
    /// The benchmark drives FTS5's own tokenizers and counts what they hand FTS5: for `viet`,
    /// the stored tokens (words, alternates, joined forms); an unknown name is an error.
    @Test func countsTheTokensFTS5Receives() throws {
        let lines = ["Nông thôn mới.", "TP.HCM 2.100 người"].map { Array($0.utf8) }
        try withBuffers(lines) { buffers in
            let viet = try TokenizerBenchmark.run(tokenizer: "viet", arguments: [], lines: buffers)
            let unicode = try TokenizerBenchmark.run(tokenizer: "unicode61", arguments: ["remove_diacritics", "2"], lines: buffers)
            // viet: nong thon moi (no break after the last word) | tp, tphcm (joined), hcm,
            // 2.100 and its alternate 2100, nguoi. unicode61: nong thon moi | tp hcm 2 100 nguoi.
            #expect(viet.tokens == 9)
            #expect(unicode.tokens == 8)
            #expect(throws: (any Error).self) { try TokenizerBenchmark.run(tokenizer: "nope", arguments: [], lines: buffers) }
        }
    }

    private func withBuffers<T>(_ lines: [[UInt8]], _ body: ([UnsafeBufferPointer<UInt8>]) throws -> T) rethrows -> T {
        let storage = lines.map { line -> UnsafeMutableBufferPointer<UInt8> in
            let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: line.count)
            _ = b.initialize(from: line)
            return b
        }
        defer { storage.forEach { $0.deallocate() } }
        return try body(storage.map { UnsafeBufferPointer($0) })
    }
}
