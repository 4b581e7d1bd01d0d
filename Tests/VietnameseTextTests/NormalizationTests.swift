import Foundation
import Testing
import VietnameseText

@Suite struct NormalizationTests {
    @Test func misspelledSentenceGivesTheSameExactForms() {
        let messy = "Ðảm baỏ chất lựơng phòng thí nghịêm hoá học"
        let clean = "Đảm bảo chất lượng phòng thí nghiệm hóa học"
        #expect(VietnameseText.exactForms(messy) == VietnameseText.exactForms(clean))
        #expect(VietnameseText.exactForms(clean) == ["đảm", "bảo", "chất", "lượng", "phòng", "thí", "nghiệm", "hóa", "học"])
    }

    @Test(arguments: [("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("uỷ", "ủy"), ("HOÀ", "hòa"),
                      ("lựơng", "lượng"), ("nghịêm", "nghiệm"), ("baỏ", "bảo"), ("tòan", "toàn")])
    func tonePlacementVariantsAgree(_ variant: String, _ canonical: String) {
        #expect(VietnameseText.exactForms(variant) == [canonical])
        #expect(VietnameseText.exactForms(canonical) == [canonical])
    }

    @Test(arguments: ["quyết", "già", "toàn", "người", "ngoài", "khuỷu", "huỳnh", "giếng", "gì", "được", "nguyễn", "mùa"])
    func correctlyPlacedTonesStay(_ word: String) {
        #expect(VietnameseText.exactForms(word) == [word])
    }

    /// A combining mark above U+FFFF (U+1D167, a musical tremolo mark) is kept whole in the exact
    /// form: it was once cut to 16 bits, and came out as U+D167, a Hangul syllable.
    @Test func combiningMarksAboveTheBasicPlaneStayWhole() {
        #expect(VietnameseText.exactForms("x\u{1D167}") == ["x\u{1D167}"])
        #expect(VietnameseText.fold("x\u{1D167}") == "x")
        #expect(VietnameseText.exactForms("x\u{1D167}") != VietnameseText.exactForms("x\u{D167}"))
    }

    @Test func foldingVectors() {
        #expect(VietnameseText.fold("Đảng bộ huyện Mai Sơn") == "dang bo huyen mai son")
        #expect(VietnameseText.fold("ĐƯỜNG") == "duong")
        #expect(VietnameseText.fold("Ðà Nẵng") == "da nang")
        #expect(VietnameseText.exactForms("Ðà Nẵng") == ["đà", "nẵng"])
    }

    @Test func combiningMarksInEitherOrderCompose() {
        let dotFirst = "Vie\u{323}\u{302}t", hatFirst = "Vie\u{302}\u{323}t"
        for nfd in [dotFirst, hatFirst] {
            #expect(VietnameseText.exactForms(nfd) == ["việt"])
            #expect(VietnameseText.fold(nfd) == "viet")
            let t = VietnameseText.tokens(nfd)
            #expect(t.count == 1 && t[0].end == nfd.utf8.count, "range covers the trailing marks")
        }
    }

    @Test func spacesAndZeroWidthCharacters() {
        #expect(VietnameseText.fold("nông\u{00A0}thôn\u{2003}mới") == "nong thon moi")
        #expect(VietnameseText.exactForms("Vi\u{200B}ệt\u{FEFF}") == ["việt"])
        #expect(VietnameseText.exactForms("Việt\u{00AD}Nam") == ["việtnam"])
    }
}
