import Testing
import VietnameseText

/// Tokens as people write them: abbreviations, domains, codes and i/y spellings (README "Tokenizer").
@Suite struct WrittenFormsTests {
    private func folded(_ text: String) -> [String] { VietnameseText.tokens(text).map(\.folded) }
    private func breaks(_ text: String) -> [Bool] { VietnameseText.tokens(text).map(\.followsPunctuation) }

    @Test(arguments: ["TP.HCM", "Q.1", "U.23", "PGS.TS", "vnexpress.net", "tamsu@vnexpress.net",
                      "http://forum.example.edu.vn/x", "10:30", "km/h"])
    func innerPunctuationIsNoSentenceBreak(_ written: String) {
        let tokens = VietnameseText.tokens("Tin \(written) mới")
        #expect(tokens.count >= 4, "the parts are words of their own")
        #expect(!tokens.contains { $0.followsPunctuation }, "\(tokens.map(\.text))")
        #expect(tokens.dropFirst().dropLast().allSatisfy { $0.attached || $0.text == tokens[1].text })
    }

    /// A name with an apostrophe is one written form, whichever apostrophe it is written with: its
    /// words are marked as one (`**O’Neal**`). Spaces or other signs between keep words apart.
    @Test(arguments: ["O'Neal", "O’Neal", "L’Équipe"])
    func anApostropheAttachesTheWordsItJoins(_ written: String) {
        let tokens = VietnameseText.tokens("ông \(written) nói")
        #expect(tokens.map(\.attached) == [false, false, true, false], "\(tokens.map(\.text))")
    }

    @Test func signsThatSeparateDoNotAttach() {
        for written in ["O ‘Neal’", "Hà Nội – Huế", "a » b", "x … y"] {
            #expect(!VietnameseText.tokens(written).contains { $0.attached }, "\(written)")
        }
    }

    @Test func realSentenceBreaksStay() {
        #expect(breaks("nông. Thôn") == [false, true])
        #expect(breaks("nông, thôn") == [false, true])
        #expect(breaks("nông: thôn") == [false, true])
        #expect(breaks("nông... thôn") == [false, true])
        #expect(breaks("ngày 2.100 người") == [false, false, false], "a number's dot is no break")
        #expect(folded("http://forum.example.edu.vn/x") == ["http", "forum", "example", "edu", "vn", "x"])
        #expect(folded("tamsu@vnexpress.net") == ["tamsu", "vnexpress", "net"])
    }

    /// A `.` after an initial (one capital standing alone) abbreviates a name: no break (version 6).
    /// After a word of several letters, an accented capital, a digit or another initial's `.`, it stays one.
    @Test func anInitialsDotIsNoBreak() {
        #expect(breaks("C. Ronaldo") == [false, false])
        #expect(breaks("George W. Bush") == [false, false, false])
        #expect(breaks("anh X. cho biết") == [false, false, false, false])
        #expect(breaks("tiền đạo\u{A0}C. Ronaldo") == [false, false, false, false], "after an NBSP")
        #expect(breaks("châu Á. Nhưng") == [false, false, true], "`Á` is a word")
        #expect(breaks("lớp 12A. Trong") == [false, false, false, true])
        #expect(breaks("U.S. Army") == [false, false, true])
        #expect(breaks("TP. HCM") == [false, true], "two letters: a word, not an initial")
        #expect(breaks("vitamin c. Củ") == [false, false, true], "a small letter is a word")
    }

    @Test func lettersAndDigitsAreSeparateWords() {
        for written in ["U23", "U-23", "U.23", "U 23"] { #expect(folded(written) == ["u", "23"], "\(written)") }
        #expect(folded("PMU18") == ["pmu", "18"])
        #expect(folded("257km") == ["257", "km"])
        #expect(folded("30km/h") == ["30", "km", "h"])
        #expect(folded("H5N1") == ["h", "5", "n", "1"])
        #expect(folded("COVID-19") == ["covid", "19"])
        #expect(folded("1.000đ") == ["1.000", "d"])
        #expect(VietnameseText.tokens("1.000đ").first?.alternates == ["1000"])
    }

    @Test func abbreviationsCarryTheirJoinedForm() {
        #expect(VietnameseText.tokens("TP.HCM").map(\.joined) == ["tphcm", nil])
        #expect(VietnameseText.tokens("TP HCM").map(\.joined) == ["tphcm", nil], "capitals with one space")
        #expect(VietnameseText.tokens("tp.hcm").map(\.joined) == ["tphcm", nil], "a dot joins whatever the case")
        #expect(VietnameseText.tokens("PGS.TS").first?.joined == "pgsts")
        #expect(VietnameseText.tokens("Tp Hcm").allSatisfy { $0.joined == nil }, "words in small letters stay apart")
        #expect(VietnameseText.tokens("TP. HCM").allSatisfy { $0.joined == nil }, "a dot and a space is a break")
        #expect(VietnameseText.tokens("vnexpress.net").allSatisfy { $0.joined == nil }, "parts of at most 5 letters")
        #expect(VietnameseText.tokens("HĐND TP").allSatisfy { $0.joined == nil }, "ASCII letters only")
        #expect(VietnameseText.tokens("TPHCM").map(\.folded) == ["tphcm"])
    }

    /// Each pair that Vietnamese spelling leaves open is one word, folded and exact.
    @Test(arguments: [("tỷ", "tỉ"), ("quy", "qui"), ("quý", "quí"), ("kỹ", "kĩ"), ("lý", "lí"), ("mỹ thuật", "mĩ thuật"),
                      ("hy sinh", "hi sinh"), ("Mỹ", "mĩ"), ("sỹ", "sĩ"), ("kỷ luật", "kỉ luật"), ("TỶ", "tỉ")])
    func iyPairsAreOneWord(_ y: String, _ i: String) {
        #expect(VietnameseText.fold(y) == VietnameseText.fold(i))
        #expect(VietnameseText.exactForms(y) == VietnameseText.exactForms(i))
    }

    @Test func iyStaysApartWhereTheSoundDiffers() {
        #expect(VietnameseText.fold("thúy") != VietnameseText.fold("thú"))
        #expect(VietnameseText.fold("thúy") == "thuy")
        #expect(VietnameseText.fold("huy") != VietnameseText.fold("hui"))
        #expect(VietnameseText.fold("thuy") != VietnameseText.fold("thui"))
        #expect(VietnameseText.exactForms("ý kiến") == ["ý", "kiến"], "a word that is only y keeps it")
        #expect(VietnameseText.exactForms("quyết") == ["quyết"])
        #expect(VietnameseText.exactForms("nguyễn") == ["nguyễn"])
    }

    @Test func storedTokensInOrder() {
        var kinds: [String] = []
        StoredTokenizer().tokenize("Ông An. Tới TP.HCM ngày 2.100") { t in
            kinds.append("\(t.kind):\(String(decoding: t.bytes, as: UTF8.self))")
            return true
        }
        #expect(kinds == ["word:ong", "word:an", "boundary:.", "word:toi", "word:tp", "joined:tphcm", "word:hcm",
                          "word:ngay", "word:2.100", "alternate:2100"])
    }
}
