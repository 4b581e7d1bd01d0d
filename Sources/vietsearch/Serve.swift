import ArgumentParser
import ArticleIndex
import Foundation
import SearchServer

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a search page and its JSON API over the index.",
        discussion: """
        Open the address it prints in a browser. The page searches as you type (and works \
        without JavaScript), shows each hit with its outlet, date and paragraph, opens whole \
        articles, and downloads the results as CSV, HTML, Markdown or JSONL. The API: \
        GET /api/search (the JSON of search --format json), /api/suggest and /api/export. \
        Searches use read-only connections; an index run may write to the same file meanwhile.

        Examples:
          vietsearch serve
          vietsearch serve --db archive.sqlite --port 9000
          curl 'http://127.0.0.1:8080/api/search?q=nong+thon+moi&limit=3'

        """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The address to listen on (loopback unless told otherwise).") var host = "127.0.0.1"
    @Option(help: "The port (0: any free port).") var port = 8080

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() throws {
        try DefaultIndex.ensure(database.db)
        let server = try SearchServer(path: database.db)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: Error?
        Task {
            do {
                try await server.run(host: host, port: port) { address in
                    print("VietSearch: \(address)  (index \(database.db); Ctrl-C to stop)")
                    fflush(nil)
                }
            } catch {
                failure = error
            }
            done.signal()
        }
        done.wait()
        if let failure { throw CommandFailure("cannot serve on \(host):\(port): \(failure)") }
    }
}
