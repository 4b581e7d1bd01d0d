import CSQLite
import Foundation

/// `vrank(passages, mode, roles)`: the FTS5 auxiliary function that ranks a matching row.
///
/// It folds three things into one higher-is-better score, so that one `ORDER BY … LIMIT` query
/// returns the best page: BM25 over the query's terms (title column weighted `titleWeight`),
/// exact-form preference for accented terms, and adjacency of the query's words.
///
/// `roles` names each phrase of the FTS5 expression in order: `t<k>` the folded form of term k,
/// `x<k>` its exact form, `p<k>` an adjacency phrase starting at term k, `-` an excluded phrase.
///
/// - `and` mode: score = 1000 × (share of accented terms found in exact form)
///   + 100 × (words adjacent and in order) + BM25 (capped below 100). Exact matches therefore
///   come before folded-only ones, and adjacent before scattered.
/// - `any` mode (natural-language questions): BM25 with each accented term found only in folded
///   form counted at `foldedOnlyWeight`, plus each adjacent pair of query words present as a
///   bonus of half its two terms' IDF.
enum Ranking {
    static let titleWeight = 2.0
    static let foldedOnlyWeight = 0.6
    static let k1 = 1.2, b = 0.75

    enum Role: Equatable { case term(Int), exact(Int), adjacent(Int), excluded }

    /// What the function learns once per query: roles and IDFs. Lives in FTS5's aux data.
    final class QueryData {
        var roles: [Role] = []
        var termCount = 0
        var accented: [Bool] = []
        var idf: [Double] = []
        var avgLength = 1.0
        var isAny = false
        // Scratch per row, kept to avoid allocations.
        var tf: [Double] = []
        var exact: [Bool] = []
        var adjacent: [Bool] = []
    }

    static func parseRoles(_ text: String) -> [Role] {
        text.split(separator: " ").map { item in
            let k = Int(item.dropFirst()) ?? 0
            switch item.first {
            case "t": return .term(k)
            case "x": return .exact(k)
            case "p": return .adjacent(k)
            default: return .excluded
            }
        }
    }

    static let function: fts5_extension_function = { api, fts, ctx, nVal, values in
        guard let api, let fts, let ctx else { return }
        let a = api.pointee
        var data: QueryData
        if let raw = a.xGetAuxdata(fts, 0) {
            data = Unmanaged<QueryData>.fromOpaque(raw).takeUnretainedValue()
        } else {
            guard nVal >= 2, let values, let modeText = sqlite3_value_text(values[0]),
                  let rolesText = sqlite3_value_text(values[1]) else {
                sqlite3_result_error(ctx, "vrank(passages, mode, roles) needs two arguments", -1)
                return
            }
            data = QueryData()
            data.isAny = String(cString: modeText) == "any"
            data.roles = parseRoles(String(cString: rolesText))
            let phraseCount = Int(a.xPhraseCount(fts))
            if data.roles.count != phraseCount {
                sqlite3_result_error(ctx, "vrank: \(data.roles.count) roles for \(phraseCount) phrases", -1)
                return
            }
            let terms = data.roles.compactMap { if case .term(let k) = $0 { k } else { nil } }
            data.termCount = (terms.max() ?? -1) + 1
            data.accented = Array(repeating: false, count: data.termCount)
            for role in data.roles { if case .exact(let k) = role, k < data.termCount { data.accented[k] = true } }
            var rows: Int64 = 0, tokens: Int64 = 0
            _ = a.xRowCount(fts, &rows)
            _ = a.xColumnTotalSize(fts, -1, &tokens)
            data.avgLength = rows > 0 ? max(1, Double(tokens) / Double(rows)) : 1
            data.idf = Array(repeating: 0, count: data.termCount)
            for (i, role) in data.roles.enumerated() {
                guard case .term(let k) = role, data.idf[k] == 0 else { continue }
                var hits: Int64 = 0
                _ = a.xQueryPhrase(fts, Int32(i), &hits) { _, _, user in
                    user!.assumingMemoryBound(to: Int64.self).pointee += 1
                    return SQLITE_OK
                }
                let n = Double(rows), df = Double(hits)
                data.idf[k] = max(log((n - df + 0.5) / (df + 0.5)), 1e-6)
            }
            data.tf = Array(repeating: 0, count: data.termCount)
            data.exact = Array(repeating: false, count: data.termCount)
            data.adjacent = Array(repeating: false, count: data.termCount)
            // Retained for FTS5, which releases it through the destructor when the query ends.
            let raw = Unmanaged.passRetained(data).toOpaque()
            _ = a.xSetAuxdata(fts, raw) { Unmanaged<QueryData>.fromOpaque($0!).release() }
        }
        sqlite3_result_double(ctx, score(api: a, fts: fts, data: data))
    }

    static func score(api a: Fts5ExtensionApi, fts: OpaquePointer, data: QueryData) -> Double {
        let n = data.termCount
        for k in 0..<n { data.tf[k] = 0; data.exact[k] = false; data.adjacent[k] = false }
        var count: Int32 = 0
        _ = a.xInstCount(fts, &count)
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        for i in 0..<count {
            guard a.xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK, Int(phrase) < data.roles.count else { continue }
            switch data.roles[Int(phrase)] {
            case .term(let k): data.tf[k] += column == 0 ? titleWeight : 1
            case .exact(let k): data.exact[k] = true
            case .adjacent(let k): if k < n { data.adjacent[k] = true }
            case .excluded: break
            }
        }
        var length: Int32 = 0
        _ = a.xColumnSize(fts, -1, &length)
        let norm = k1 * (1 - b + b * Double(length) / data.avgLength)
        var bm25 = 0.0, accented = 0, exactFound = 0, anyAdjacent = false
        for k in 0..<n {
            let tf = data.tf[k]
            var termScore = data.idf[k] * tf * (k1 + 1) / (tf + norm)
            if data.accented[k] {
                accented += 1
                if data.exact[k] { exactFound += 1 } else if data.isAny { termScore *= foldedOnlyWeight }
            }
            bm25 += termScore
            if data.adjacent[k] {
                anyAdjacent = true
                if data.isAny { bm25 += 0.5 * (data.idf[k] + (k + 1 < n ? data.idf[k + 1] : 0)) }
            }
        }
        if data.isAny { return bm25 }
        let exactShare = accented > 0 ? Double(exactFound) / Double(accented) : 0
        return 1000 * exactShare + (anyAdjacent ? 100 : 0) + min(bm25, 99.9)
    }
}
