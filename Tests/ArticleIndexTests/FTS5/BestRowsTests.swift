import Testing
@testable import ArticleIndex

@Suite struct BestRowsTests {
    /// The heap must keep exactly what a full sort (score descending, then rowid) would put first.
    @Test(arguments: [0, 1, 3, 10, 100, 5000])
    func keepsWhatAFullSortWouldKeep(capacity: Int) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let rows: [(score: Double, rowid: Int64)] = (0..<Int.random(in: 0...2000, using: &generator)).map { i in
                // Few distinct scores, so that ties (broken by rowid) are common.
                (Double(Int.random(in: 0...30, using: &generator)) / 3, Int64(i * 7 % 2003))
            }
            let best = BestRows(capacity: capacity)
            for row in rows.shuffled() { best.offer(row.score, row.rowid) }
            let expected = rows.sorted(by: BestRows.beats).prefix(capacity)
            let kept = best.sorted()
            #expect(kept.map(\.rowid) == expected.map(\.rowid))
            #expect(kept.map(\.score) == expected.map(\.score))
        }
    }

    @Test func withoutCapacityItKeepsEveryRow() {
        let best = BestRows(capacity: nil)
        for i in 0..<1000 { best.offer(Double(i % 13), Int64(i)) }
        let kept = best.sorted()
        #expect(kept.count == 1000)
        #expect(zip(kept, kept.dropFirst()).allSatisfy { BestRows.beats($0, $1) })
    }
}
