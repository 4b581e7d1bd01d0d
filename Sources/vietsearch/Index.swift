import ArgumentParser
import ArticleIndex
import Foundation
import VietnameseText

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Add articles to the index: .txt files, folders, .jsonl and .jsonl.gz.",
        usage: "vietsearch index [<options>] [<paths> ...]",
        discussion: """
        Runs are incremental: unchanged articles are skipped by content hash, changed ones \
        replaced. Bad inputs are reported as file:line warnings and skipped; the exit status \
        is then non-zero. Ctrl-C stops between articles and keeps everything committed so far.

        """)

    @Argument(help: "Files or folders to index.")
    var paths: [String] = ["seeds"]

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Delete the index and build it afresh.")
    var rebuild = false

    @Flag(help: "Remove articles whose input file is gone, or that a re-read input no longer holds.")
    var prune = false

    @Flag(name: .shortAndLong, help: "No progress line.")
    var quiet = false

    @Flag(help: "Merge the full-text index into one segment afterwards: smaller and faster to search.")
    var optimize = false

    @Option(help: ArgumentHelp(
        "Text encoding of .txt files: auto (detect TCVN3, VNI, VIQR and Windows-1258, never touching Unicode Vietnamese), unicode, tcvn3, vni, viqr or cp1258.",
        valueName: "name"))
    var encoding = "auto"

    func validate() throws {
        if readerEncoding == nil { throw ValidationError("unknown --encoding \(encoding); use auto, unicode, tcvn3, vni, viqr or cp1258") }
    }

    var readerEncoding: TextArticleReader.Encoding? {
        switch encoding.lowercased() {
        case "auto": .auto
        case "unicode", "utf8", "utf-8": .unicode
        default: LegacyEncoding(rawValue: encoding.lowercased()).map { .legacy($0) }
        }
    }

    func run() throws {
        Interrupt.install()
        let summary = try IndexCommand.run(paths: paths, db: database.db, rebuild: rebuild, prune: prune, quiet: quiet, optimize: optimize, encoding: readerEncoding ?? .auto)
        if summary.interrupted {
            printError("interrupted: \(summary.line); run the same command again to finish")
            throw ExitCode(130)
        }
        if summary.skipped > 0 { throw ExitCode.failure }
    }
}

/// Shared by `index` and the first `search` on a fresh checkout.
enum IndexCommand {
    static func run(paths: [String], db: String, rebuild: Bool, prune: Bool, quiet: Bool, optimize: Bool = false,
                    encoding: TextArticleReader.Encoding = .auto) throws -> IndexSummary {
        let indexer = try Indexer(path: db, rebuild: rebuild, notes: { printError($0) })
        let showProgress = !quiet && isatty(STDERR_FILENO) == 1
        let started = Date()
        let summary = try indexer.run(
            paths: paths, prune: prune, encoding: encoding,
            diagnostics: { printError("warning: \($0)") },
            notes: { printError("converted: \($0)") },
            progress: showProgress ? { p in
                let mb = Double(p.bytes) / 1e6
                var line = String(format: "\r%@ articles · %.1f MB · %.1f MB/s", grouped(p.articles), mb, mb / max(p.seconds, 0.001))
                if p.inputBytesTotal > 0 && p.inputBytesDone > 0 {
                    let eta = p.seconds * Double(p.inputBytesTotal - p.inputBytesDone) / Double(p.inputBytesDone)
                    line += String(format: " · ETA %d:%02d", Int(eta) / 60, Int(eta) % 60)
                }
                FileHandle.standardError.write(Data((line + "   ").utf8))
            } : nil,
            shouldStop: { Interrupt.requested != 0 })
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if optimize && !summary.interrupted {
            if !quiet { printError("optimizing the full-text index…") }
            try indexer.optimize()
        }
        let seconds = Date().timeIntervalSince(started)
        if !quiet || summary.skipped > 0 {
            printError(String(format: "indexed %@: %@ in %.1f s", db, summary.line, seconds))
        }
        return summary
    }
}
