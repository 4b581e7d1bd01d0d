/// What `vrank` counts over one query's matches, for the search's totals.
final class RankingTally {
    /// Rows scored (not dropped): after the query, the total number of matches.
    var scored = 0
    /// Rows that passed the filter and the exclusions, with any tone, whether or not `strict` dropped them.
    var anyTone = 0
    /// Rows that hold the query as typed (`ExactOp`), counted when the context `countsExact`.
    var exactScored = 0
    /// Rows counted without being scored: their bound could not reach the page (`Ranking`).
    var unscored = 0
    /// When set, the rows holding the query as typed, one bit per passage id (for `--per-article`).
    var exactRows: [UInt64]?

    func markExact(_ rowid: Int64) {
        guard exactRows != nil, rowid >= 0 else { return }
        let word = Int(rowid >> 6)
        if word >= exactRows!.count { exactRows!.append(contentsOf: repeatElement(0, count: word + 1 - exactRows!.count)) }
        exactRows![word] |= 1 << UInt64(rowid & 63)
    }
}
