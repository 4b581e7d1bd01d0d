import Foundation
import TestSupport
import Testing

@Suite struct SuggestCommandTests {
    @Test func accentedFormsAndPhrasesMostFrequentFirst() throws {
        let tmp = TemporaryFolder()
        tmp.write("in/a.txt", "Một\n\nBản đồ, bản tin và bản nhạc.\n\nBạn bè.\n")
        tmp.write("in/b.txt", "Hai\n\nBản sao. Người bạn bán hàng.\n\nXây dựng nông thôn mới.\n")
        tmp.write("in/c.txt", "Ba\n\nNông thôn mới và nông thôn mơi.\n\nNong thon moi.\n\nBản cuối.\n")
        let db = tmp.path("x.sqlite")
        #expect(try CLI.run(["index", tmp.path("in"), "--db", db, "-q"]).status == 0)
        let one = try CLI.run(["suggest", "ban", "--db", db, "--json"]).json
        let forms = (one["suggestions"] as! [[String: Any]]).map { ($0["text"] as! String, $0["count"] as! Int) }
        #expect(forms.map(\.0) == ["bản", "bạn", "bán"], "\(forms)")
        #expect(forms.map(\.1) == [3, 2, 1], "passages holding each form")
        let phrase = try CLI.run(["suggest", "nong", "thon", "moi", "--db", db, "--json"]).json
        let phrases = (phrase["suggestions"] as! [[String: Any]]).map { $0["text"] as! String }
        #expect(phrases.first == "nông thôn mới")
        #expect(Set(phrases) == ["nông thôn mới", "nông thôn mơi"], "only accented phrases really present")
        let partly = try CLI.run(["suggest", "nông", "thon", "moi", "--db", db, "--json"]).json
        #expect((partly["suggestions"] as! [[String: Any]]).allSatisfy { ($0["text"] as! String).hasPrefix("nông") })
        let text = try CLI.run(["suggest", "ban", "--db", db])
        #expect(text.stdout.hasPrefix("ban → bản 3 · bạn 2 · bán 1"))
        let search = try CLI.run(["search", "nong", "thon", "moi", "--db", db])
        #expect(search.stdout.contains("hint: most often written \"nông thôn mới\""))
        let strict = try CLI.run(["search", "nông", "thôn", "mới", "--db", db])
        #expect(!strict.stdout.contains("hint:"), "no hint for an accented query")
    }
}
