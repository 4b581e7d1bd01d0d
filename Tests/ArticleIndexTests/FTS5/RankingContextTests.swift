import Foundation
import Testing
@testable import ArticleIndex

/// What vrank checks before it reads a context: anything that does not agree with itself or with
/// the MATCH expression is refused with a reason, never read out of range.
@Suite struct RankingContextTests {
    static func context(_ text: String = "nông thôn") throws -> RankingContext {
        let plan = QueryCompiler.compile(try Query.parse(text), strict: false, any: false)
        let context = RankingContext(plan: plan)
        context.documentFrequencies = plan.terms.map { _ in 10 }
        context.exactRows = plan.terms.map { _ in [1, 2, 3] }
        return context
    }

    @Test func aWholeContextPasses() throws {
        let context = try Self.context()
        #expect(context.problem(phraseCount: context.plan.roles.count) == nil)
    }

    @Test func everyInconsistencyIsRefused() throws {
        let c = try Self.context()
        let phrases = c.plan.roles.count
        #expect(c.problem(phraseCount: phrases + 1)?.contains("MATCH expression has") == true)

        let missing = try Self.context()
        missing.documentFrequencies.removeLast()
        #expect(missing.problem(phraseCount: phrases) == "a document frequency is missing")

        let negative = try Self.context()
        negative.documentFrequencies[0] = -1
        #expect(negative.problem(phraseCount: phrases) == "a document frequency is missing")

        let rows = try Self.context()
        rows.exactRows.append(nil)
        #expect(rows.problem(phraseCount: phrases) == "the exact rows are not one entry per term")

        let forms = try Self.context()
        forms.phraseForms = [nil]
        #expect(forms.problem(phraseCount: phrases) == "the phrase forms are not one entry per term")

        let pairs = try Self.context()
        pairs.pairFrequencies = [3]
        #expect(pairs.problem(phraseCount: phrases) == "the pair frequencies are not one entry per term")
    }

    /// A role or selector naming a term that does not exist (once possible from SQL as `t-1`).
    @Test func rolesAndSelectorsMustNameTerms() throws {
        var plan = try Self.context().plan
        plan.roles[0] = .term(-1)
        var c = RankingContext(plan: plan)
        c.documentFrequencies = [10, 10]
        c.exactRows = [nil, nil]
        #expect(c.problem(phraseCount: plan.roles.count) == "a role names term -1 of 2")

        plan = try Self.context().plan
        plan.exactSelectors = [1]
        c = RankingContext(plan: plan)
        c.documentFrequencies = [10, 10]
        c.exactRows = [[1], nil]
        #expect(c.problem(phraseCount: plan.roles.count) == "a selector names no term")

        plan = try Self.context().plan
        plan.program = [.term(0), .all(2)]
        c = RankingContext(plan: plan)
        c.documentFrequencies = [10, 10]
        c.exactRows = [nil, nil]
        #expect(c.problem(phraseCount: plan.roles.count) == "the as-typed program is not valid")
    }
}

/// How a question word typed without marks weighs: by the IDF its tones are likely to have.
@Suite struct ExpectedIDFTests {
    static let n = 677_000.0
    static func idf(_ x: Double) -> Double { log((n - x + 0.5) / (x + 0.5)) }

    @Test func aWordWithOneFormKeepsItsIDF() {
        #expect(abs(Ranking.expectedIDF(df: 43_966, forms: [43_966], rows: Self.n) - Self.idf(43_966)) < 1e-9)
    }

    /// `dang` (`đang`, `đáng`, `đăng`, `dạng`…) weighs less than its fold; `nguoi`, nearly always
    /// `người`, keeps almost all of it.
    @Test func ambiguousWordsWeighLess() {
        let dang = Ranking.expectedIDF(df: 106_657, forms: [58_842, 15_006, 10_865, 8_201, 7_000, 6_000], rows: Self.n)
        let nguoi = Ranking.expectedIDF(df: 164_652, forms: [163_639, 649, 339, 171], rows: Self.n)
        #expect(dang < 0.95 * Self.idf(106_657))
        #expect(nguoi > 0.99 * Self.idf(164_652) && nguoi <= 1.01 * Self.idf(164_652))
    }

    @Test func noFormsOrNoPassagesKeepTheFoldedIDF() {
        #expect(Ranking.expectedIDF(df: 0, forms: [3, 4], rows: Self.n) == max(Self.idf(0), 1e-6))
        #expect(Ranking.expectedIDF(df: 100, forms: [0, 0], rows: Self.n) == Self.idf(100))
    }
}
