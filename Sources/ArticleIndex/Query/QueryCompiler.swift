/// Turns a `Query` into a `RankingPlan`: an FTS5 MATCH expression over folded forms, the `vrank`
/// role of each of its phrases, and the exact-form look-ups that the `exact` table answers.
///
/// Every term is written folded, so the expression finds every accent variant. Each accented term
/// also gets an `exact` table query (`"hóa"`; for a phrase, its accented words ANDed), whose rows
/// `vrank` prefers, or, with `strict`, requires. A run of plain words is noted in the plan
/// (`RankingPlan.runs`, the terms of `nong thon moi`), whose adjacency `vrank` reads from the
/// places of its words, so that it is scored without changing which rows match. Every string is
/// quoted, so user text never becomes FTS5 syntax, and the expression is bound as a parameter.
struct QueryCompiler {
    let loose: Bool
    private var out = ""
    private var roles: [Ranking.Role] = []
    private var terms: [RankingPlan.Term] = []
    private var exactExclusions: [String] = []
    private var program: [ExactOp] = []

    /// Compiles `query`. With `any`, single words for which `isCommon` holds (in more than a few
    /// percent of passages, like `là`, `có`, `của`) do not make a row match on their own: the
    /// expression becomes `(rare words) AND (common words OR rare words again)`, so only rows with a
    /// rarer word are scored, while common words still count in the score. Scoring every row that
    /// holds any word of a question took about a second on the whole corpus; leaving common words
    /// out altogether cost a third of the MRR (scripts/qa-eval).
    /// `share` gives the part of all passages that hold a word; words above `commonShare` are
    /// common. When every word is common, the two rarest still decide which rows match.
    /// An accented word is judged by its exact form (`exactShare`): `tín` is rare where `tin`
    /// (`thông tin`) is common. Since the expression finds folded forms, such a word selects only
    /// the rows that hold its exact form (`RankingPlan.exactSelectors`, checked by `vrank`).
    static func compile(_ query: Query, strict: Bool, any: Bool, commonShare: Double = 1,
                        share: (Query.Term) -> Double = { _ in 0 },
                        exactShare: (Query.Term) -> Double? = { _ in nil }) -> RankingPlan {
        var c = QueryCompiler(loose: any)
        let q = any ? query.loosened : query
        var rareByExactForm: [Bool] = []
        if any, let parts = topAlternatives(q) {
            var shares: [Double] = []
            for part in parts {
                if case .term(let t) = part, !t.prefix {
                    let folded = share(t), exact = exactShare(t)
                    shares.append(exact ?? folded)
                    rareByExactForm.append(exact.map { $0 <= commonShare && folded > commonShare } ?? false)
                } else {
                    shares.append(0)
                    rareByExactForm.append(false)
                }
            }
            var common = shares.map { $0 > commonShare }
            // Rows must hold a word that is not common; when every word the index holds is common
            // (a word it does not hold selects nothing), the two rarest of them decide.
            let selecting = parts.indices.contains { i in
                if case .term(let t) = parts[i], !t.prefix { return !common[i] && shares[i] > 0 }
                return true
            }
            if !selecting {
                let held = shares.indices.filter { shares[$0] > 0 }
                for i in held.sorted(by: { shares[$0] < shares[$1] }).prefix(2) { common[i] = false }
            }
            c.common = common.contains(true) && common.contains(false) ? common : nil
            c.rareByExactForm = rareByExactForm
        }
        c.emit(q, excluded: false)
        // Each run's words as terms: the word itself where it was emitted (a word said twice is
        // found at the same places either time). Every word of a run is a plain word emitted as a
        // term of its own, so each is found.
        let runs = c.runs.compactMap { run -> [Int]? in
            let rest = run.words.dropFirst().compactMap { word in c.terms.firstIndex { $0.words == [word] } }
            return rest.count == run.words.count - 1 ? [run.first] + rest : nil
        }
        return RankingPlan(expression: c.out, roles: c.roles, mode: RankingPlan.Mode(any: any, strict: strict),
                           terms: c.terms, exclusions: c.exactExclusions, program: c.program, runs: runs,
                           selectors: c.selectors, exactSelectors: c.exactSelectors, highlights: q.positiveUnits)
    }

    /// The ORed words of a loosened question, with or without exclusions around them.
    private static func topAlternatives(_ q: Query) -> [Query]? {
        switch q {
        case .any(let parts): parts
        case .all(let parts): parts.first.flatMap { if case .any(let inner) = $0 { inner } else { nil } }
        default: nil
        }
    }

    /// For the question's top-level words: which are common. Used once, by the first `.any`.
    private var common: [Bool]?
    private var rareByExactForm: [Bool] = []
    private var selectors: [Int] = [], exactSelectors: [Int] = []

    private init(loose: Bool) { self.loose = loose }

    /// `s` as an FTS5 string: in double quotes, each of its own doubled (scalar by scalar, so that a
    /// quote that a combining mark follows is doubled too).
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            out.unicodeScalars.append(scalar)
            if scalar == "\"" { out.unicodeScalars.append(scalar) }
        }
        out.unicodeScalars.append("\"")
        return out
    }

    /// The `exact` table query for the marked words of a term or phrase; nil when none has marks.
    static func exactQuery(_ terms: [Query.Term]) -> String? {
        guard !(terms.last?.prefix ?? false) else { return nil }  // prefixes match accent-insensitively
        let marked = terms.compactMap(\.exact)
        return marked.isEmpty ? nil : marked.map(quote).joined(separator: " AND ")
    }

    /// The adjacency runs noted so far: the term each starts at, and its words.
    private var runs: [(first: Int, words: [Query.Term])] = []

    /// Writes one term or phrase, folded, and notes the run of adjacent words it starts, if given.
    private mutating func emitTerms(_ terms: [Query.Term], excluded: Bool, adjacency: [Query.Term]? = nil) {
        var term = RankingPlan.Term(words: terms, exactQuery: Self.exactQuery(terms))
        if excluded {
            roles.append(.excluded)
        } else {
            roles.append(.term(self.terms.count))
            program.append(.term(self.terms.count))
            if let adjacency {
                runs.append((self.terms.count, adjacency))
                if loose { term.pair = adjacency }
            }
            self.terms.append(term)
        }
        out += term.expression
    }

    private static func plainTerm(_ q: Query) -> Query.Term? {
        if case .term(let t) = q, !t.prefix { return t }
        return nil
    }

    /// For each part, the run of adjacent plain words it starts (AND: whole runs; any: pairs).
    private func adjacencyRuns(_ parts: [Query], pairs: Bool) -> [Int: [Query.Term]] {
        var runs: [Int: [Query.Term]] = [:]
        var i = 0
        while i < parts.count {
            var j = i
            while j < parts.count, Self.plainTerm(parts[j]) != nil { j += 1 }
            if j - i >= 2 {
                if pairs {
                    for s in i..<(j - 1) { runs[s] = [Self.plainTerm(parts[s])!, Self.plainTerm(parts[s + 1])!] }
                } else {
                    runs[i] = parts[i..<j].map { Self.plainTerm($0)! }
                }
            }
            i = max(j, i + 1)
        }
        return runs
    }

    private mutating func emit(_ q: Query, excluded: Bool, adjacency: [Query.Term]? = nil) {
        switch q {
        case .term(let t):
            emitTerms([t], excluded: excluded, adjacency: adjacency)
        case .phrase(let ts):
            emitTerms(ts, excluded: excluded)
        case .not(let inner):
            emit(inner, excluded: true)
        case .all(let parts):
            let positives = parts.filter { if case .not = $0 { false } else { true } }
            var negatives: [Query] = []
            for case .not(let n) in parts {
                // An excluded accented word or phrase excludes only its exact form: `-bán` keeps `bạn`.
                switch n {
                case .term(let t) where !excluded:
                    if let e = Self.exactQuery([t]) { exactExclusions.append(e) } else { negatives.append(n) }
                case .phrase(let ts) where !excluded:
                    if let e = Self.exactQuery(ts) { exactExclusions.append(e) } else { negatives.append(n) }
                default:
                    negatives.append(n)
                }
            }
            let runs = excluded ? [:] : adjacencyRuns(positives, pairs: false)
            out += "("
            for (n, part) in positives.enumerated() {
                if n > 0 { out += " AND " }
                emit(part, excluded: excluded, adjacency: runs[n])
            }
            out += ")"
            if !excluded { program.append(.all(positives.count)) }
            for negative in negatives {
                out = "(" + out + " NOT "
                emit(negative, excluded: true)
                out += ")"
            }
        case .any(let parts):
            // Only the loosened question gets pairwise adjacency; a user's OR does not.
            let runs = (loose && !excluded) ? adjacencyRuns(parts, pairs: true) : [:]
            if let common = self.common, !excluded, common.count == parts.count {
                self.common = nil
                let rare = parts.indices.filter { !common[$0] }, frequent = parts.indices.filter { common[$0] }
                out += "(("
                for (n, i) in rare.enumerated() {
                    if n > 0 { out += " OR " }
                    let first = terms.count
                    emit(parts[i], excluded: false, adjacency: runs[i])
                    let terms = Array(first..<self.terms.count)
                    if i < rareByExactForm.count && rareByExactForm[i] { exactSelectors += terms } else { selectors += terms }
                }
                out += ") AND ("
                for (n, i) in frequent.enumerated() {
                    if n > 0 { out += " OR " }
                    emit(parts[i], excluded: false, adjacency: runs[i])
                }
                // The rare words again, scored as nothing, so that this group holds on every row.
                for i in rare { out += " OR "; emit(parts[i], excluded: true) }
                out += "))"
                program.append(.any(parts.count))
                return
            }
            out += "("
            for (n, part) in parts.enumerated() {
                if n > 0 { out += " OR " }
                emit(part, excluded: excluded, adjacency: runs[n])
            }
            out += ")"
            if !excluded { program.append(.any(parts.count)) }
        }
    }
}
