import CSQLite
import VietnameseText

/// `vfold(text)` and `vexact(text)`: the words of a text as the index stores them, folded
/// (`vfold('Đảng Cộng sản')` = `dang cong san`) or in exact form (`đảng cộng sản`), separated by
/// single spaces. NULL gives NULL, as SQLite's own text functions do; a number is read as its text;
/// a blob is an error.
enum TextFunctions {
    static func register(on db: OpaquePointer) -> Int32 {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
        var rc = sqlite3_create_function_v2(db, "vfold", 1, flags, nil, fold, nil, nil, nil)
        if rc == SQLITE_OK { rc = sqlite3_create_function_v2(db, "vexact", 1, flags, nil, exact, nil, nil, nil) }
        return rc
    }

    static let fold: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, n, values in
        forms(ctx, n, values, name: "vfold") { bytes in
            var words: [String] = []
            StoredTokenizer().tokenize(bytes) { token in
                if token.kind == .word { words.append(String(decoding: token.bytes, as: UTF8.self)) }
                return true
            }
            return words
        }
    }

    static let exact: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, n, values in
        forms(ctx, n, values, name: "vexact") { bytes in
            var words: [String] = []
            StoredTokenizer().exactForms(bytes) { form, _, _ in
                words.append(String(decoding: form, as: UTF8.self))
                return true
            }
            return words
        }
    }

    static func forms(_ ctx: OpaquePointer?, _ n: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?, name: String,
                      _ words: (UnsafeBufferPointer<UInt8>) -> [String]) {
        guard let ctx else { return }
        guard n == 1, let value = values?[0] else {
            sqlite3_result_error(ctx, "\(name)(text) takes one argument", -1)
            return
        }
        switch sqlite3_value_type(value) {
        case SQLITE_NULL:
            sqlite3_result_null(ctx)
            return
        case SQLITE_BLOB:
            sqlite3_result_error(ctx, "\(name)(text): the argument is a blob, not text", -1)
            return
        default: break
        }
        let count = Int(sqlite3_value_bytes(value))
        let text = sqlite3_value_text(value)
        let out = words(UnsafeBufferPointer(start: text, count: text == nil ? 0 : count)).joined(separator: " ")
        sqlite3_result_text(ctx, out, -1, transient)
    }
}
