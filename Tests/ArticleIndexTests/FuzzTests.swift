import Foundation
import TestSupport
import Testing
@testable import ArticleIndex

@Suite struct FuzzTests {
    @Test func tokenizerAndQueryLanguageHoldTheirInvariants() throws {
        let tmp = TemporaryFolder()
        let db = tmp.path("f.sqlite")
        _ = try index([Paths.seeds.path, Paths.fixtures.appendingPathComponent("good").path], db: db)
        var fuzzer = Fuzzer(seed: 20261129)
        let report = fuzzer.run(searcher: try Searcher(path: db), cases: 4000, seconds: 60)
        #expect(report.tokenizerCases == 4000)
        #expect(report.queryCases == 250)
        #expect(report.failures.isEmpty, "\(report.failures)")
    }
}
