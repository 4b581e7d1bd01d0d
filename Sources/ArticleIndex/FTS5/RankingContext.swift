import Foundation

/// The one object `vrank` receives, as an SQLite pointer value: a query's `RankingPlan`, what
/// `Searcher` resolved from the index for it, and what `vrank` reports back (`tally`, `best`).
///
/// `vrank` checks it once per query (`problem(phraseCount:)`) before reading anything, as strictly
/// as SQLite's own functions check their arguments.
final class RankingContext {
    let plan: RankingPlan
    /// For term k: how many passages hold it (`DocumentFrequencies`), for its IDF.
    var documentFrequencies: [Int] = []
    /// For term k: the rows holding its exact form, sorted; nil when it has none to look for. Only
    /// the rows vrank may see need be there: in an AND, those holding the rarest word's forms
    /// (`Searcher.rarestRequiredWord`).
    var exactRows: [[Int64]?] = []
    /// Rows holding an excluded accented word (`-bán`), sorted; they are dropped.
    var excludedRows: [[Int64]] = []
    /// For term k, when it is a phrase typed with marks one of whose words the index holds in more
    /// than one form: the exact forms of its words. The exact table keeps no positions, so a row that
    /// holds each word as typed somewhere is checked at the phrase's own places (`Sơn là … la` is
    /// not `Sơn La`), by reading the row's text; an empty form stands for a break the phrase holds
    /// (`"Hà Nội, Đà Nẵng"`), where the index's boundary is. Empty, or one entry per term.
    var phraseForms: [[[UInt8]]?] = []
    /// For a question typed without marks: for term k, a word, how many passages hold each of
    /// its exact forms (`Forms`), so that vrank weighs it by the IDF its tones are likely to have
    /// (`Ranking.expectedIDF`); empty for a phrase or a prefix. Nil for other queries.
    var formFrequencies: [[Int]]?
    /// For a question: for term k, how many passages hold the pair it starts adjacent (0: none).
    var pairFrequencies: [Int] = []
    /// True when the query was typed with marks (every word taken as typed) and is no question:
    /// then the tally counts the rows holding it as typed.
    var countsExact = false
    /// Token counts by passage id (`PassageLengths`), owned by the searcher.
    var lengths = UnsafeBufferPointer<UInt16>(start: nil, count: 0)
    /// When set, only passages whose bit is set are scored (a `SearchFilter`); others are dropped.
    var admitted: [UInt64]?
    /// When set, vrank keeps the best rows here itself, so that the query need not sort every match.
    var best: BestRows?
    /// With `--sort date`: each passage's day (`PassageDays`), owned by the searcher; `best` then
    /// keeps the newest rows, not the best scored.
    var days: UnsafeBufferPointer<Int32>?
    /// What vrank counted.
    let tally = RankingTally()

    init(plan: RankingPlan) { self.plan = plan }

    /// The pointer type tag `vrank` checks: a C string that lives forever.
    nonisolated(unsafe) static let pointerType = strdup("vietsearch_ranking_context")!

    /// Nil when the context is whole and agrees with itself and with a MATCH expression of
    /// `phraseCount` phrases; else what is wrong, for vrank's error.
    func problem(phraseCount: Int) -> String? {
        let n = plan.terms.count
        guard plan.roles.count == phraseCount else {
            return "the plan names \(plan.roles.count) phrases, the MATCH expression has \(phraseCount)"
        }
        for role in plan.roles {
            switch role {
            case .term(let k): guard k >= 0 && k < n else { return "a role names term \(k) of \(n)" }
            case .excluded: break
            }
        }
        guard plan.runs.allSatisfy({ $0.count >= 2 && $0.allSatisfy { $0 >= 0 && $0 < n } }) else {
            return "an adjacency run names no term"
        }
        guard documentFrequencies.count == n, documentFrequencies.allSatisfy({ $0 >= 0 }) else {
            return "a document frequency is missing"
        }
        guard exactRows.count == n else { return "the exact rows are not one entry per term" }
        guard phraseForms.isEmpty || phraseForms.count == n else { return "the phrase forms are not one entry per term" }
        guard pairFrequencies.isEmpty || (pairFrequencies.count == n && pairFrequencies.allSatisfy { $0 >= 0 }) else {
            return "the pair frequencies are not one entry per term"
        }
        if let formFrequencies {
            guard formFrequencies.count == n, formFrequencies.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
                return "the form frequencies are not one entry per term"
            }
        }
        guard ExactOp.isValid(plan.program, terms: n) else { return "the as-typed program is not valid" }
        guard (plan.selectors + plan.exactSelectors).allSatisfy({ $0 >= 0 && $0 < n }),
              plan.exactSelectors.allSatisfy({ exactRows[$0] != nil }) else { return "a selector names no term" }
        return nil
    }

    /// Where `value` is, or would go, in `sorted`: the index of its first element not below it.
    @inline(__always)
    static func lowerBound<Sorted: RandomAccessCollection>(_ sorted: Sorted, _ value: Int64) -> Int
        where Sorted.Element == Int64, Sorted.Index == Int {
        var lo = sorted.startIndex, hi = sorted.endIndex
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    @inline(__always)
    static func contains<Sorted: RandomAccessCollection>(_ sorted: Sorted, _ value: Int64) -> Bool
        where Sorted.Element == Int64, Sorted.Index == Int {
        let i = lowerBound(sorted, value)
        return i < sorted.endIndex && sorted[i] == value
    }
}
