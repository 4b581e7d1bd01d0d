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
