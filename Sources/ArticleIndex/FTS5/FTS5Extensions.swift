import CSQLite
import Foundation
import VietnameseText

/// Registers the `viet` FTS5 tokenizer and the `vrank`, `vcollect` and `vtotals` functions on a connection.
///
/// `viet` writes what `StoredTokenizer` says the index stores: folded words (`dang` for `Đảng`),
/// sentence-break tokens (`.`) at positions of their own so that a phrase never spans one, and,
/// colocated, numbers' alternates (`2100` for `2.100`) and abbreviations' joined forms (`tphcm`
/// for `TP.HCM`). `viet exact` writes the exact form of every word (`đảng`, and `la` for an
/// unmarked `La`), for the `exact` table, which keeps no positions (detail=none): it answers
/// "which rows hold this word as typed" at a fraction of the size of colocated tokens (measured in
/// README "Index design"). In query mode `viet` writes folded words and `viet exact` exact forms.
package enum FTS5Extensions {
    // The pointer type tag SQLite compares in `fts5(?)`: a C string that lives forever.
    nonisolated(unsafe) private static let apiPointerType = strdup("fts5_api_ptr")!

    package static func api(_ db: Database) throws -> UnsafeMutablePointer<fts5_api> {
        let stmt = try db.prepare("SELECT fts5(?1)")
        var api: UnsafeMutablePointer<fts5_api>?
        try withUnsafeMutablePointer(to: &api) { slot in
            try stmt.bind(pointer: slot, at: 1, type: apiPointerType)
            _ = try stmt.step()
        }
        guard let api else { throw IndexError.cannotOpen(path: db.path, reason: "this SQLite has no FTS5") }
        return api
    }

    package static func register(on db: Database) throws {
        let api = try api(db)
        var tokenizer = FTS5Tokenizer.methods
        var rc = api.pointee.xCreateTokenizer(api, "viet", nil, &tokenizer, nil)
        guard rc == SQLITE_OK else { throw db.error(rc, operation: "registering the FTS5 tokenizer viet") }
        rc = api.pointee.xCreateFunction(api, "vrank", nil, Ranking.function, nil)
        guard rc == SQLITE_OK else { throw db.error(rc, operation: "registering the FTS5 function vrank") }
        rc = api.pointee.xCreateFunction(api, "vcollect", nil, RowidCollector.function, nil)
        guard rc == SQLITE_OK else { throw db.error(rc, operation: "registering the FTS5 function vcollect") }
        rc = api.pointee.xCreateFunction(api, "vtotals", nil, Totals.function, nil)
        guard rc == SQLITE_OK else { throw db.error(rc, operation: "registering the FTS5 function vtotals") }
    }
}
