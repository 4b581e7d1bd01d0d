import Testing
@testable import ArticleIndex

/// What a passage is marked with, as byte ranges of the original text, without an index.
@Suite struct HighlighterTests {
    /// The marked words of `text` for `query`, as the strings the ranges cover.
    static func marked(_ query: String, in text: String, strict: Bool = false) throws -> [String] {
        let parsed = try Query.parse(query, strict: strict)
        let ranges = Highlighter(units: parsed.positiveUnits, strict: strict).ranges(in: text)
        let bytes = Array(text.utf8)
        return ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// An unaccented word marks every tone; the ranges cover the original bytes, NFD marks included.
    @Test func everyToneAndTheOriginalBytes() throws {
        #expect(try Self.marked("dang", in: "Đảng và dáng đứng") == ["Đảng", "dáng"])
        let nfd = "Vie\u{302}\u{323}t Nam"
        #expect(try Self.marked("viet", in: nfd) == ["Vie\u{302}\u{323}t"])
    }

    /// An accented word marks only its exact form where the text holds it, and in strict mode;
    /// elsewhere (a passage found with another tone) it marks the word it matched.
    @Test func accentedWordsMarkTheirExactForm() throws {
        #expect(try Self.marked("Đảng", in: "Đảng và dáng đứng", strict: true) == ["Đảng"])
        #expect(try Self.marked("Đảng", in: "Đảng và dáng đứng") == ["Đảng"])
        #expect(try Self.marked("Đảng", in: "dáng đứng") == ["dáng"])
        #expect(try Self.marked("Đảng", in: "dáng đứng", strict: true).isEmpty)
    }

    /// A phrase marks its words only where they stand together, in order, in one sentence.
    @Test func phrasesWhereTheyStandTogether() throws {
        #expect(try Self.marked("\"nong thon\"", in: "Nông thôn mới, thôn nông. Nông. Thôn") == ["Nông", "thôn"])
    }

    /// Written forms are one range: an abbreviation by its joined form, a number by its alternate.
    @Test func writtenFormsAreOneRange() throws {
        #expect(try Self.marked("TPHCM", in: "Tại TP.HCM hôm nay") == ["TP.HCM"])
        #expect(try Self.marked("2100*", in: "có 2.100 người") == ["2.100"])
        #expect(try Self.marked("U23", in: "đội U.23 Việt Nam") == ["U.23"])
    }

    /// The words a snippet is cut between are written forms: attached words are one (`15h30` is
    /// three tokens, `TP.HCM` two), so no cut falls inside one.
    @Test func aSnippetIsCutBetweenWrittenForms() throws {
        let text = "Nam Định (15h30)Bình Dương tại TP.HCM"
        let parsed = try Query.parse("15h30", strict: false)
        let (highlights, forms) = Highlighter(units: parsed.positiveUnits, strict: false).scan(text)
        let bytes = Array(text.utf8)
        #expect(forms.map { String(decoding: bytes[$0], as: UTF8.self) } == ["Nam", "Định", "15h30)Bình", "Dương", "tại", "TP.HCM"])
        #expect(highlights.map { String(decoding: bytes[$0], as: UTF8.self) } == ["15h30"])
        // A window that ends at the mark (it starts five words before it) holds `15h30` whole;
        // cut between tokens, it ended `(15…`.
        let long = Array(repeating: "x", count: 40).joined(separator: " ") + " " + text + " y y y y y y"
        let (h, f) = Highlighter(units: parsed.positiveUnits, strict: false).scan(long)
        let (snippet, marks) = Snippet.make(long, highlights: h, words: f, count: 6)
        #expect(snippet == "…x x x Nam Định (15h30)Bình…")
        #expect(marks.map { String(decoding: Array(snippet.utf8)[$0], as: UTF8.self) } == ["15h30"])
    }

    @Test func prefixesAndNoMatch() throws {
        #expect(try Self.marked("nghiê*", in: "nghiên cứu thí nghiệm") == ["nghiên", "nghiệm"])
        #expect(try Self.marked("lua", in: "không có gì").isEmpty)
    }

    /// Byte offsets become scalar offsets for JSON (the first word is 4 scalars in NFC, 6 in NFD).
    @Test func scalarOffsets() {
        #expect(ScalarOffsets.convert([0..<6, 7..<10], in: "Việt Nam") == [[0, 4], [5, 8]])
        #expect(ScalarOffsets.convert([0..<9], in: "Vie\u{302}\u{323}t") == [[0, 6]])
    }
}

/// The snippet: about `words` words around the densest cluster of highlights, cut with `…`.
@Suite struct SnippetTests {
    static func words(_ text: String) -> [Range<Int>] {
        var out: [Range<Int>] = [], start: Int?
        for (i, b) in text.utf8.enumerated() {
            if b == 0x20 { if let s = start { out.append(s..<i); start = nil } } else if start == nil { start = i }
        }
        if let s = start { out.append(s..<text.utf8.count) }
        return out
    }

    @Test func shortTextIsWhole() {
        let text = "một hai ba"
        let (snippet, marks) = Snippet.make(text, highlights: [4..<7], words: Self.words(text), count: 30)
        #expect(snippet == text && marks == [4..<7])
    }

    /// A long text is cut around the cluster, a few words before it, and the marks move with it.
    @Test func cutAroundTheDensestCluster() {
        let text = (0..<40).map { "w\($0)" }.joined(separator: " ")
        let tokens = Self.words(text)
        let hits = [tokens[20], tokens[22]]
        let (snippet, marks) = Snippet.make(text, highlights: hits, words: tokens, count: 10)
        #expect(snippet == "…w15 w16 w17 w18 w19 w20 w21 w22 w23 w24…")
        let bytes = Array(snippet.utf8)
        #expect(marks.map { String(decoding: bytes[$0], as: UTF8.self) } == ["w20", "w22"])
    }

    /// A mark over several words (`TP.HCM`) counts each of them, and one the cut goes through
    /// keeps its part inside the snippet.
    @Test func aMarkOverSeveralWordsCountsThemAndIsCutWithTheText() {
        let text = (0..<40).map { "w\($0)" }.joined(separator: " ")
        let tokens = Self.words(text)
        // w5…w9 as one mark outweighs w30 and w32 apart.
        let (snippet, marks) = Snippet.make(text, highlights: [tokens[5].lowerBound..<tokens[9].upperBound, tokens[30], tokens[32]],
                                            words: tokens, count: 10)
        #expect(snippet == "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9…")
        #expect(marks.map { String(decoding: Array(snippet.utf8)[$0], as: UTF8.self) } == ["w5 w6 w7 w8 w9"])
        // A mark running past the window's end keeps the words inside it.
        let (cut, inside) = Snippet.make(text, highlights: [tokens[12].lowerBound..<tokens[30].upperBound], words: tokens, count: 10)
        #expect(cut == "…w7 w8 w9 w10 w11 w12 w13 w14 w15 w16…")
        #expect(inside.map { String(decoding: Array(cut.utf8)[$0], as: UTF8.self) } == ["w12 w13 w14 w15 w16"])
    }

    @Test func clusterAtTheEndIsNotCutAfter() {
        let text = (0..<40).map { "w\($0)" }.joined(separator: " ")
        let tokens = Self.words(text)
        let (snippet, _) = Snippet.make(text, highlights: [tokens[39]], words: tokens, count: 10)
        #expect(snippet == "…w30 w31 w32 w33 w34 w35 w36 w37 w38 w39")
    }
}
