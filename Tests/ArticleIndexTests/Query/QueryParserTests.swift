import Testing
@testable import ArticleIndex

/// The query language, parsed without an index: what each piece of syntax becomes.
@Suite struct QueryParserTests {
    /// A word typed without marks (`exact` nil), or taken as typed (`exact` set).
    static func t(_ folded: String, _ exact: String? = nil, prefix: Bool = false) -> Query.Term {
        Query.Term(folded: folded, exact: exact, prefix: prefix)
    }

    @Test func wordsAreAndedAndFolded() throws {
        #expect(try Query.parse("nong thon moi") == .all([.term(Self.t("nong")), .term(Self.t("thon")), .term(Self.t("moi"))]))
        #expect(try Query.parse("lúa") == .term(Self.t("lua", "lúa")))
    }

    /// One mark anywhere means every word is taken as typed: `La` in `Sơn La` is `la`, not `là`.
    @Test func oneMarkTakesEveryWordAsTyped() throws {
        #expect(try Query.parse("Sơn La") == .all([.term(Self.t("son", "sơn")), .term(Self.t("la", "la"))]))
        #expect(try Query.parse("son la", strict: true) == .all([.term(Self.t("son", "son")), .term(Self.t("la", "la"))]))
    }

    @Test func quotesOrGroupsAndExclusions() throws {
        #expect(try Query.parse("\"nong thon\" OR lua") == .any([.phrase([Self.t("nong"), Self.t("thon")]), .term(Self.t("lua"))]))
        #expect(try Query.parse("(lua OR gao) xuat") == .all([.any([.term(Self.t("lua")), .term(Self.t("gao"))]), .term(Self.t("xuat"))]))
        #expect(try Query.parse("nong -thon") == .all([.term(Self.t("nong")), .not(.term(Self.t("thon")))]))
        #expect(try Query.parse("nong -\"thon moi\"") == .all([.term(Self.t("nong")), .not(.phrase([Self.t("thon"), Self.t("moi")]))]))
    }

    /// A prefix keeps what was typed, but matches every tone (the compiler gives it no exact
    /// look-up: `QueryCompilerTests.phrasesPrefixesAndExclusions`); an unmarked prefix in a query
    /// with marks is not made exact.
    @Test func prefixesKeepWhatWasTyped() throws {
        #expect(try Query.parse("nghiê*") == .term(Self.t("nghie", "nghiê", prefix: true)))
        #expect(try Query.parse("nghie*") == .term(Self.t("nghie", prefix: true)))
        #expect(try Query.parse("\"nông thôn m*\"") == .phrase([Self.t("nong", "nông"), Self.t("thon", "thôn"), Self.t("m", prefix: true)]))
    }

    /// `AND` changes nothing; `NOT`, `NEAR` and a lower-case `or` are plain words.
    @Test func operatorsUsersTypeByHabit() throws {
        #expect(try Query.parse("lua AND gao") == Query.parse("lua gao"))
        #expect(try Query.parse("lua or gao") == .all([.term(Self.t("lua")), .term(Self.t("or")), .term(Self.t("gao"))]))
        #expect(try Query.parse("NOT lua") == .all([.term(Self.t("not")), .term(Self.t("lua"))]))
    }

    /// A word with inner punctuation is the phrase of its parts; unbalanced quotes and parentheses close at the end.
    @Test func writtenFormsAndUnbalancedSyntax() throws {
        #expect(try Query.parse("covid-19") == .phrase([Self.t("covid"), Self.t("19")]))
        #expect(try Query.parse("\"nong thon") == .phrase([Self.t("nong"), Self.t("thon")]))
        #expect(try Query.parse("(lua OR gao") == .any([.term(Self.t("lua")), .term(Self.t("gao"))]))
    }

    /// Exclusions alone in a group move up; an OR alternative that only excludes is dropped.
    @Test func exclusionsFTS5CannotRunAreNormalized() throws {
        #expect(try Query.parse("lua (-gao -ngo)") == .all([.term(Self.t("lua")), .not(.term(Self.t("gao"))), .not(.term(Self.t("ngo")))]))
        #expect(try Query.parse("lua OR -gao") == .term(Self.t("lua")))
    }

    @Test func queriesWithoutWordsToFindAreErrors() {
        #expect(throws: IndexError.query("the query has no words to search for")) { try Query.parse("  ... !!") }
        #expect(throws: IndexError.query("the query only excludes words; add at least one word to look for")) { try Query.parse("-nong -thon") }
        let tooMany = Array(repeating: "lua", count: Query.maxTerms + 1).joined(separator: " ")
        #expect(throws: IndexError.query("the query has \(Query.maxTerms + 1) words; at most \(Query.maxTerms) are allowed")) {
            try Query.parse(tooMany)
        }
    }

    /// A question's top-level words are ORed (`--any`); its exclusions stay.
    @Test func loosenedQuestions() throws {
        #expect(try Query.parse("lua gao -ngo").loosened
            == .all([.any([.term(Self.t("lua")), .term(Self.t("gao"))]), .not(.term(Self.t("ngo")))]))
    }
}
