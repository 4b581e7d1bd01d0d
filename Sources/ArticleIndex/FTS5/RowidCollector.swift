import CSQLite
import Foundation

/// `vcollect(exact, collector)`: an FTS5 auxiliary function that, on the first matching row,
/// reads the whole doclist of each phrase of the query through xQueryPhrase and hands the
/// rowids to a `RowidCollector`. That is several times cheaper than stepping an SQL statement
/// once per row: an exact set of 50,000 rows took about 10 ms that way.
final class RowidCollector {
    /// The rowids of each phrase, ascending.
    var phrases: [[Int64]] = []

    /// The pointer type tag `vcollect` checks: a C string that lives forever.
    nonisolated(unsafe) static let pointerType = strdup("vcollect_rows")!

    /// The rows holding every phrase.
    var intersection: [Int64] {
        guard var result = phrases.first else { return [] }
        for other in phrases.dropFirst() {
            var out: [Int64] = [], i = 0, j = 0
            while i < result.count && j < other.count {
                if result[i] < other[j] { i += 1 } else if result[i] > other[j] { j += 1 } else {
                    out.append(result[i]); i += 1; j += 1
                }
            }
            result = out
        }
        return result
    }

    static let function: fts5_extension_function = { api, fts, ctx, nVal, values in
        guard let api, let fts, let ctx, nVal >= 1, let values,
              let raw = sqlite3_value_pointer(values[0], RowidCollector.pointerType) else { return }
        let collector = Unmanaged<RowidCollector>.fromOpaque(raw).takeUnretainedValue()
        let a = api.pointee
        guard collector.phrases.isEmpty else { sqlite3_result_null(ctx); return }
        for i in 0..<a.xPhraseCount(fts) {
            var rows: [Int64] = []
            let rc = withUnsafeMutablePointer(to: &rows) { pointer in
                a.xQueryPhrase(fts, i, pointer) { api, fts, user in
                    user!.assumingMemoryBound(to: [Int64].self).pointee.append(api!.pointee.xRowid(fts))
                    return SQLITE_OK
                }
            }
            guard rc == SQLITE_OK else { sqlite3_result_error_code(ctx, rc); return }
            collector.phrases.append(rows)
        }
        sqlite3_result_null(ctx)
    }
}
