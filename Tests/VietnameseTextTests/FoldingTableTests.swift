import Foundation
import Testing
@testable import VietnameseText

/// The 134 precomposed letters of Vietnamese: 12 vowels × 5 tones, the 6 shaped vowels and đ, in both cases.
let vietnameseLetters: [String] = {
    let lower = """
    à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ è é ẻ ẽ ẹ ê ề ế ể ễ ệ ì í ỉ ĩ ị ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ \
    ù ú ủ ũ ụ ư ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ đ
    """.split(separator: " ").map(String.init)
    return lower + lower.map { $0.uppercased() }
}()

@Suite struct FoldingTableTests {
    @Test func thereAre134VietnameseLetters() {
        #expect(vietnameseLetters.count == 134)
        #expect(Set(vietnameseLetters).count == 134)
    }

    @Test(arguments: vietnameseLetters)
    func vietnameseLetterFoldsToItsASCIIBase(_ letter: String) {
        let base = letter.decomposedStringWithCanonicalMapping.unicodeScalars.first!
        let expected = letter.lowercased() == "đ" ? "d" : String(base).lowercased()
        #expect(VietnameseText.fold(letter) == expected, "\(letter)")
        // The exact form is the lowercase letter itself.
        #expect(VietnameseText.exactForms(letter) == [letter.lowercased()], "\(letter)")
    }

    @Test func everyRowFoldsToItsBaseAndKeepsItsMarks() {
        for entry in foldingTable {
            let scalar = Unicode.Scalar(entry.scalar)!
            let text = String(Character(scalar))
            let tokens = VietnameseText.tokens(text)
            #expect(tokens.count == 1, "U+\(String(entry.scalar, radix: 16))")
            guard let token = tokens.first else { continue }
            #expect(token.folded == String(Unicode.Scalar(entry.base)), "U+\(String(entry.scalar, radix: 16))")
            #expect(token.exact != token.folded, "U+\(String(entry.scalar, radix: 16)) keeps its marks")
            #expect(token.start == 0 && token.end == text.utf8.count)
            // The row agrees with Unicode's own decomposition where there is one.
            let nfd = Array(text.decomposedStringWithCanonicalMapping.unicodeScalars)
            if nfd.count > 1 {
                #expect(nfd[0].properties.lowercaseMapping == String(Unicode.Scalar(entry.base)))
                // The NFD spelling gives the same exact form.
                #expect(VietnameseText.exactForms(String(String.UnicodeScalarView(nfd))) == [token.exact])
            }
        }
    }

    @Test func lookalikesOfDBecomeD() {
        for lookalike in ["\u{00D0}", "\u{0189}", "\u{00F0}", "Đ", "đ"] {
            #expect(VietnameseText.exactForms(lookalike + "à") == ["đà"], "\(lookalike)")
            #expect(VietnameseText.fold(lookalike) == "d")
        }
    }
}
