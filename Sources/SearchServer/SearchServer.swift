import ArticleIndex
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOPosix

/// `vietsearch serve`: the search page and its JSON API over one index, on Hummingbird.
///
/// - `GET /`: the page; with `?q=…` it draws the results itself, so it works without JavaScript.
/// - `GET /article?id=…&p=N&q=…`: a whole article, paragraph N in view and the query's words marked.
/// - `GET /api/search`: exactly the JSON of `vietsearch search --format json`.
/// - `GET /api/suggest?q=…`: the JSON of `vietsearch suggest --json`.
/// - `GET /api/export?q=…&format=csv|html|markdown|jsonl`: every match, streamed as it is written.
///
/// Searches run on a thread pool beside the event loops, each on a read-only connection of its own
/// (`SearcherPool`). Only GET and HEAD are answered; a bad parameter is a 400 with a JSON error.
public struct SearchServer: Sendable {
    public let path: String
    let pool: SearcherPool
    let threads: NIOThreadPool

    /// Opens one read-only connection to check that `path` is an index.
    public init(path: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount * 2) throws {
        self.path = path
        pool = try SearcherPool(path: path)
        self.threads = NIOThreadPool(numberOfThreads: max(2, threads))
        self.threads.start()
    }

    /// Runs until the process ends; `started` gets the address once it listens (port 0: any free port).
    public func run(host: String, port: Int, started: @escaping @Sendable (String) -> Void) async throws {
        let app = Application(
            responder: GuardResponder(inner: router().buildResponder()),
            configuration: .init(address: .hostname(host, port: port), serverName: "VietSearch"),
            onServerRunning: { channel in
                let address = channel.localAddress
                let shown = (address?.ipAddress).map { $0.contains(":") ? "[\($0)]" : $0 } ?? host
                started("http://\(shown):\(address?.port ?? port)")
            },
            logger: Logger(label: "vietsearch.serve", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        try await app.runService()
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let routes: [(String, @Sendable (Request) async throws -> Response)] = [
            ("/", page), ("/article", articlePage), ("/api/search", apiSearch), ("/api/suggest", apiSuggest),
            ("/api/export", apiExport),
            ("/app.js", { _ in Self.asset(Assets.script, type: "text/javascript; charset=utf-8") }),
            ("/style.css", { _ in Self.asset(Assets.style, type: "text/css; charset=utf-8") }),
        ]
        for (path, handler) in routes {
            router.on(RouterPath(path), method: .get) { request, _ in try await handler(request) }
            router.on(RouterPath(path), method: .head) { request, _ in try await handler(request) }
        }
        return router
    }

    // MARK: Endpoints

    static let searchNames: Set<String> = ["q", "limit", "offset", "strict", "any", "outlet", "category", "since", "until", "per_article", "sort"]

    func page(_ request: Request) async throws -> Response {
        let p: SearchParameters
        do {
            p = try SearchParameters(try Self.pairs(request), names: Self.searchNames)
        } catch let error as BadRequest {
            let empty = try SearchParameters([], names: [])
            return Self.html(Page.search(empty, response: nil, error: error.message), status: .badRequest)
        }
        guard let query = p.query else { return Self.html(Page.search(p, response: nil, error: nil)) }
        do {
            let (response, unmet) = try await search(query, p)
            return Self.html(Page.search(p, response: response, error: nil, unmet: unmet))
        } catch let error as IndexError {
            return Self.html(Page.search(p, response: nil, error: error.localizedDescription), status: .badRequest)
        }
    }

    func articlePage(_ request: Request) async throws -> Response {
        let p = try SearchParameters(try Self.pairs(request), names: ["id", "p", "q", "strict", "any"])
        guard let key = p.article else { throw BadRequest("give an article: /article?id=…") }
        let query = p.query
        let found = try await searching { searcher -> (ArticleInfo, [String], [[Range<Int>]])? in
            guard let (info, paragraphs) = try searcher.article(key: key) else { return nil }
            var marks: [[Range<Int>]] = []
            if let query { marks = (try? searcher.marks(query, options: p.options, in: [info.title] + paragraphs)) ?? [] }
            return (info, paragraphs, marks)
        }
        guard let (info, paragraphs, marks) = found else {
            return Self.html(Page.head("Không tìm thấy · VietSearch") + "<main><p class=\"error\">Không có bài \(Page.escape(key)).</p></main></body></html>\n",
                             status: .notFound)
        }
        let back = Page.link("/", [("q", query), ("strict", p.options.strict ? "1" : nil), ("any", p.options.any ? "1" : nil)])
        return Self.html(Page.article(info, paragraphs: paragraphs, title: marks.first ?? [], marks: Array(marks.dropFirst()),
                                      focus: p.paragraph, back: back))
    }

    func apiSearch(_ request: Request) async throws -> Response {
        let p = try SearchParameters(try Self.pairs(request), names: Self.searchNames)
        let query = try p.requiredQuery()
        let (response, unmet) = try await search(query, p)
        return Self.json(try JSONLine.encode(ResponseRecord(response, unmet: unmet)))
    }

    func apiSuggest(_ request: Request) async throws -> Response {
        let p = try SearchParameters(try Self.pairs(request), names: ["q", "outlet", "category", "since", "until"])
        let query = try p.requiredQuery()
        let result = try await searching { try $0.suggester().suggest(query, filter: p.options.filter) }
        return Self.json(try JSONLine.encode(result))
    }

    func apiExport(_ request: Request) async throws -> Response {
        let p = try SearchParameters(try Self.pairs(request), names: Self.searchNames.subtracting(["limit", "offset"]).union(["format"]))
        let query = try p.requiredQuery()
        _ = try Query.parse(query, strict: p.options.strict)  // a bad query is a 400 before the download starts
        let format = p.format ?? "csv"
        let (type, suffix) = switch format {
        case "html": ("text/html; charset=utf-8", "html")
        case "markdown": ("text/markdown; charset=utf-8", "md")
        case "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl")
        default: ("text/csv; charset=utf-8", "csv")
        }
        var headers = HTTPFields()
        headers[.contentType] = type
        let name = "vietsearch-" + String(query.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == " " }
            .map(Character.init)).replacingOccurrences(of: " ", with: "-").prefix(60)
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-"))) ?? "ket-qua"
        headers[.contentDisposition] = "attachment; filename=\"vietsearch.\(suffix)\"; filename*=UTF-8''\(encoded).\(suffix)"
        // HEAD: the headers only; an export nobody reads would wait on its pipe for ever.
        if request.method == .head { return Response(status: .ok, headers: headers) }
        // The exporter writes into a pipe on a thread of its own (blocking when the client reads
        // slowly; not a pool thread, which the readers of the pipes need); the response reads the
        // other end. The download is written as it goes, never held whole.
        let pipe = Pipe()
        let output = pipe.fileHandleForWriting, input = pipe.fileHandleForReading
        var exportOptions = p.options
        exportOptions.anyTone = false  // a query with marks exports what it says, as the CLI does
        let options = exportOptions
        let pool = self.pool
        Thread.detachNewThread {
            defer { try? output.close() }
            try? pool.with { searcher in
                var sink = TextSink(handle: output)
                let exporter = Exporter(searcher: searcher)
                func write<W: ExportWriter>(_ writer: W) throws {
                    var writer = writer
                    _ = try exporter.export(query, options: options, to: &writer, sink: &sink)
                }
                switch format {
                case "html": try write(HTMLExportWriter())
                case "markdown": try write(MarkdownExportWriter())
                case "jsonl": try write(JSONLExportWriter())
                default: try write(CSVExportWriter())
                }
                try sink.commit()
            }
        }
        let threads = self.threads
        let body = ResponseBody { writer in
            defer { try? input.close() }  // a client gone: the exporter's next write fails and it stops
            while true {
                let chunk = try await threads.runIfActive { input.availableData }
                if chunk.isEmpty { break }
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    // MARK: Helpers

    /// Runs `body` with a searcher on the thread pool, off the event loops.
    /// The page of `query` and what its filters ask for that no article has (`SearchFilter.Unmet`).
    func search(_ query: String, _ p: SearchParameters) async throws -> (SearchResponse, [SearchFilter.Unmet]) {
        try await searching { s in (try s.search(query, options: p.options), try s.unmet(p.options.filter)) }
    }

    func searching<T: Sendable>(_ body: @escaping @Sendable (Searcher) throws -> T) async throws -> T {
        let pool = self.pool
        return try await threads.runIfActive { try pool.with(body) }
    }

    /// The query's name–value pairs, decoded as a form sends them (`+` is a space).
    static func pairs(_ request: Request) throws -> [(String, String)] {
        guard let query = request.uri.query, !query.isEmpty else { return [] }
        return try query.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring?) throws -> String {
                let plus = (s ?? "").replacingOccurrences(of: "+", with: " ")
                guard let text = plus.removingPercentEncoding else {
                    throw BadRequest("\(parts.first.map(String.init) ?? "a parameter") is not percent-encoded UTF-8")
                }
                return text
            }
            return (try decode(parts.first), try decode(parts.count > 1 ? parts[1] : nil))
        }
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    static func asset(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func error(_ message: String, status: HTTPResponse.Status) -> Response {
        json((try? JSONLine.encode(["error": message])) ?? "{\"error\":\"error\"}", status: status)
    }
}

/// In front of the router: only GET and HEAD; every error as JSON with the right status, never a
/// crash; a HEAD answered without its body; security headers on every response.
struct GuardResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let inner: RouterResponder<BasicRequestContext>

    static let policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    func respond(to request: Request, context: Context) async throws -> Response {
        var response: Response
        if request.method != .get && request.method != .head {
            response = SearchServer.error("only GET and HEAD are answered here", status: .methodNotAllowed)
            response.headers[.allow] = "GET, HEAD"
        } else {
            do {
                response = try await inner.respond(to: request, context: context)
            } catch let error as BadRequest {
                response = SearchServer.error(error.message, status: .badRequest)
            } catch let error as IndexError {
                // The query cannot be searched (no words, only exclusions…): the request's fault.
                response = SearchServer.error(error.localizedDescription, status: .badRequest)
            } catch let error as HTTPError {
                response = SearchServer.error(error.status == .notFound ? "no such page: \(request.uri.path)" : "\(error.status)", status: error.status)
            } catch {
                response = SearchServer.error("the server could not answer: \(error)", status: .internalServerError)
            }
        }
        if response.status == .notFound && response.headers[.contentType] == nil {
            response = SearchServer.error("no such page: \(request.uri.path)", status: .notFound)
        }
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        if request.method == .head { response.body = .init() }
        return response
    }
}

/// Read-only searchers, one per pool thread at most, handed out one request at a time.
final class SearcherPool: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var idle: [Searcher] = []

    init(path: String) throws {
        self.path = path
        idle.append(try Searcher(path: path, readOnly: true))
    }

    func with<T>(_ body: (Searcher) throws -> T) throws -> T {
        let searcher = try lock.withLock { idle.popLast() } ?? Searcher(path: path, readOnly: true)
        defer { lock.withLock { idle.append(searcher) } }
        return try body(searcher)
    }
}
