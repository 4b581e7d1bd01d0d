import Testing
import VietnameseText

@Suite struct TypingConversionTests {
    @Test(arguments: [
        ("aa", "â"), ("aw", "ă"), ("ee", "ê"), ("oo", "ô"), ("ow", "ơ"), ("uw", "ư"), ("w", "ư"), ("ddi", "đi"), ("DDi", "Đi"),
        ("as", "á"), ("af", "à"), ("ar", "ả"), ("ax", "ã"), ("aj", "ạ"), ("asz", "a"),
        ("aas", "ấ"), ("awf", "ằ"), ("eer", "ể"), ("oox", "ỗ"), ("owj", "ợ"), ("uws", "ứ"),
        ("dduwowngf", "đường"), ("nooong", "nông"), ("thoon", "thôn"), ("nguwowif", "người"), ("uow", "ươ"),
        ("hoaf", "hòa"), ("thuyr", "thủy"), ("Vieetj", "Việt"), ("DDaf", "Đà"), ("tieengs", "tiếng"), ("quys", "quý"),
    ])
    func telexKeys(_ typed: String, _ expected: String) {
        #expect(TypingConversion.telex(typed) == expected, "\(typed)")
    }

    @Test(arguments: [
        ("a1", "á"), ("a2", "à"), ("a3", "ả"), ("a4", "ã"), ("a5", "ạ"), ("a10", "a"),
        ("a6", "â"), ("e6", "ê"), ("o6", "ô"), ("o7", "ơ"), ("u7", "ư"), ("a8", "ă"), ("d9i", "đi"),
        ("d9u7o7ng2", "đường"), ("duo7ng2", "dường"), ("nguo7i2", "người"), ("Vie65t", "Việt"), ("ho2a", "hòa"),
        ("2005", "2005"), ("a61", "ấ"), ("a82", "ằ"),
    ])
    func vniKeys(_ typed: String, _ expected: String) {
        #expect(TypingConversion.vni(typed) == expected, "\(typed)")
    }

    @Test func queriesKeepTheirOperators() {
        #expect(TypingConversion.telex("\"nooong thoon\" OR -ddaf*") == "\"nông thôn\" OR -đà*")
        #expect(TypingConversion.vni("(d9u7o7ng2 OR pho61)") == "(đường OR phố)")
    }
}

@Suite struct TypingConversionForeignWordsTests {
    /// Words whose conversion is no Vietnamese syllable stay as typed; the Vietnamese ones beside them convert.
    @Test(arguments: ["Blair", "Bush", "SEA", "Games", "Asean", "U23", "H5N1", "COVID19", "iPhone", "Clinton", "Ronaldo"])
    func foreignWordsAndCodesStay(_ word: String) {
        #expect(TypingConversion.telex(word) == word)
        #expect(TypingConversion.vni(word) == word)
    }

    @Test func sentencesMixBoth() {
        #expect(TypingConversion.telex("thur tuwowngs Blair") == "thủ tướng Blair")
        #expect(TypingConversion.telex("SEA Games 22") == "SEA Games 22")
        #expect(TypingConversion.telex("toongr thoongs Bush") == "tổng thống Bush")
        #expect(TypingConversion.vni("U23 Vie65t Nam") == "U23 Việt Nam")
        #expect(TypingConversion.vni("nam 2007") == "nam 2007")
    }
}
