import CSQLite
import Foundation
import VietnameseText

/// Rows of the `exact` table that hold each accented query term in its exact form, sorted.
/// `Searcher` fills it before the main query and hands it to `vrank` as an SQLite pointer value.
final class ExactSets {
    /// For term k: the rowids holding its exact form, or nil when the term has no marks.
    var terms: [[Int64]?] = []
    /// Rows holding an excluded accented word (`-bán`); they are dropped.
    var excluded: [[Int64]] = []
    /// Rows scored so far (not dropped): after a sorted query, the total number of matches.
    var scored = 0
    /// Rows that passed the filter and the exclusions, with any tone, whether or not `strict` dropped them.
    var anyTone = 0
    /// Rows that hold the query as typed (`ExactOp`), counted when `countsExact` is set.
    var exactScored = 0
    /// True when the query was typed with marks (every word taken as typed) and is no question:
    /// then `exactScored` and `anyTone` say what they count.
    var countsExact = false
    /// For term k, when it is a phrase of several words one of which the index holds in more than
    /// one form: the exact forms of its words. The exact table keeps no positions, so a row that
    /// holds each word as typed somewhere is checked at the phrase's own places (`Sơn là … la` is
    /// not `Sơn La`), by reading the row's text.
    var phraseForms: [[[UInt8]]?] = []
    /// How a row holds the query as typed, from which terms it holds in exact form.
    var program: [ExactOp] = []
    /// For a question: the terms one of which a row must hold (`QueryCompiler.Compiled.selectors`),
    /// and those that count only in exact form. Empty: no such rule.
    var selectors: [Int] = []
    var exactSelectors: [Int] = []
    /// When set, the rows holding the query as typed, one bit per passage id (for `--per-article`).
    var exactRows: [UInt64]?
    /// For term k, how many passages hold it, when the searcher knows (from fts5vocab); else vrank
    /// counts with xQueryPhrase, which reads the whole doclist.
    var documentFrequencies: [Int?] = []
    /// Token counts by passage id (`PassageLengths`), owned by the searcher.
    var lengths = UnsafeBufferPointer<UInt16>(start: nil, count: 0)
    /// When set, vrank keeps the best rows here itself, so that the query need not sort every match.
    var best: BestRows?
    /// When set, only passages whose bit is set are scored (a `SearchFilter`); others are dropped.
    var admitted: [UInt64]?

    static func contains(_ sorted: [Int64], _ rowid: Int64) -> Bool {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < rowid { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == rowid
    }

    func markExact(_ rowid: Int64) {
        guard exactRows != nil, rowid >= 0 else { return }
        let word = Int(rowid >> 6)
        if word >= exactRows!.count { exactRows!.append(contentsOf: repeatElement(0, count: word + 1 - exactRows!.count)) }
        exactRows![word] |= 1 << UInt64(rowid & 63)
    }

    /// The pointer type tag `vrank` checks: a C string that lives forever.
    nonisolated(unsafe) static let pointerType = strdup("vrank_exact")!
}
