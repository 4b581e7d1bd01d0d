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
}
