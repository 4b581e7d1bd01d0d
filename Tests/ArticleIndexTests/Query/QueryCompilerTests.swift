import Testing
@testable import ArticleIndex

/// What the compiler hands the ranker, without an index: the FTS5 expression, the typed roles of
/// its phrases, the terms and their exact-form look-ups, and the as-typed program.
@Suite struct QueryCompilerTests {
    static func plan(_ text: String, strict: Bool = false, any: Bool = false, shares: [String: Double] = [:],
                     exactShares: [String: Double] = [:]) throws -> RankingPlan {
        QueryCompiler.compile(try Query.parse(text, strict: strict), strict: strict, any: any, commonShare: 0.05,
                              share: { shares[$0.folded] ?? 0.001 }, exactShare: { $0.exact.flatMap { exactShares[$0] } })
    }

    /// A run of plain words is noted as a run of terms, whose adjacency vrank reads from their places;
    /// the expression only says which rows match.
    @Test func andQueryWithAdjacency() throws {
        let p = try Self.plan("nông thôn mới")
        #expect(p.expression == #"("nong" AND "thon" AND "moi")"#)
        #expect(p.roles == [.term(0), .term(1), .term(2)])
        #expect(p.runs == [[0, 1, 2]])
        #expect(p.mode == RankingPlan.Mode(any: false, strict: false))
        #expect(p.terms.map(\.exactQuery) == [#""nông""#, #""thôn""#, #""mới""#])
        #expect(p.program == [.term(0), .term(1), .term(2), .all(3)])
        #expect(p.highlights.count == 3)
    }

    /// A phrase holding sentence punctuation holds the index's break there, as a `.` at a position
    /// of its own; other signs inside a word are none (`covid-19`).
    @Test func aPhrasesPunctuationIsABreakItHolds() throws {
        let p = try Self.plan(#""Hà Nội, Đà Nẵng" covid-19"#)
        #expect(p.expression == #"("ha noi . da nang" AND "covid 19")"#)
        #expect(p.terms[0].words.map(\.breakBefore) == [false, false, true, false])
        #expect(p.terms[0].hasBreak && !p.terms[1].hasBreak)
        #expect(p.terms[0].exactQuery == #""hà" AND "nội" AND "đà" AND "nẵng""#)
        #expect(try Self.plan(#""Hà Nội; Đà Nẵng.""#).expression == #""ha noi . da nang""#, "one break, none after the end")
        #expect(try Self.plan(#""Hà Nội Đà Nẵng""#).expression == #""ha noi da nang""#)
    }

    @Test func phrasesPrefixesAndExclusions() throws {
        let p = try Self.plan(#""Sơn La" nghiê* -bán -"cà phê""#)
        #expect(p.expression == #"("son la" AND "nghie"*)"#)
        #expect(p.roles == [.term(0), .term(1)])
        #expect(p.terms[0].exactQuery == #""sơn" AND "la""#)
        #expect(p.terms[1].exactQuery == nil, "a prefix matches every tone")
        #expect(p.terms[1].expression == #""nghie"*"#)
        // An excluded word typed with marks excludes only its exact form, through the exact table.
        #expect(p.exclusions == [#""bán""#, #""cà" AND "phê""#])
    }

    /// An unaccented exclusion stays in the expression, as FTS5's NOT, with no term of its own.
    @Test func plainExclusionIsFTS5Not() throws {
        let p = try Self.plan("lua -gao")
        #expect(p.expression == #"(("lua") NOT "gao")"#)
        #expect(p.roles == [.term(0), .excluded])
        #expect(p.terms.count == 1 && p.exclusions.isEmpty)
    }

    /// User text is always quoted: FTS5 syntax typed in a query is a word, never an operator.
    @Test func quotesAreDoubled() throws {
        let p = try Self.plan("NEAR(a")
        #expect(!p.expression.contains("NEAR("))
        #expect(QueryCompiler.quote(#"a"b"#) == #""a""b""#)
    }

    /// With `any`, common words do not select rows on their own: rare words select, and the
    /// common ones only score (the rare ones again, excluded, keep the second group true).
    @Test func questionSplitsRareAndCommonWords() throws {
        let p = try Self.plan("sinh vien la gi", any: true, shares: ["la": 0.3, "gi": 0.2])
        #expect(p.mode.any)
        #expect(p.expression == #"(("sinh" OR "vien") AND ("la" OR "gi" OR "sinh" OR "vien"))"#)
        #expect(p.selectors == [0, 1] && p.exactSelectors.isEmpty)
        #expect(p.roles.filter { $0 == .excluded }.count == 2)
        #expect(p.program.last == .any(4))
        // Each word carries the pair it starts, whose own frequency weighs its adjacency.
        #expect(p.terms.map { $0.pair?.map(\.folded) } == [["sinh", "vien"], ["vien", "la"], ["la", "gi"], nil])
        #expect(p.runs == [[0, 1], [1, 2], [2, 3]])
        // Rare words are written first: a pair names its words' terms wherever they were written.
        let q = try Self.plan("la sinh vien gi", any: true, shares: ["la": 0.3, "gi": 0.2])
        #expect(q.terms.map { $0.words[0].folded } == ["sinh", "vien", "la", "gi"])
        #expect(q.runs == [[0, 1], [1, 3], [2, 0]])
        #expect(try Self.plan("sinh vien la gi").terms.allSatisfy { $0.pair == nil }, "only questions score pairs")
    }

    /// An accented word rare only in its exact form (`tín`, where `tin` is common) selects only
    /// the rows holding that form.
    @Test func wordRareOnlyInItsExactForm() throws {
        let p = try Self.plan("uy tín là gì", any: true, shares: ["tin": 0.2, "la": 0.3, "gi": 0.2], exactShares: ["tín": 0.01, "là": 0.3, "gì": 0.2])
        #expect(p.exactSelectors == [1])
        #expect(p.selectors == [0])
    }

    /// When every word is common, the two rarest still decide which rows match.
    @Test func allCommonQuestionSelectsByItsTwoRarest() throws {
        let p = try Self.plan("la co cua", any: true, shares: ["la": 0.3, "co": 0.2, "cua": 0.1])
        #expect(p.selectors.count == 2)
        #expect(Set(p.selectors.map { p.terms[$0].words[0].folded }) == ["co", "cua"])
    }

    /// `strict` is the plan's mode; the program says how a row holds an OR as typed.
    @Test func strictOrProgram() throws {
        let p = try Self.plan("Đảng OR Dáng", strict: true)
        #expect(p.mode.strict)
        #expect(p.program == [.term(0), .term(1), .any(2)])
        #expect(ExactOp.isValid(p.program, terms: p.terms.count))
        #expect(!ExactOp.isValid([.term(0), .all(2)], terms: 1))
        #expect(!ExactOp.isValid([.term(2)], terms: 1))
    }
}
