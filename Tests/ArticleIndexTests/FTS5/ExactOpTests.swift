import Testing
@testable import ArticleIndex

/// The terms every match must hold, from the as-typed program: what bounds a row's share of terms
/// found as typed before it is scored (`Ranking`).
@Suite struct ExactOpTests {
    @Test func requiredTermsOfAndAndOr() {
        // a b c
        #expect(ExactOp.required([.term(0), .term(1), .term(2), .all(3)]) == [0, 1, 2])
        // a OR b
        #expect(ExactOp.required([.term(0), .term(1), .any(2)]) == [])
        // (a b) OR (a c): a in both
        #expect(ExactOp.required([.term(0), .term(1), .all(2), .term(0), .term(2), .all(2), .any(2)]) == [0])
        // (a OR b) c
        #expect(ExactOp.required([.term(0), .term(1), .any(2), .term(2), .all(2)]) == [2])
        #expect(ExactOp.required([.term(3)]) == [3])
        #expect(ExactOp.required([]) == [])
        #expect(ExactOp.required([.all(2)]) == [])
    }
}
