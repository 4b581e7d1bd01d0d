import Foundation
import TestSupport
import Testing

/// Issue #17: `vietsearch serve`, started as a user starts it, on a free loopback port.
final class Server {
    let process = Process()
    let url: String
    let folder: TemporaryFolder
    let db: String

    /// Indexes `lines` (JSON articles) and serves them.
    init(_ lines: [String]) throws {
        folder = TemporaryFolder()
        folder.write("in/a.jsonl", lines.joined(separator: "\n") + "\n")
        db = folder.path("x.sqlite")
        let indexed = try CLI.run(["index", folder.path("in"), "--db", db, "-q"])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--db", db, "--port", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line names the address.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        url = text.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init) ?? ""
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    }

    /// Makes the requests with Python's http.client (one process for all), in order.
    func get(_ paths: [String], method: String = "GET") throws -> [Reply] {
        let script = """
            import http.client, json, sys, urllib.parse
            base = urllib.parse.urlparse(sys.argv[1]); method = sys.argv[2]
            out = []
            for path in json.loads(sys.stdin.read()):
                c = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
                c.request(method, path)
                r = c.getresponse()
                body = r.read().decode("utf-8", "replace")
                out.append({"status": r.status, "headers": {k.lower(): v for k, v in r.getheaders()}, "body": body})
                c.close()
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, url, method]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: paths))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let replies = (try JSONSerialization.jsonObject(with: data)) as? [[String: Any]] ?? []
        return replies.map { Reply(status: $0["status"] as! Int, headers: $0["headers"] as! [String: String], body: $0["body"] as! String) }
    }

    func get(_ path: String) throws -> Reply { try get([path])[0] }
}

@Suite(.enabled(if: Extension.hasPython, "needs /usr/bin/python3 as the HTTP client"))
struct ServeTests {
    static let articles = [
        #"{"id": "ntm", "title": "Nông thôn", "source": "VNE", "category": "Xã hội", "date": "2006-03-15", "paragraphs": ["Cả xã đang xây dựng nông thôn mới.", "Đường làng được làm lại."]}"#,
        #"{"id": "plain", "title": "Khong dau", "source": "NLD", "paragraphs": ["Xay dung nong thon moi."]}"#,
        #"{"id": "dang", "title": "Đảng bộ", "source": "TN", "paragraphs": ["Đảng bộ tỉnh họp; trời đang mưa."]}"#,
        #"{"id": "evil", "title": "<script>alert('t')</script> & \"x\"", "source": "<b>VNE</b>", "paragraphs": ["\"><svg onload=alert(1)> nông thôn <blink>mới</blink>"]}"#,
    ]

    @Test func everyEndpointAnswersAsTheCLIDoes() throws {
        let server = try Server(Self.articles)
        #expect(server.url.hasPrefix("http://127.0.0.1:"), "it binds to loopback and says where: \(server.url)")
        let db = server.db
        // /api/search is the JSON of `search --format json`, but for the time it took.
        for (path, arguments) in [("/api/search?q=nong+thon+moi&limit=3", ["nong thon moi", "--limit", "3"]),
                                  ("/api/search?q=%C4%90%E1%BA%A3ng&strict=1", ["Đảng", "--strict"]),
                                  ("/api/search?q=nong&outlet=VNE&since=2006-01-01", ["nong", "--outlet", "VNE", "--since", "2006-01-01"]),
                                  ("/api/search?q=moi&any=1&offset=1&limit=1", ["moi", "--any", "--offset", "1", "--limit", "1"]),
                                  ("/api/search?q=nong+thon&sort=date", ["nong thon", "--sort", "date"])] {
            let reply = try server.get(path)
            #expect(reply.status == 200 && reply.headers["content-type"]?.hasPrefix("application/json") == true, "\(path)")
            var served = reply.json, cli = try CLI.run(["search", "--db", db, "--format", "json"] + arguments).json
            served["milliseconds"] = nil
            cli["milliseconds"] = nil
            #expect(NSDictionary(dictionary: served).isEqual(NSDictionary(dictionary: cli)), "\(path): \(reply.body)")
        }
        let suggest = try server.get("/api/suggest?q=nong+thon").json
        #expect((suggest["suggestions"] as? [[String: Any]])?.first?["text"] as? String == "nông thôn", "\(suggest)")
        // Exports are the CLI's, streamed, with a file name.
        for format in ["csv", "html", "markdown", "jsonl"] {
            let reply = try server.get("/api/export?q=n%C3%B4ng+th%C3%B4n&format=\(format)")
            let cli = try CLI.run(["export", "--db", db, "--format", format, "nông thôn"])
            #expect(reply.status == 200 && reply.body == cli.stdout, "\(format)")
            #expect(reply.headers["content-disposition"]?.hasPrefix("attachment;") == true)
        }
        // The page, with and without a query; an article with its paragraph marked.
        let page = try server.get("/?q=nong+thon+moi")
        #expect(page.status == 200 && page.body.contains("<mark>nông thôn mới</mark>") && page.body.contains("Thường viết là"), "\(page.body)")
        #expect(page.body.contains("href=\"/article?id=ntm&amp;p=1&amp;q=nong%20thon%20moi#p1\""), "\(page.body)")
        let article = try server.get("/article?id=ntm&p=1&q=n%C3%B4ng+th%C3%B4n")
        #expect(article.body.contains("<p id=\"p1\" class=\"focus\">") && article.body.contains("<mark>nông thôn</mark>"), "\(article.body)")
        #expect(try server.get("/article?id=nobody").status == 404)
        #expect(try server.get("/").body.contains("<form id=\"search\" action=\"/\" method=\"get\""))
        let script = try server.get("/app.js"), style = try server.get("/style.css")
        #expect(script.status == 200 && script.headers["content-type"]?.hasPrefix("text/javascript") == true)
        #expect(style.status == 200 && style.body.contains("@media"))
        // Every response carries the policy; HEAD has no body.
        #expect(page.headers["content-security-policy"]?.contains("script-src 'self'") == true)
        let heads = try server.get(["/?q=nong", "/api/export?q=nong&format=csv"], method: "HEAD")
        #expect(heads.allSatisfy { $0.status == 200 && $0.body.isEmpty })
        #expect(heads[1].headers["content-disposition"]?.hasPrefix("attachment;") == true, "a HEAD of a download starts no export")
    }

    @Test func badParametersAre400sWithAJSONError() throws {
        let server = try Server(Self.articles)
        let long = String(repeating: "a", count: 1_001)
        let bad = ["/api/search", "/api/search?q=", "/api/search?q=x&limit=500", "/api/search?q=x&limit=abc",
                   "/api/search?q=x&offset=-1", "/api/search?q=x&strict=maybe", "/api/search?q=x&since=hom+qua",
                   "/api/search?q=x&colour=red", "/api/search?q=\(long)", "/api/search?q=%22", "/api/search?q=-x",
                   "/api/search?q=a&q=b", "/api/search?q=x&per_article=0", "/api/export?q=x&format=pdf",
                   "/api/export?q=%22", "/api/suggest", "/article", "/api/search?q=%FF%FE", "/api/search?q=x&sort=newest"]
        let replies = try server.get(bad)
        for (path, reply) in zip(bad, replies) {
            #expect(reply.status == 400, "\(path): \(reply.status) \(reply.body)")
            #expect((reply.json["error"] as? String)?.isEmpty == false || reply.headers["content-type"]?.hasPrefix("text/html") == true,
                    "\(path): \(reply.body)")
        }
        let post = try server.get(["/api/search?q=x"], method: "POST")[0]
        #expect(post.status == 405 && post.headers["allow"] == "GET, HEAD")
        let missing = try server.get("/etc/passwd")
        #expect(missing.status == 404 && missing.json["error"] != nil)
        #expect(try server.get("/?q=x&limit=500").status == 400, "the page says so too")
    }

    @Test func hostileTextIsEscaped() throws {
        let server = try Server(Self.articles)
        for path in ["/?q=n%C3%B4ng+th%C3%B4n", "/?q=%3Cscript%3Ealert(1)%3C/script%3E", "/article?id=evil&p=1&q=n%C3%B4ng",
                     "/?q=x&since=%3Cscript%3E"] {
            let body = try server.get(path).body
            #expect(!body.contains("<script>alert") && !body.contains("<svg onload") && !body.contains("<blink>mới") && !body.contains("<b>VNE"),
                    "\(path): \(body)")
        }
        // An outlet no article has is said, the index's outlets escaped.
        let unknown = try server.get("/?q=nong&outlet=XYZ").body
        #expect(unknown.contains("<p class=\"hint unmet\">Không có bài nào của báo “XYZ” (chỉ mục có: &lt;b&gt;VNE&lt;/b&gt;, NLD, TN, VNE)</p>"),
                "\(unknown)")
        let api = try server.get("/api/search?q=nong&outlet=XYZ").json["unmet"] as? [[String: Any]]
        #expect(api?.first?["value"] as? String == "XYZ" && api?.first?["known"] as? [String] == ["<b>VNE</b>", "NLD", "TN", "VNE"])
        let page = try server.get("/?q=n%C3%B4ng+th%C3%B4n").body
        #expect(page.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; &quot;x&quot;"), "\(page)")
        #expect(page.contains("&quot;&gt;&lt;svg onload=alert(1)&gt;"))
    }

    @Test func itKeepsAnsweringWhileAnIndexRunWrites() throws {
        let server = try Server(Self.articles)
        // A second batch of articles, indexed into the same file while searches go on.
        var more: [String] = []
        for i in 0..<3_000 { more.append(#"{"id": "m\#(i)", "title": "Tin \#(i)", "paragraphs": ["Nông thôn mới số \#(i), đường làng và trường học."]}"#) }
        server.folder.write("more/b.jsonl", more.joined(separator: "\n") + "\n")
        let indexer = Process()
        indexer.executableURL = CLI.binary
        indexer.arguments = ["index", server.folder.path("more"), "--db", server.db, "-q"]
        try indexer.run()
        let replies = try server.get(Array(repeating: "/api/search?q=nong+thon+moi", count: 60))
        indexer.waitUntilExit()
        #expect(indexer.terminationStatus == 0)
        #expect(replies.allSatisfy { $0.status == 200 }, "\(replies.filter { $0.status != 200 }.map(\.body))")
        // Afterwards the new articles are found: the server's caches follow the index.
        #expect(try server.get("/api/search?q=nong+thon+moi").json["total"] as? Int ?? 0 > 3_000)
    }

    static var hasBrowser: Bool {
        ["/usr/bin/chromium", "/usr/bin/chromedriver", Extension.venvPython].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
            && FileManager.default.fileExists(atPath: CLI.root.appendingPathComponent(".build/venv/lib").path)
    }

    @Test(.enabled(if: ServeTests.hasBrowser, "needs chromium, chromium-driver and Selenium in .build/venv (.ci/run installs them)"))
    func aRealBrowserSearchesFollowsFiltersAndDownloads() throws {
        let server = try Server(Self.articles + [
            #"{"id": "vne2", "title": "Tin VNE", "source": "VNE", "paragraphs": ["Chương trình nông thôn mới ở miền núi."]}"#,
            #"{"id": "nld2", "title": "Tin NLD", "source": "NLD", "paragraphs": ["Nông dân nói về nông thôn mới."]}"#,
        ])
        let shots = CLI.root.appendingPathComponent(".build/screenshots").path
        let r = try Extension.run("/usr/bin/timeout", ["180", Extension.venvPython,
                                                       CLI.root.appendingPathComponent("scripts/browser-check.py").path, server.url, shots])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("ok: a CSV was downloaded") && !r.stdout.contains("FAILED"), "\(r.stdout)")
        #expect(FileManager.default.fileExists(atPath: shots + "/search.png"), "a screenshot under .build/screenshots")
    }

    @Test func sixteenClientsAndAnIndexRunAtOnce() throws {
        let server = try Server(Self.articles)
        var more: [String] = []
        for i in 0..<5_000 { more.append(#"{"id": "m\#(i)", "title": "Tin \#(i)", "paragraphs": ["Giá vàng hôm nay, nông thôn mới số \#(i)."]}"#) }
        server.folder.write("more/b.jsonl", more.joined(separator: "\n") + "\n")
        let indexer = Process()
        indexer.executableURL = CLI.binary
        indexer.arguments = ["index", server.folder.path("more"), "--db", server.db, "-q"]
        try indexer.run()
        let r = try Extension.run("/usr/bin/timeout", ["600", Extension.python, CLI.root.appendingPathComponent("scripts/load-check.py").path,
                                                       server.url, "--clients", "16", "--requests", "5000",
                                                       "--queries", CLI.root.appendingPathComponent("scripts/queries.txt").path])
        indexer.waitUntilExit()
        #expect(indexer.terminationStatus == 0)
        #expect(r.status == 0 && r.stdout.contains("5000 requests, 16 clients, 0 errors"), "\(r.stdout)\(r.stderr)")
        print("serve load: " + r.stdout.split(separator: "\n").first.map(String.init)!)
    }
}
