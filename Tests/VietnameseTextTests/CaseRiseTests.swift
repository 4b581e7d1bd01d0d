import Testing
import VietnameseText

/// Words glued at a change of case (`hoáTiêu`, `netSent`) and names written in camel case
/// (`VnExpress`, `iPhone`): the word stays whole and its parts are stored beside it.
@Suite struct CaseRiseTests {
    private func token(_ text: String) -> Token? { VietnameseText.tokens(text).first }

    @Test func partsOfGluedWordsAndCamelNames() {
        #expect(token("netSent")?.parts == ["net", "sent"])
        #expect(token("hoáTiêu")?.parts == ["hoa", "tieu"])
        #expect(token("iPhone")?.parts == ["i", "phone"])
        #expect(token("McDonald")?.parts == ["mc", "donald"])
        // Runs of two parts or more that end the word are stored too: `VnExpress` in `vớiVnExpress`.
        #expect(token("vớiVnExpress")?.parts == ["voi", "vn", "express", "vnexpress"])
        #expect(token("GlaxoSmithKline")?.parts == ["glaxo", "smith", "kline", "smithkline"])
    }

    @Test func theWordItselfStaysWhole() {
        let t = token("hoáTiêu")
        #expect(t?.folded == "hoatieu")
        #expect(t?.text == "hoáTiêu")
        #expect(VietnameseText.tokens("hoáTiêu chuẩn").map(\.folded) == ["hoatieu", "chuan"], "parts take no position")
    }

    @Test(arguments: ["TPHCM", "WTO", "Hà", "tiêu", "ĐÀ NẴNG", "U23", "abc"])
    func noRiseNoParts(_ text: String) {
        #expect(VietnameseText.tokens(text).allSatisfy { $0.parts == nil }, "\(text)")
    }

    @Test func capitalsBeyondASCIIAndDecomposedMarks() {
        // Đ (U+0110) and Ẵ (U+1EB4) are capitals; NFD marks after the lowercase letter do not break the rise.
        #expect(token("ĐàNẵng")?.parts == ["da", "nang"])
        #expect(token("NộiĐT")?.parts == ["noi", "dt"])
        let nfd = "hoa\u{301}Tie\u{302}u"
        #expect(token(nfd)?.parts == ["hoa", "tieu"])
        #expect(token(nfd)?.folded == "hoatieu")
    }

    @Test func partRangesPointAtTheOriginalBytes() {
        var found: [(String, String)] = []
        let text = "Mã hoáTiêu mới"
        var copy = text
        copy.withUTF8 { bytes in
            StoredTokenizer().tokenize(bytes, exactForms: true) { s in
                if s.kind == .part {
                    found.append((String(decoding: bytes[s.start..<s.end], as: UTF8.self), String(decoding: s.exact, as: UTF8.self)))
                }
                return true
            }
        }
        #expect(found.map(\.0) == ["hoá", "Tiêu"])
        #expect(found.map(\.1) == ["hóa", "tiêu"], "each part's exact form, tone placed as for the part alone")
    }

    @Test func theExactTableGetsThePartsExactForms() {
        var forms: [String] = []
        var text = "kết quả hoáTiêu"
        text.withUTF8 { bytes in
            StoredTokenizer().exactForms(bytes) { form, _, _ in
                forms.append(String(decoding: form, as: UTF8.self))
                return true
            }
        }
        #expect(forms.contains("hóa") && forms.contains("tiêu"), "\(forms)")
        #expect(forms.first == "kết")
    }
}
