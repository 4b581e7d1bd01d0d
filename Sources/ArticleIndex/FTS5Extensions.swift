import CSQLite
import Foundation
import VietnameseText

/// Registers the `viet` FTS5 tokenizer and the `vrank` ranking function on a connection.
///
/// The tokenizer emits, at each position, the folded form of the word (`dang`), and for a word with
/// marks a colocated exact token, `=` + the exact form (`=đảng`). Sentence punctuation between two
/// words becomes a `.` token of its own, so that a phrase never spans it. In query mode it emits the
/// exact token for a marked word and the folded token otherwise: the query compiler chooses which by
/// spelling the term with or without its marks.
enum FTS5Extensions {
    /// Marks an exact-form token in the index; folded tokens never contain `=`.
    static let exactMarker = UInt8(ascii: "=")
    /// The token written where sentence punctuation separates two words.
    static let boundaryToken = UInt8(ascii: ".")

    // The pointer type tag SQLite compares in `fts5(?)`: a C string that lives forever.
    nonisolated(unsafe) private static let apiPointerType = strdup("fts5_api_ptr")!

    static func api(_ db: Database) throws -> UnsafeMutablePointer<fts5_api> {
        let stmt = try db.prepare("SELECT fts5(?1)")
        var api: UnsafeMutablePointer<fts5_api>?
        try withUnsafeMutablePointer(to: &api) { slot in
            sqlite3_bind_pointer(stmt.stmt, 1, slot, apiPointerType, nil)
            _ = try stmt.step()
        }
        guard let api else { throw IndexError.cannotOpen(path: db.path, reason: "this SQLite has no FTS5") }
        return api
    }

    static func register(on db: Database) throws {
        let api = try api(db)
        var tokenizer = fts5_tokenizer(xCreate: createTokenizer, xDelete: deleteTokenizer, xTokenize: tokenize)
        var rc = api.pointee.xCreateTokenizer(api, "viet", nil, &tokenizer, nil)
        guard rc == SQLITE_OK else { throw db.error(rc) }
        rc = api.pointee.xCreateFunction(api, "vrank", nil, Ranking.function, nil)
        guard rc == SQLITE_OK else { throw db.error(rc) }
    }
}

/// One tokenizer per FTS5 table and connection: the Swift tokenizer and a buffer for exact tokens.
final class FTS5TokenizerInstance {
    let tokenizer = VietnameseTokenizer()
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1024)
    deinit { buffer.deallocate() }
}

private let createTokenizer: @convention(c) (
    UnsafeMutableRawPointer?, UnsafeMutablePointer<UnsafePointer<CChar>?>?, Int32,
    UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 = { _, _, nArg, out in
    // Strict options, as SQLite's own tokenizers: `viet` takes none.
    guard nArg == 0, let out else { return SQLITE_ERROR }
    // Retained here, released in deleteTokenizer when FTS5 drops the table's tokenizer.
    out.pointee = OpaquePointer(Unmanaged.passRetained(FTS5TokenizerInstance()).toOpaque())
    return SQLITE_OK
}

private let deleteTokenizer: @convention(c) (OpaquePointer?) -> Void = { tok in
    guard let tok else { return }
    Unmanaged<FTS5TokenizerInstance>.fromOpaque(UnsafeRawPointer(tok)).release()
}

private let tokenize: @convention(c) (
    OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32,
    (@convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32)?
) -> Int32 = { tok, ctx, flags, text, nText, xToken in
    guard let tok, let xToken else { return SQLITE_ERROR }
    guard let text, nText > 0 else { return SQLITE_OK }
    let instance = Unmanaged<FTS5TokenizerInstance>.fromOpaque(UnsafeRawPointer(tok)).takeUnretainedValue()
    let isQuery = flags & FTS5_TOKENIZE_QUERY != 0
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: Int(nText))
    let buffer = instance.buffer
    var rc = SQLITE_OK
    func emit(_ flags: Int32, _ token: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        guard rc == SQLITE_OK else { return }
        rc = token.withMemoryRebound(to: CChar.self) {
            xToken(ctx, flags, $0.baseAddress, Int32($0.count), Int32(start), Int32(end))
        }
    }
    func exactToken(_ t: TokenView) -> UnsafeBufferPointer<UInt8> {
        buffer[0] = FTS5Extensions.exactMarker
        (buffer + 1).update(from: t.exact.baseAddress!, count: t.exact.count)
        return UnsafeBufferPointer(start: buffer, count: t.exact.count + 1)
    }
    instance.tokenizer.tokenize(bytes) { t in
        if isQuery {
            emit(0, t.isMarked ? exactToken(t) : t.folded, t.start, t.end)
            return rc == SQLITE_OK
        }
        if t.followsPunctuation {
            buffer[0] = FTS5Extensions.boundaryToken
            emit(0, UnsafeBufferPointer(start: buffer, count: 1), t.start, t.start)
        }
        emit(0, t.folded, t.start, t.end)
        if t.isMarked { emit(FTS5_TOKEN_COLOCATED, exactToken(t), t.start, t.end) }
        if let alt = t.alternate { emit(FTS5_TOKEN_COLOCATED, alt, t.start, t.end) }
        return rc == SQLITE_OK
    }
    return rc
}
