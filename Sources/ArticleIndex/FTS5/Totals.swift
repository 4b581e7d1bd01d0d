import CSQLite

/// `vtotals(passages, n)`: FTS5's row count (`n` = 0) or its total of token counts, all columns
/// (`n` = 1), the two figures `vrank` takes BM25's average length and IDF from. `Searcher` reads
/// them once per index version for the searches that do not run `vrank` (`ImpactLists`).
enum Totals {
    static let function: fts5_extension_function = { api, fts, ctx, nVal, values in
        guard let api, let fts, let ctx else { return }
        guard nVal == 1, let values, case let which = sqlite3_value_int64(values[0]), which == 0 || which == 1 else {
            sqlite3_result_error(ctx, "vtotals(passages, n): n is 0 (rows) or 1 (tokens)", -1)
            return
        }
        var value: Int64 = 0
        let rc = which == 0 ? api.pointee.xRowCount(fts, &value) : api.pointee.xColumnTotalSize(fts, -1, &value)
        guard rc == SQLITE_OK else { sqlite3_result_error_code(ctx, rc); return }
        sqlite3_result_int64(ctx, value)
    }
}
