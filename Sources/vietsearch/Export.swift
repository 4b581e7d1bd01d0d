import ArgumentParser
import ArticleIndex
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every passage that matches a query, for reports and other tools.",
        discussion: """
        Uses the query language and accent rules of `search`. A query typed with marks exports \
        only the passages that hold it as typed (Đảng, not đang); --any-tone exports every \
        tone, as search lists them. Formats: jsonl (one object \
        per passage, highlights as in search --format json), csv (RFC 4180, UTF-8 with BOM for \
        Excel, matches marked **like this**, cells that a spreadsheet would run as formulas \
        start with '), markdown and html (grouped by article, matches in bold / <mark>).

        Examples:
          vietsearch export nông thôn mới --out ket-qua.csv
          vietsearch export '"giá vàng"' --format html --context 1 \\
            --order article --out gia-vang.html

        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, csv, markdown, html

        /// Also `md` and `htm`, as files are named; any case.
        init?(argument: String) {
            let name = argument.lowercased()
            self.init(rawValue: ["md": "markdown", "htm": "html"][name] ?? name)
        }

        /// The format a file's name says (`ket-qua.csv`, `bao-cao.md`, `trang.html`, `x.jsonl`); nil
        /// for any other name.
        init?(fileName: String) {
            let last = fileName.split(separator: "/").last ?? ""
            guard let dot = last.lastIndex(of: "."), let format = Format(argument: String(last[last.index(after: dot)...])) else {
                return nil
            }
            self = format
        }
    }

    @Argument(parsing: .allUnrecognized, help: "The query (several arguments are joined by spaces).")
    var query: [String] = []

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("""
        jsonl, csv, markdown (md) or html. (default: the one --out's name ends with, .csv, .md, \
        .html or .jsonl; else jsonl)
        """, valueName: "format"))
    var format: Format?
    @Option(help: ArgumentHelp("Write here (atomically) instead of standard output; - is standard output.", valueName: "file"))
    var out: String?
    @Option(parsing: .unconditional, help: "At most this many passages (default: all).") var limit: Int?
    @Option(parsing: .unconditional, help: "Also include N paragraphs before and after each match, marked as context.") var context = 0
    @Option(help: "rank (in the --sort order) or article (grouped by article, paragraphs in order).") var order: Exporter.Order = .rank
    @Option(help: "relevance (best first) or date (newest article first, undated last).")
    var sort: SearchOptions.Sort = .relevance
    @Flag(help: "Match every word as typed: its accents, or its level tone when it has none.") var strict = false
    @Flag(help: "Match any of the words (for questions).") var any = false
    @Flag(help: "For a query with marks, also export the passages that hold its words with other tones.") var anyTone = false
    @OptionGroup var typing: TypingOptions
    @OptionGroup var filters: FilterOptions
    @Option(help: ArgumentHelp("At most N passages per article, its best.", valueName: "n")) var perArticle: Int?

    func validate() throws {
        try rejectUnknownOptions(query, of: Self.self)
        if queryWords(query).isEmpty { throw ValidationError("give a query") }
        if context < 0 || (limit ?? 0) < 0 { throw ValidationError("--context and --limit must not be negative") }
        if let perArticle, perArticle < 1 { throw ValidationError("--per-article must be at least 1") }
        if sort == .date && order == .article {
            throw ValidationError("--sort date lists the newest articles first and --order article in index order: give one")
        }
    }

    func run() throws {
        try DefaultIndex.ensure(database.db)
        let searcher = try Searcher(path: database.db)
        let exporter = Exporter(searcher: searcher)
        let text = typing.typed(queryWords(query).joined(separator: " "))
        let options = SearchOptions(strict: strict, any: any, filter: filters.filter, perArticle: perArticle, anyTone: anyTone, sort: sort)
        filters.warn(try searcher.unmet(options.filter))
        let summary = try { () throws -> Exporter.Summary in
            var sink = try TextSink(path: out)
            do {
                func write<W: ExportWriter>(_ writer: W) throws -> Exporter.Summary {
                    var writer = writer
                    return try exporter.export(text, options: options, limit: limit, context: context, order: order,
                                               to: &writer, sink: &sink)
                }
                let counts = switch format ?? out.flatMap(Format.init(fileName:)) ?? .jsonl {
                case .jsonl: try write(JSONLExportWriter())
                case .csv: try write(CSVExportWriter())
                case .markdown: try write(MarkdownExportWriter())
                case .html: try write(HTMLExportWriter())
                }
                try sink.commit()
                return counts
            } catch {
                sink.abandon()
                throw error
            }
        }()
        let destination = out.map { $0 == "-" ? "" : " to \($0)" } ?? ""
        printError("exported \(counted(summary.passages, "passage")) from \(counted(summary.articles, "article"))\(destination)\(Self.toneNote(summary))")
    }

    /// What the count counts, for a query typed with marks.
    static func toneNote(_ summary: Exporter.Summary) -> String {
        guard let exact = summary.exact, let anyTone = summary.anyTone else { return "" }
        if summary.asTypedOnly {
            return exact == anyTone ? " (as typed)" : "; as typed only: \(grouped(anyTone)) with any tone (--any-tone exports them)"
        }
        return "; \(grouped(exact)) of the matches as typed"
    }
}

extension Exporter.Order: ExpressibleByArgument {}
extension SearchOptions.Sort: ExpressibleByArgument {}
