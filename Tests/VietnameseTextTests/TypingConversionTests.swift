import Testing
import VietnameseText

@Suite struct TypingConversionTests {
    @Test(arguments: [
        ("aa", "â"), ("aw", "ă"), ("ee", "ê"), ("oo", "ô"), ("ow", "ơ"), ("uw", "ư"), ("w", "ư"), ("dd", "đ"),
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
        ("a6", "â"), ("e6", "ê"), ("o6", "ô"), ("o7", "ơ"), ("u7", "ư"), ("a8", "ă"), ("d9", "đ"),
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
