/// Turns a `Query` into an FTS5 MATCH expression and the `vrank` roles of its phrases.
///
/// Each accented term is written `("hoa" OR "hóa")`: the two phrases match the same rows, since the
/// exact token sits at the same position as the folded one, but `vrank` sees which one hit. A run
/// of plain words also carries the phrase of the whole run (`"nong thon moi"`), ORed onto its
/// first word, so that adjacency is scored without changing which rows match. With `strict`,
/// accented terms are written in exact form only. Every string is quoted, so user text can
/// never become FTS5 syntax, and the expression is bound as a parameter.
struct QueryCompiler {
    struct Compiled: Equatable {
        var expression: String
        var roles: String
        var mode: String
        var highlights: [[Query.Term]]
        var strict: Bool
    }

    let strict: Bool
    let loose: Bool
    private var out = ""
    private var roles: [String] = []
    private var termCount = 0

    static func compile(_ query: Query, strict: Bool, any: Bool) -> Compiled {
        var c = QueryCompiler(strict: strict, loose: any)
        let q = any ? query.loosened : query
        c.emit(q, excluded: false)
        return Compiled(expression: c.out, roles: c.roles.joined(separator: " "), mode: any ? "any" : "and",
                        highlights: q.positiveUnits, strict: strict)
    }

    private init(strict: Bool, loose: Bool) {
        self.strict = strict
        self.loose = loose
    }

    static func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    private func spelled(_ t: Query.Term, exact: Bool) -> String { exact ? (t.exact ?? t.folded) : t.folded }

    /// Writes one term or phrase: its folded phrase, its exact phrase, and an adjacency phrase if given.
    private mutating func emitTerms(_ terms: [Query.Term], excluded: Bool, adjacency: [Query.Term]? = nil) {
        let prefix = terms.last!.prefix ? "*" : ""
        let accented = prefix.isEmpty && terms.contains { $0.exact != nil }
        let k = termCount
        if !excluded { termCount += 1 }
        // An excluded accented word excludes only its exact form: `-bán` keeps `bạn`.
        let useExact = accented && (strict || excluded)
        var parts = [Self.quote(terms.map { spelled($0, exact: useExact) }.joined(separator: " ")) + prefix]
        roles.append(excluded ? "-" : "t\(k)")
        if !excluded && accented && !strict {
            parts.append(Self.quote(terms.map { spelled($0, exact: true) }.joined(separator: " ")))
            roles.append("x\(k)")
        }
        if let adjacency, !excluded {
            parts.append(Self.quote(adjacency.map { spelled($0, exact: strict) }.joined(separator: " ")))
            roles.append("p\(k)")
        }
        out += parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")"
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
            let negatives = parts.compactMap { if case .not(let n) = $0 { n } else { nil } }
            let runs = excluded ? [:] : adjacencyRuns(positives, pairs: false)
            out += "("
            for (n, part) in positives.enumerated() {
                if n > 0 { out += " AND " }
                emit(part, excluded: excluded, adjacency: runs[n])
            }
            out += ")"
            for negative in negatives {
                out = "(" + out + " NOT "
                emit(negative, excluded: true)
                out += ")"
            }
        case .any(let parts):
            // Only the loosened question gets pairwise adjacency; a user's OR does not.
            let runs = (loose && !excluded) ? adjacencyRuns(parts, pairs: true) : [:]
            out += "("
            for (n, part) in parts.enumerated() {
                if n > 0 { out += " OR " }
                emit(part, excluded: excluded, adjacency: runs[n])
            }
            out += ")"
        }
    }
}
