@testable import ArticleIndex
import Testing
@testable import vietsearch

@Suite struct FormattingTests {
    @Test func groupedPutsCommasEveryThreeDigits() {
        #expect(grouped(0) == "0")
        #expect(grouped(999) == "999")
        #expect(grouped(1000) == "1,000")
        #expect(grouped(107_200) == "107,200")
        #expect(grouped(1_234_567) == "1,234,567")
        #expect(grouped(-45_000) == "-45,000")
    }

    @Test func oneDecimalRounds() {
        #expect(oneDecimal(0) == "0.0")
        #expect(oneDecimal(12.345) == "12.3")
        #expect(oneDecimal(12.36) == "12.4")
        #expect(oneDecimal(0.96) == "1.0")
    }

    /// Each count says "at least" only where it is a lower bound: a quoted pair's passages with any
    /// tone are the index's own count, those as typed counted to the limit.
    @Test func countLineSaysAtLeastOfEachCountThatIsALowerBound() {
        var r = SearchResponse(query: "\"Hà Nội\"", total: 18_572, results: [], seconds: 0, exactTotal: 1_000, anyToneTotal: 18_572)
        r.exactTotalIsLowerBound = true
        #expect(Search.countLine(r) == "at least 1,000 matches for \"Hà Nội\" (18,572 with any tone)")
        r.anyToneTotalIsLowerBound = true
        r.totalIsLowerBound = true
        #expect(Search.countLine(r) == "at least 1,000 matches for \"Hà Nội\" (at least 18,572 with any tone)")
        r.exactTotalIsLowerBound = false
        #expect(Search.countLine(r) == "1,000 matches for \"Hà Nội\" (at least 18,572 with any tone)")
        let unmarked = SearchResponse(query: "viet nam", total: 1_000, results: [], seconds: 0, totalIsLowerBound: true)
        #expect(Search.countLine(unmarked) == "at least 1,000 matches for viet nam")
        #expect(Search.countLine(SearchResponse(query: "khuỷu", total: 1, results: [], seconds: 0)) == "1 match for khuỷu")
    }
}
