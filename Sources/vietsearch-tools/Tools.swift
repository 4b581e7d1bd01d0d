import ArgumentParser
import ArticleIndex
import Foundation
import VietSearchTools
import VietnameseText

/// The measurements behind `scripts/bench` and the fuzzer behind `scripts/fuzz`: tools for the
/// people who work on VietSearch, kept out of the `vietsearch` binary that users get.
@main
struct Tools: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vietsearch-tools",
        abstract: "Benchmark and fuzzing helpers used by scripts/bench and scripts/fuzz.",
        subcommands: [TokenizerSpeed.self, QueryLatency.self, InsertSpeed.self, Fuzz.self])

    /// The index every measuring command reads.
    struct DatabaseOptions: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("The index file.", valueName: "file"))
        var db: String = IndexStore.defaultPath
    }

    struct TokenizerSpeed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tokenizer",
            abstract: "MB/s of the viet and unicode61 tokenizers through FTS5's xTokenize, over a file of lines.")

        @Argument(help: "A text file, one paragraph per line.") var file: String
        @Option(help: "Runs of each tokenizer; the median is reported.") var runs = 3
        @Flag(help: "Print only a checksum of every token (forms, ranges, flags), to compare tokenizer builds.") var checksum = false

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let bytes = [UInt8](data)
            try bytes.withUnsafeBufferPointer { all in
                var lines: [UnsafeBufferPointer<UInt8>] = []
                var start = 0
                for i in 0..<all.count where all[i] == 0x0A {
                    lines.append(UnsafeBufferPointer(rebasing: all[start..<i]))
                    start = i + 1
                }
                let mb = Double(all.count - lines.count) / 1e6
                if checksum {
                    let tokenizer = VietnameseTokenizer()
                    for exact in [false, true] {
                        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                        func mix(_ v: Int) { hash = (hash ^ UInt64(truncatingIfNeeded: v)) &* 0x100_0000_01b3 }
                        for line in lines {
                            tokenizer.tokenize(line, exactForms: exact) { t in
                                for b in t.folded { mix(Int(b)) }
                                for b in t.exact { mix(Int(b) + 256) }
                                for b in t.alternate ?? UnsafeBufferPointer(start: nil, count: 0) { mix(Int(b) + 512) }
                                mix(t.start); mix(t.end); mix(t.isMarked ? 3 : 4); mix(t.followsPunctuation ? 5 : 6)
                                return true
                            }
                        }
                        print("checksum-\(exact ? "exact" : "folded")\t\(String(hash, radix: 16))")
                    }
                    return
                }
                for (name, args) in [("viet", [String]()), ("unicode61", ["remove_diacritics", "2"])] {
                    var times: [Double] = []
                    var tokens = 0
                    for _ in 0..<runs {
                        let r = try TokenizerBenchmark.run(tokenizer: name, arguments: args, lines: lines)
                        times.append(r.seconds)
                        tokens = r.tokens
                    }
                    let median = times.sorted()[times.count / 2]
                    print(String(format: "%@\t%.1f\t%.3f\t%d", name, mb / median, median, tokens))
                }
                // The Swift tokenizer alone, without FTS5: folded only, and with exact forms.
                let tokenizer = VietnameseTokenizer()
                for exact in [false, true] {
                    var times: [Double] = []
                    var tokens = 0
                    for _ in 0..<runs {
                        tokens = 0
                        let started = DispatchTime.now()
                        for line in lines { tokenizer.tokenize(line, exactForms: exact) { _ in tokens += 1; return true } }
                        times.append(Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)
                    }
                    let median = times.sorted()[times.count / 2]
                    print(String(format: "%@\t%.1f\t%.3f\t%d", exact ? "swift-exact" : "swift-folded", mb / median, median, tokens))
                }
            }
        }
    }

    struct QueryLatency: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "queries",
            abstract: "In-process latency of each query (top 10 with snippets and highlights, warm).")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "A file of queries, one per line; a line starting with `any:` runs with --any.") var file: String
        @Option(help: "Timed runs per query after one warm-up.") var runs = 5
        @Flag(help: """
            Time each query once, the first time it is asked: on a searcher of its own that has \
            answered one other search (`nam`), so that nothing of this query is cached.
            """) var firstTime = false

        func run() throws {
            var searcher = try Searcher(path: database.db)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
                let any = line.hasPrefix("any:")
                let query = any ? String(line.dropFirst(4)) : String(line)
                let options = SearchOptions(limit: 10, any: any)
                var total = 0
                var times: [Double] = []
                if firstTime {
                    searcher = try Searcher(path: database.db)
                    _ = try searcher.search("nam", options: SearchOptions(limit: 10))
                    let started = DispatchTime.now()
                    total = try searcher.search(query, options: options).total
                    let ms = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
                    print(String(format: "%.3f\t%d\t%@", ms, total, String(line)))
                    continue
                }
                for run in 0...runs {
                    let started = DispatchTime.now()
                    total = try searcher.search(query, options: options).total
                    if run > 0 { times.append(Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6) }
                }
                print(String(format: "%.3f\t%d\t%@", times.sorted()[times.count / 2], total, String(line)))
            }
        }
    }
}

extension Tools {
    /// Seconds to insert every line of a file into a fresh FTS5 table, row by row, for each tokenizer.
    struct InsertSpeed: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "insert", abstract: "FTS5 row-by-row insert time per tokenizer.")
        @Argument(help: "A text file, one row per line.") var file: String
        @Option(help: "Where the tables are made (one file per tokenizer, or :memory:).") var db = ":memory:"
        @Option(help: "FTS5 tokenizers to compare.") var tokenizers = ["viet", "unicode61 remove_diacritics 2", "viet exact"]
        @Option(help: "More FTS5 options for the table, as `, name=value`.") var extra = ""
        @Option(help: "Rowid = (line / 10) << shift | line % 10; 0 for sequential rowids.") var shift = 0

        func run() throws {
            let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
            for (n, tok) in tokenizers.enumerated() {
                let database = try Database(path: db == ":memory:" ? db : db + ".\(n)")
                let detail = tok.hasSuffix("exact") ? ", detail=none, content='', columnsize=0" : ""
                try database.execute("CREATE VIRTUAL TABLE f USING fts5(body, tokenize='\(tok)'\(detail)\(extra))")
                let insert = try database.prepare("INSERT INTO f(rowid, body) VALUES (?, ?)")
                let started = Date()
                try database.execute("BEGIN")
                for (i, line) in lines.enumerated() {
                    let rowid = shift == 0 ? Int64(i + 1) : Int64(i / 10) << shift | Int64(i % 10 + 1)
                    try insert.run(.int(rowid), .text(line))
                }
                try database.execute("COMMIT")
                print(String(format: "%@\t%.2f s", tok, Date().timeIntervalSince(started)))
            }
        }
    }
}

extension Tools {
    /// The fuzzer behind scripts/fuzz.
    struct Fuzz: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "fuzz", abstract: "Fuzz the tokenizer and the query language.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Stop after this many tokenizer cases.") var cases = 1_000_000
        @Option(help: "Stop after this many seconds.") var seconds = 60.0
        @Option(help: "Random seed.") var seed: UInt64 = 1

        func run() throws {
            let searcher = try Searcher(path: database.db)
            var fuzzer = Fuzzer(seed: seed)
            let started = Date()
            let report = fuzzer.run(searcher: searcher, cases: cases, seconds: seconds)
            print("tokenizer cases: \(report.tokenizerCases)")
            print("query cases: \(report.queryCases)")
            print(String(format: "seconds: %.1f", Date().timeIntervalSince(started)))
            print("failures: \(report.failures.count)")
            for f in report.failures { print("  \(f)") }
            if !report.failures.isEmpty { throw ExitCode.failure }
        }
    }
}
