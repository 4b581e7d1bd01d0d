/// A parsed search query. Users type the query language below; they never see FTS5 syntax.
///
/// - Words are ANDed: `nông thôn mới`.
/// - `"quoted phrase"` matches the words in order, never across sentence punctuation, unless the
///   phrase holds it: `"Hà Nội, Đà Nẵng"` matches where a sentence sign (`,` `.` `;` `:`…) stands
///   between its second and third words, as the index stores one there.
/// - `OR` (upper case) between words or groups; `(`…`)` groups.
/// - `-word` or `-"phrase"` excludes; `prefix*` matches words that start with `prefix` (accents ignored),
///   and so does the last word of `"nông thôn m*"`.
/// - `AND` (upper case) is accepted and changes nothing; `NOT`, `NEAR` and lower-case `or` are plain words.
/// - A word with inner punctuation (`covid-19`, `4-5%`, `12/19`) is the phrase of its parts.
/// - Unbalanced quotes and parentheses are closed at the end of the query; a lone `-` or `*` is ignored.
public indirect enum Query: Equatable, Sendable {
    case term(Term)
    case phrase([Term])
    case all([Query])
    case any([Query])
    case not(Query)

    /// One word of the query, as the tokenizer sees it.
    public struct Term: Equatable, Sendable {
        public var folded: String
        /// The exact form when the user typed marks (accents, `đ`) anywhere in the query, else nil.
        /// In a query with marks every word is taken as typed: an unmarked word is its level-tone
        /// form (`La` in `Sơn La` is `la`, not `là`).
        public var exact: String?
        public var prefix: Bool
        /// The joined spelling of an abbreviation (`tphcm` for `TP.HCM`), which the exact table does not hold.
        public var isJoined = false
        /// In a phrase, whether sentence punctuation stands before this word (`Đà` in `"Hà Nội, Đà
        /// Nẵng"`): the phrase holds the index's break there (`RankingPlan.Term.expression`).
        public var breakBefore = false
    }

    /// The most words a query may hold.
    public static let maxTerms = 64

    /// With `strict`, or when any word carries a mark, every word is taken as typed (`takenAsTyped`).
    public static func parse(_ text: String, strict: Bool = false) throws -> Query {
        var parser = QueryParser(text)
        let query = try parser.parse().normalized ?? .all([])
        let count = query.positiveTerms.count
        guard count > 0 else {
            if query.hasTerms {
                throw IndexError.query("the query only excludes words; add at least one word to look for")
            }
            throw IndexError.query("the query has no words to search for")
        }
        guard query.allTerms.count <= maxTerms else {
            throw IndexError.query("the query has \(query.allTerms.count) words; at most \(maxTerms) are allowed")
        }
        return strict || query.isTakenAsTyped ? query.takenAsTyped : query
    }

    /// The query with every plain word's exact form set: for a query typed with marks.
    var takenAsTyped: Query {
        func typed(_ t: Term) -> Term {
            var t = t
            if t.exact == nil && !t.prefix && !t.isJoined { t.exact = t.folded }
            return t
        }
        switch self {
        case .term(let t): return .term(typed(t))
        case .phrase(let ts): return .phrase(ts.map(typed))
        case .all(let qs): return .all(qs.map(\.takenAsTyped))
        case .any(let qs): return .any(qs.map(\.takenAsTyped))
        case .not(let q): return .not(q.takenAsTyped)
        }
    }

    /// True when every word is taken as typed (the user typed a mark, or asked `strict`).
    var isTakenAsTyped: Bool { allTerms.contains { $0.exact != nil } }

    /// The query with exact forms given to its plain words, run by run: each run of adjacent plain
    /// words (a word, the words of an AND in a row, or a quoted phrase) gets `read(run)`'s forms,
    /// or stays as it is when that is nil. Exclusions, prefixes and joined forms are left alone.
    func read(_ read: ([Term]) throws -> [String]?) rethrows -> Query {
        func plain(_ t: Term) -> Bool { !t.prefix && !t.isJoined && t.exact == nil }
        func apply(_ run: [Term]) throws -> [Term] {
            guard let forms = try read(run), forms.count == run.count else { return run }
            return zip(run, forms).map { t, form in var t = t; t.exact = form; return t }
        }
        switch self {
        case .term(let t): return plain(t) ? .term(try apply([t])[0]) : self
        case .phrase(let ts): return ts.allSatisfy(plain) ? .phrase(try apply(ts)) : self
        case .not: return self
        case .any(let qs): return .any(try qs.map { try $0.read(read) })
        case .all(let qs):
            var out: [Query] = []
            var i = 0
            while i < qs.count {
                var j = i
                while j < qs.count, case .term(let t) = qs[j], plain(t) { j += 1 }
                if j > i {
                    let run = qs[i..<j].compactMap { if case .term(let t) = $0 { t } else { nil } }
                    out += try apply(run).map { .term($0) }
                    i = j
                } else {
                    out.append(try qs[i].read(read))
                    i += 1
                }
            }
            return .all(out)
        }
    }

    /// Every term outside an exclusion, in order.
    public var positiveTerms: [Term] {
        switch self {
        case .term(let t): [t]
        case .phrase(let ts): ts
        case .all(let qs), .any(let qs): qs.flatMap(\.positiveTerms)
        case .not: []
        }
    }

    /// The words and phrases outside exclusions, each as its list of terms.
    public var positiveUnits: [[Term]] {
        switch self {
        case .term(let t): [[t]]
        case .phrase(let ts): [ts]
        case .all(let qs), .any(let qs): qs.flatMap(\.positiveUnits)
        case .not: []
        }
    }

    var allTerms: [Term] {
        switch self {
        case .term(let t): [t]
        case .phrase(let ts): ts
        case .all(let qs), .any(let qs): qs.flatMap(\.allTerms)
        case .not(let q): q.allTerms
        }
    }

    var hasTerms: Bool { !allTerms.isEmpty }

    /// FTS5 can only subtract from something: exclusions in a group of exclusions alone move up to
    /// the enclosing AND (`a (-b -c)` is `a -b -c`), and an OR alternative that only excludes
    /// (`a OR -b`) is dropped. Nil when nothing is left.
    var normalized: Query? {
        func onlyExcludes(_ q: Query) -> Bool {
            switch q {
            case .not: true
            case .all(let parts): parts.allSatisfy(onlyExcludes)
            default: false
            }
        }
        switch self {
        case .term, .phrase: return self
        case .not(let inner): return inner.normalized.map { .not($0) }
        case .all(let parts):
            var out: [Query] = []
            for part in parts.compactMap(\.normalized) {
                if case .all(let inner) = part, inner.allSatisfy(onlyExcludes) { out += inner } else { out.append(part) }
            }
            return out.isEmpty ? nil : out.count == 1 ? out[0] : .all(out)
        case .any(let parts):
            let out = parts.compactMap(\.normalized).filter { !onlyExcludes($0) }
            return out.isEmpty ? nil : out.count == 1 ? out[0] : .any(out)
        }
    }

    /// The query with its top-level words ORed, for natural-language questions (`--any`).
    public var loosened: Query {
        if case .all(let parts) = self {
            let positives = parts.filter { if case .not = $0 { false } else { true } }
            let negatives = parts.filter { if case .not = $0 { true } else { false } }
            return negatives.isEmpty ? .any(positives) : .all([.any(positives)] + negatives)
        }
        return self
    }
}

/// A recursive-descent parser over the query's characters; it never fails on syntax.
