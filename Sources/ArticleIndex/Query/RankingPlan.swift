/// What `QueryCompiler` makes of a query for the ranker, typed: the FTS5 MATCH expression, what
/// each of its phrases is to `vrank`, the mode, the query's terms with their exact-form look-ups,
/// and the rules that say whether a row holds the query as typed. `Searcher` resolves what the
/// plan needs from the index (document frequencies, exact rows) into a `RankingContext`, the one
/// object `vrank` receives.
struct RankingPlan: Equatable {
    /// One term of the query: a word, or a phrase's words, scored as one.
    struct Term: Equatable {
        var words: [Query.Term]
        /// The `exact` table query of its marked words (`"hóa"`, or a phrase's ANDed); nil when
        /// none has marks, or the term ends in a prefix (prefixes match accent-insensitively).
        var exactQuery: String?
        /// In a question, the words of the pair this word starts (itself and the next word), whose
        /// adjacency `vrank` rewards: nil for other terms.
        var pair: [Query.Term]?

        /// A single whole word (not a phrase, not a prefix): its frequency is in the vocabulary.
        var isWord: Bool { words.count == 1 && !words[0].prefix }

        /// The FTS5 expression of this term alone, as the plan's expression writes it:
        /// `"nong thon moi"`, `"nghie"*`; a break the phrase holds as the `.` the index stores at a
        /// position of its own (`"ha noi . da nang"`).
        var expression: String {
            let text = words.map { ($0.breakBefore ? ". " : "") + $0.folded }.joined(separator: " ")
            return QueryCompiler.quote(text) + (words.last?.prefix == true ? "*" : "")
        }

        /// Whether the phrase holds a break (`"Hà Nội, Đà Nẵng"`): then its words are not one run of
        /// adjacent words, which pair counts and pair lists are about.
        var hasBreak: Bool { words.contains(where: \.breakBefore) }
    }

    /// `and`: every term must be there (adjacency, then exactness, then BM25). `any`: a natural-
    /// language question (BM25 with exact-form IDF). `strict`: only rows holding the query as typed.
    struct Mode: Equatable {
        var any: Bool
        var strict: Bool
    }

    var expression: String
    /// For each phrase of `expression`, in order, what it is to `vrank`.
    var roles: [Ranking.Role]
    var mode: Mode
    var terms: [Term]
    /// `exact` table queries of excluded accented words (`-bán`): rows holding them are dropped.
    var exclusions: [String]
    /// Whether a row holds the query as typed: a postfix program over the terms.
    var program: [ExactOp]
    /// The runs of adjacent plain words whose adjacency `vrank` scores, each as its terms in order
    /// (`nong thon moi`: the terms of `nong`, `thon`, `moi`; a question's pairs, two each). A run is
    /// there where its words stand at consecutive places of one column, as FTS5 matches a phrase;
    /// its first term keys it (`Ranking`'s adjacency of term k, a question's pair bonus).
    var runs: [[Int]] = []
    /// For a question split into rare and common words: the terms of the rare words, one of which
    /// a row must hold. Those in `exactSelectors` are rare only in their exact form (`tín`, where
    /// `tin` is common), and count only where the row holds that form.
    var selectors: [Int] = []
    var exactSelectors: [Int] = []
    /// The words and phrases a passage is marked with.
    var highlights: [[Query.Term]]
}
