import ArticleIndex
import CSQLite
import Foundation

/// `vsearch`: the CLI's search as an eponymous table-valued function.
///
/// ```sql
/// SELECT rank, article_id, title, outlet, paragraph, snippet, highlights, score
/// FROM vsearch('nong thon moi') LIMIT 10;
/// SELECT * FROM vsearch WHERE query = 'Đảng' AND strict = 1 AND outlets = 'VNE,NLD';
/// ```
///
/// Its rows are those of `vietsearch search --format json` for the same query and options: the
/// same ranking, text, snippet and highlights (`[[start, end], ...]` in Unicode scalars, as JSON
/// text). The arguments are hidden columns, in this order: `query`, `strict`, `any` (0 or 1),
/// `outlets`, `categories` (comma-separated), `since`, `until` (dates) and `per_article`. SQL's
/// `LIMIT` and `OFFSET` reach the search, so that only the rows asked for get snippets; without a
/// `LIMIT` every match is returned.
///
/// The search runs on a read-only connection of its own to the file of the host connection's
/// `main` database, opened at the first search through the same SQLite (the API table): loading
/// the extension or searching never writes to the index.
final class SearchTable {
    static let columns = ["rank", "score", "article_id", "title", "source", "url", "date", "category", "outlet",
                          "paragraph", "text", "snippet", "highlights"]
    static let arguments = ["query", "strict", "any", "outlets", "categories", "since", "until", "per_article"]
    /// The longest query taken, in bytes: the CLI's 64 words never need more.
    static let maxQueryBytes = 10_000
    static let limitBit = 1 << 20, offsetBit = 1 << 21

    let path: String
    private var searcher: Searcher?

    init(path: String) { self.path = path }

    func search(_ query: String, options: SearchOptions) throws -> SearchResponse {
        if searcher == nil {
            guard !path.isEmpty else {
                throw SearchTableError("the main database is not a file (in memory or temporary): open a VietSearch index")
            }
            searcher = try Searcher(path: path, readOnly: true)
        }
        return try searcher!.search(query, options: options)
    }

    /// One row of results.
    struct Row {
        var record: ResultRecord
        var highlights: String
    }

    nonisolated(unsafe) static var module: sqlite3_module = {
        var m = sqlite3_module()
        m.iVersion = 0
        m.xCreate = nil  // eponymous-only: `vsearch` exists in every schema, no CREATE VIRTUAL TABLE
        m.xConnect = connect
        m.xBestIndex = bestIndex
        m.xDisconnect = disconnect
        m.xDestroy = disconnect
        m.xOpen = open
        m.xClose = close
        m.xFilter = filter
        m.xNext = next
        m.xEof = eof
        m.xColumn = column
        m.xRowid = rowid
        return m
    }()

    static func register(on db: OpaquePointer) -> Int32 {
        sqlite3_create_module_v2(db, "vsearch", &module, nil, nil)
    }
}

struct SearchTableError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

// The vtab and cursor objects SQLite holds: its struct first, then our object, in one allocation.
private func allocate<Base>(_ base: Base.Type, owner: AnyObject) -> UnsafeMutableRawPointer {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<Base>.stride + MemoryLayout<UnsafeRawPointer>.stride,
                                               alignment: max(MemoryLayout<Base>.alignment, MemoryLayout<UnsafeRawPointer>.alignment))
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<Base>.stride)
    raw.storeBytes(of: Unmanaged.passRetained(owner).toOpaque(), toByteOffset: MemoryLayout<Base>.stride, as: UnsafeMutableRawPointer.self)
    return raw
}

private func owner<Base, T: AnyObject>(_ raw: UnsafeMutableRawPointer, _ base: Base.Type, as: T.Type) -> T {
    Unmanaged<T>.fromOpaque(raw.load(fromByteOffset: MemoryLayout<Base>.stride, as: UnsafeMutableRawPointer.self)).takeUnretainedValue()
}

private func release<Base>(_ raw: UnsafeMutableRawPointer, _ base: Base.Type) {
    Unmanaged<AnyObject>.fromOpaque(raw.load(fromByteOffset: MemoryLayout<Base>.stride, as: UnsafeMutableRawPointer.self)).release()
    raw.deallocate()
}

private func fail(_ vtab: UnsafeMutablePointer<sqlite3_vtab>?, _ message: String) -> Int32 {
    if let vtab {
        sqlite3_free(vtab.pointee.zErrMsg)
        vtab.pointee.zErrMsg = sqliteString("vsearch: " + message)
    }
    return SQLITE_ERROR
}

/// What one cursor returns: the rows of one search.
private final class Cursor {
    var rows: [SearchTable.Row] = []
    var at = 0
    var query = ""
}

private let connect: @convention(c) (
    OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
    UnsafeMutablePointer<UnsafeMutablePointer<sqlite3_vtab>?>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 = { db, _, _, _, out, error in
    guard let db, let out else { return SQLITE_MISUSE }
    let columns = SearchTable.columns.map { name in
        name == "rank" || name == "paragraph" ? "\(name) INTEGER" : name == "score" ? "\(name) REAL" : "\(name) TEXT"
    } + SearchTable.arguments.map { "\"\($0)\" HIDDEN" }
    let rc = sqlite3_declare_vtab(db, "CREATE TABLE x(" + columns.joined(separator: ", ") + ")")
    guard rc == SQLITE_OK else { return rc }
    let path = sqlite3_db_filename(db, "main").map { String(cString: $0) } ?? ""
    let raw = allocate(sqlite3_vtab.self, owner: SearchTable(path: path))
    out.pointee = raw.assumingMemoryBound(to: sqlite3_vtab.self)
    return SQLITE_OK
}

private let disconnect: @convention(c) (UnsafeMutablePointer<sqlite3_vtab>?) -> Int32 = { vtab in
    guard let vtab else { return SQLITE_OK }
    sqlite3_free(vtab.pointee.zErrMsg)
    release(UnsafeMutableRawPointer(vtab), sqlite3_vtab.self)
    return SQLITE_OK
}

/// Takes every `=` constraint on an argument column, and LIMIT and OFFSET; `idxNum` says which
/// were taken, and `xFilter` gets their values in column order (LIMIT and OFFSET last). A plan
/// without a query is allowed but costed out, so that a missing query is `xFilter`'s clear error.
private let bestIndex: @convention(c) (UnsafeMutablePointer<sqlite3_vtab>?, UnsafeMutablePointer<sqlite3_index_info>?) -> Int32 = { vtab, info in
    guard let info else { return SQLITE_MISUSE }
    let first = Int32(SearchTable.columns.count)
    let n = Int(info.pointee.nConstraint)
    var chosen: [Int: Int] = [:]  // bit → constraint
    for i in 0..<n {
        let c = info.pointee.aConstraint[i]
        guard c.usable != 0 else { continue }
        switch Int32(c.op) {
        case Int32(SQLITE_INDEX_CONSTRAINT_EQ) where c.iColumn >= first && c.iColumn < first + Int32(SearchTable.arguments.count):
            let bit = 1 << Int(c.iColumn - first)
            if chosen[bit] == nil { chosen[bit] = i }
        case Int32(SQLITE_INDEX_CONSTRAINT_LIMIT): chosen[SearchTable.limitBit] = i
        case Int32(SQLITE_INDEX_CONSTRAINT_OFFSET): chosen[SearchTable.offsetBit] = i
        default: continue
        }
    }
    var argv: Int32 = 1, mask = 0
    for bit in chosen.keys.sorted() {
        let i = chosen[bit]!
        info.pointee.aConstraintUsage[i].argvIndex = argv
        // Arguments are consumed here; SQLite still applies LIMIT and OFFSET itself.
        info.pointee.aConstraintUsage[i].omit = bit < SearchTable.limitBit ? 1 : 0
        argv += 1
        mask |= bit
    }
    info.pointee.idxNum = Int32(mask)
    let hasQuery = mask & 1 != 0
    info.pointee.estimatedCost = hasQuery ? 1000 : 1e12
    info.pointee.estimatedRows = hasQuery ? 100 : 1_000_000
    return SQLITE_OK
}

private let open: @convention(c) (UnsafeMutablePointer<sqlite3_vtab>?, UnsafeMutablePointer<UnsafeMutablePointer<sqlite3_vtab_cursor>?>?) -> Int32 = { _, out in
    guard let out else { return SQLITE_MISUSE }
    out.pointee = allocate(sqlite3_vtab_cursor.self, owner: Cursor()).assumingMemoryBound(to: sqlite3_vtab_cursor.self)
    return SQLITE_OK
}

private let close: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> Int32 = { cursor in
    if let cursor { release(UnsafeMutableRawPointer(cursor), sqlite3_vtab_cursor.self) }
    return SQLITE_OK
}

private func typeName(_ type: Int32) -> String {
    switch type {
    case SQLITE_INTEGER: "an integer"
    case SQLITE_FLOAT: "a real number"
    case SQLITE_BLOB: "a blob"
    case SQLITE_NULL: "NULL"
    default: "text"
    }
}

private let filter: @convention(c) (
    UnsafeMutablePointer<sqlite3_vtab_cursor>?, Int32, UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 = { cursorPointer, idxNum, _, argc, argv in
    guard let cursorPointer, let vtab = cursorPointer.pointee.pVtab else { return SQLITE_MISUSE }
    let table = owner(UnsafeMutableRawPointer(vtab), sqlite3_vtab.self, as: SearchTable.self)
    let cursor = owner(UnsafeMutableRawPointer(cursorPointer), sqlite3_vtab_cursor.self, as: Cursor.self)
    cursor.rows = []
    cursor.at = 0
    // The values, by argument name, in the order bestIndex gave them.
    var values: [String: OpaquePointer] = [:]
    var k = 0
    let names = SearchTable.arguments.enumerated().map { (1 << $0.offset, $0.element) } + [(SearchTable.limitBit, "LIMIT"), (SearchTable.offsetBit, "OFFSET")]
    for (bit, name) in names where Int(idxNum) & bit != 0 {
        guard k < Int(argc), let value = argv?[k] else { return fail(vtab, "internal error: missing argument \(name)") }
        values[name] = value
        k += 1
    }
    func text(_ name: String) -> Result<String?, SearchTableError> {
        guard let v = values[name] else { return .success(nil) }
        let type = sqlite3_value_type(v)
        if type == SQLITE_NULL { return .success(nil) }
        guard type == SQLITE_TEXT else { return .failure(SearchTableError("\(name) must be text, not \(typeName(type))")) }
        let count = Int(sqlite3_value_bytes(v))
        guard count <= SearchTable.maxQueryBytes else {
            return .failure(SearchTableError("\(name) is \(count) bytes long; at most \(SearchTable.maxQueryBytes) are taken"))
        }
        guard let p = sqlite3_value_text(v) else { return .success("") }
        return .success(String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self))
    }
    func integer(_ name: String, _ range: ClosedRange<Int64>) -> Result<Int64?, SearchTableError> {
        guard let v = values[name] else { return .success(nil) }
        let type = sqlite3_value_type(v)
        if type == SQLITE_NULL { return .success(nil) }
        // Text that is an integer counts as one: Datasette and other tools pass parameters as text.
        var number: Int64?
        if type == SQLITE_INTEGER {
            number = sqlite3_value_int64(v)
        } else if type == SQLITE_TEXT, sqlite3_value_bytes(v) <= 20, let p = sqlite3_value_text(v) {
            number = Int64(String(cString: p).trimmingCharacters(in: .whitespaces))
        }
        guard let number else {
            return .failure(SearchTableError("\(name) must be an integer, not \(typeName(type))"))
        }
        guard range.contains(number) else {
            return .failure(SearchTableError("\(name) must be from \(range.lowerBound) to \(range.upperBound), not \(number)"))
        }
        return .success(number)
    }
    func list(_ s: String?) -> [String] {
        (s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    do {
        guard let query = try text("query").get() else {
            throw SearchTableError("give a query: SELECT * FROM vsearch('nong thon moi'), or WHERE query = '…'")
        }
        var options = SearchOptions(strict: try integer("strict", 0...1).get() == 1, any: try integer("any", 0...1).get() == 1)
        var filter = SearchFilter(outlets: list(try text("outlets").get()), categories: list(try text("categories").get()))
        for name in ["since", "until"] {
            guard let value = try text(name).get() else { continue }
            guard let day = ArticleDate.day(value) else { throw SearchTableError("\(name) \(value) is not a date; write 2006-03-15 or 15/03/2006") }
            if name == "since" { filter.since = day } else { filter.until = day }
        }
        options.filter = filter
        options.perArticle = try integer("per_article", 1...Int64(Int32.max)).get().map(Int.init)
        // LIMIT n OFFSET m: the first n + m rows, which SQLite then skips and cuts itself.
        let limit = try integer("LIMIT", Int64.min...Int64.max).get()
        let offset = max(0, try integer("OFFSET", Int64.min...Int64.max).get() ?? 0)
        options.limit = limit.map { $0 < 0 ? -1 : Int(min($0 + offset, Int64(Int32.max))) } ?? -1
        let response = try table.search(query, options: options)
        cursor.query = query
        cursor.rows = try response.results.map { r in
            let record = ResultRecord(r)
            return SearchTable.Row(record: record, highlights: try JSONLine.encode(record.highlights))
        }
        return SQLITE_OK
    } catch let error as SearchTableError {
        return fail(vtab, error.description)
    } catch let error as IndexError {
        return fail(vtab, error.localizedDescription)
    } catch {
        return fail(vtab, "\(error)")
    }
}

private let next: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> Int32 = { cursor in
    guard let cursor else { return SQLITE_MISUSE }
    owner(UnsafeMutableRawPointer(cursor), sqlite3_vtab_cursor.self, as: Cursor.self).at += 1
    return SQLITE_OK
}

private let eof: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> Int32 = { cursor in
    guard let cursor else { return 1 }
    let c = owner(UnsafeMutableRawPointer(cursor), sqlite3_vtab_cursor.self, as: Cursor.self)
    return c.at >= c.rows.count ? 1 : 0
}

private let column: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?, OpaquePointer?, Int32) -> Int32 = { cursor, ctx, i in
    guard let cursor, let ctx else { return SQLITE_MISUSE }
    let c = owner(UnsafeMutableRawPointer(cursor), sqlite3_vtab_cursor.self, as: Cursor.self)
    guard c.at < c.rows.count else { sqlite3_result_null(ctx); return SQLITE_OK }
    let row = c.rows[c.at], r = row.record
    func text(_ s: String?) {
        if let s { sqlite3_result_text(ctx, s, -1, transient) } else { sqlite3_result_null(ctx) }
    }
    switch i {
    case 0: sqlite3_result_int64(ctx, Int64(r.rank))
    case 1: sqlite3_result_double(ctx, r.score)
    case 2: text(r.article.id)
    case 3: text(r.article.title)
    case 4: text(r.article.source)
    case 5: text(r.article.url)
    case 6: text(r.article.date)
    case 7: text(r.article.category)
    case 8: text(r.article.outlet)
    case 9: sqlite3_result_int64(ctx, Int64(r.paragraph))
    case 10: text(r.text)
    case 11: text(r.snippet)
    case 12: text(row.highlights)
    case 13: text(c.query)
    default: sqlite3_result_null(ctx)
    }
    return SQLITE_OK
}

private let rowid: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?, UnsafeMutablePointer<sqlite3_int64>?) -> Int32 = { cursor, out in
    guard let cursor, let out else { return SQLITE_MISUSE }
    let c = owner(UnsafeMutableRawPointer(cursor), sqlite3_vtab_cursor.self, as: Cursor.self)
    out.pointee = c.at < c.rows.count ? Int64(c.rows[c.at].record.rank) : 0
    return SQLITE_OK
}
