import CSQLite
import Foundation
import VietnameseText

/// The `viet` FTS5 tokenizer: one instance per FTS5 table and connection, holding the Swift
/// tokenizer and its mode, and the three callbacks FTS5 calls (`fts5_tokenizer`).
final class FTS5Tokenizer {
    let tokenizer = StoredTokenizer()
    let exactOnly: Bool
    init(exactOnly: Bool) { self.exactOnly = exactOnly }

    /// The methods FTS5 is given for `viet` (`xCreateTokenizer`).
    static var methods: fts5_tokenizer { fts5_tokenizer(xCreate: create, xDelete: delete, xTokenize: tokenize) }
}

extension FTS5Tokenizer {
    private static let create: @convention(c) (
        UnsafeMutableRawPointer?, UnsafeMutablePointer<UnsafePointer<CChar>?>?, Int32,
        UnsafeMutablePointer<OpaquePointer?>?
    ) -> Int32 = { _, args, nArg, out in
        // Strict options, as SQLite's own tokenizers: `viet` takes none, or the one word `exact`.
        guard let out else { return SQLITE_ERROR }
        var exactOnly = false
        if nArg == 1, let arg = args?[0], String(cString: arg) == "exact" {
            exactOnly = true
        } else if nArg != 0 {
            return SQLITE_ERROR
        }
        // Retained here, released in deleteTokenizer when FTS5 drops the table's tokenizer.
        out.pointee = OpaquePointer(Unmanaged.passRetained(FTS5Tokenizer(exactOnly: exactOnly)).toOpaque())
        return SQLITE_OK
    }

    private static let delete: @convention(c) (OpaquePointer?) -> Void = { tok in
        guard let tok else { return }
        Unmanaged<FTS5Tokenizer>.fromOpaque(UnsafeRawPointer(tok)).release()
    }

    private static let tokenize: @convention(c) (
        OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32,
        (@convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32)?
    ) -> Int32 = { tok, ctx, flags, text, nText, xToken in
        guard let tok, let xToken else { return SQLITE_ERROR }
        guard let text, nText > 0 else { return SQLITE_OK }
        let instance = Unmanaged<FTS5Tokenizer>.fromOpaque(UnsafeRawPointer(tok)).takeUnretainedValue()
        let isQuery = flags & FTS5_TOKENIZE_QUERY != 0
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        // The status lives behind a pointer (on the stack): a captured `var` would cost an exclusivity
        // check per token.
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2) { buffer -> Int32 in
            let status = buffer.baseAddress!
            status[0] = SQLITE_OK
            status[1] = 0
            @inline(__always) func emit(_ flags: Int32, _ token: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
                status[0] = xToken(ctx, flags, UnsafeRawPointer(token.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                   Int32(token.count), Int32(start), Int32(end))
                return status[0] == SQLITE_OK
            }
            if instance.exactOnly {
                instance.tokenizer.exactForms(bytes) { emit(0, $0, $1, $2) }
                return status[0]
            }
            var sink = Sink(xToken: xToken, context: ctx, status: status, isQuery: isQuery)
            instance.tokenizer.tokenize(bytes, into: &sink)
            return status[0]
        }
    }

    /// Passes stored tokens on to FTS5: the words and boundaries at positions of their own, the
    /// alternates and joined forms colocated. A query is our own quoted words: its words count, and
    /// a boundary between two of them, which a phrase holding sentence punctuation has
    /// (`"ha noi . da nang"`, `RankingPlan.Term.expression`); `status[1]` says a word was passed.
    private struct Sink: StoredTokenSink {
        let xToken: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32
        let context: UnsafeMutableRawPointer?
        let status: UnsafeMutablePointer<Int32>
        let isQuery: Bool

        @inline(__always) func take(_ s: StoredToken) -> Bool {
            if isQuery {
                if s.kind == .word { status[1] = 1 } else if s.kind != .boundary || status[1] == 0 { return true }
            }
            status.pointee = xToken(context, s.kind.takesPosition ? 0 : FTS5_TOKEN_COLOCATED,
                                    UnsafeRawPointer(s.bytes.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                    Int32(s.bytes.count), Int32(s.start), Int32(s.end))
            return status.pointee == SQLITE_OK
        }
    }
}
