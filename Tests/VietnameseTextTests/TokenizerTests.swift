import Foundation
import Testing
import TestSupport
import VietnameseText

/// Random Vietnamese-looking words built from real onsets, vowels and codas.
func randomVietnameseWord(_ rng: inout SplitMix64) -> String {
    let onsets = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x", "Đ", "Ng", "TR"]
    let nuclei = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uy", "ươ", "iê", "uô", "ai", "ao", "ưa", "oai"]
    let codas = ["", "", "n", "ng", "nh", "m", "c", "ch", "t", "p", "i", "u"]
    let tones = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"]
    var word = onsets.randomElement(using: &rng)! + nuclei.randomElement(using: &rng)!
    word += tones.randomElement(using: &rng)! + codas.randomElement(using: &rng)!
    return word.precomposedStringWithCanonicalMapping
}

func bytesTokens(_ bytes: [UInt8]) -> [Token] {
    bytes.withUnsafeBufferPointer { VietnameseText.tokens(utf8: $0) }
}

@Suite struct TokenizerTests {
    @Test func numbersWithSeparatorsStayWhole() {
        let tokens = VietnameseText.tokens("Tập trung thâm canh 2.100 ha, 1.373 ha và 11.200 ha; đạt 87,7 triệu. Năm 2023.")
        let folded = tokens.map(\.folded)
        #expect(folded.contains("2.100") && folded.contains("1.373") && folded.contains("11.200") && folded.contains("87,7"))
        #expect(folded.last == "2023", "a sentence-final dot is not part of the number")
        #expect(tokens.first { $0.folded == "2.100" }?.alternates == ["2100"])
        #expect(tokens.first { $0.folded == "87,7" }?.alternates == nil)
        #expect(tokens.first { $0.folded == "11.200" }?.alternates == ["11200"])
    }

    @Test func documentedSplits() {
        #expect(VietnameseText.fold("4-5%") == "4 5 %")
        #expect(VietnameseText.fold("12/19") == "12 19")
        #expect(VietnameseText.fold("2022-2024") == "2022 2024")
        #expect(VietnameseText.fold("1.2.3") == "1.2.3")
    }

    @Test func percentIsAWordOfItsOwn() {
        let text = "tăng 10%, 0,5 % và 15-20%."
        let tokens = VietnameseText.tokens(text)
        #expect(tokens.map(\.folded) == ["tang", "10", "%", "0,5", "%", "va", "15", "20", "%"])
        let utf8 = Array(text.utf8)
        #expect(tokens.filter { $0.folded == "%" }.allSatisfy { String(decoding: utf8[$0.start..<$0.end], as: UTF8.self) == "%" })
        #expect(VietnameseText.fold("%%") == "% %")
    }

    /// `C++` and `C#` are not the letter `c` of `vitamin C`: their signs belong to the word.
    @Test func languageNamesKeepTheirSigns() {
        let text = "Visual C++, C# và Notepad++ (không phải vitamin C)."
        let tokens = VietnameseText.tokens(text)
        #expect(tokens.map(\.folded) == ["visual", "c++", "c#", "va", "notepad++", "khong", "phai", "vitamin", "c"])
        #expect(tokens.map(\.exact)[1...2] == ["c++", "c#"])
        let utf8 = Array(text.utf8)
        #expect(tokens.map { String(decoding: utf8[$0.start..<$0.end], as: UTF8.self) }[1...4] == ["C++", "C#", "và", "Notepad++"])
        // Signs with a letter, digit or sign after them, or after digits, a word of two letters (`#`)
        // or a marked word, are no part of it.
        #expect(VietnameseText.fold("A+B C+ C+++ C#1 C## 3++ AB# Đ++") == "a b c c c 1 c 3 ab d")
    }

    @Test func rangesPointAtTheOriginalBytes() {
        let text = "Đồng chí Hà Văn Bình, Phó Bí thư"
        let utf8 = Array(text.utf8)
        for t in VietnameseText.tokens(text) {
            #expect(String(decoding: utf8[t.start..<t.end], as: UTF8.self) == t.text)
            #expect(VietnameseText.fold(t.text) == t.folded)
        }
    }

    @Test func punctuationIsRecordedBetweenTokens() {
        let tokens = VietnameseText.tokens("nông, thôn. Mới nông thôn")
        #expect(tokens.map(\.followsPunctuation) == [false, true, true, false, false])
    }

    @Test func overlongTokensAreTruncatedButCoverTheWord() {
        let word = String(repeating: "ươ", count: 100)
        let t = VietnameseText.tokens("a \(word) b")
        #expect(t.count == 3)
        #expect(t[1].folded.utf8.count == VietnameseTokenizer.maxTokenBytes)
        #expect(t[1].start == 2 && t[1].end == 2 + word.utf8.count)
    }

    @Test func invalidBytesAndLoneMarksNeverCrash() {
        let nasty: [[UInt8]] = [[0xFF, 0x61, 0xC3], [0xCC, 0x80, 0x61], [0x00, 0x61, 0x00], [0xE1, 0xBA], [0xED, 0xA0, 0x80, 0x62],
                                [0xF4, 0x90, 0x80, 0x80], [0x61, 0xCC, 0x80, 0xCC, 0x81, 0xCC, 0x83]]
        for bytes in nasty {
            for t in bytesTokens(bytes) {
                #expect(t.start >= 0 && t.start < t.end && t.end <= bytes.count)
            }
        }
        #expect(bytesTokens([0xCC, 0x80, 0x61]).map(\.folded) == ["a"], "an unpaired mark is not a token")
    }

    @Test func randomBytesKeepTheInvariants() {
        var rng = SplitMix64(state: 42)
        let alphabet: [[UInt8]] = [Array("a".utf8), Array("ệ".utf8), Array("đ".utf8), [0xCC, 0x81], [0xCC, 0xA3], [0xCC, 0x82],
                                   Array(" ".utf8), Array(".".utf8), Array("9".utf8), [0xFF], [0xE1], [0x80], [0x00], Array("Ư".utf8),
                                   Array("\u{00A0}".utf8), Array("\u{200B}".utf8), Array("中".utf8), Array("😀".utf8)]
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<40, using: &rng) {
                if Bool.random(using: &rng) { bytes += alphabet.randomElement(using: &rng)! }
                else { bytes.append(UInt8.random(in: 0...255, using: &rng)) }
            }
            var last = 0
            for t in bytesTokens(bytes) {
                #expect(t.start >= last && t.start < t.end && t.end <= bytes.count)
                last = t.end
                // The original slice folds to the token's folded form.
                let again = bytesTokens(Array(bytes[t.start..<t.end]))
                #expect(again.first?.folded == t.folded)
                #expect(again.first?.exact == t.exact)
            }
        }
    }

    @Test func nfcAndNfdSpellingsAgree() {
        var rng = SplitMix64(state: 7)
        for _ in 0..<3000 {
            let words = (0..<Int.random(in: 1...6, using: &rng)).map { _ in randomVietnameseWord(&rng) }
            let nfc = words.joined(separator: " ")
            let nfd = nfc.decomposedStringWithCanonicalMapping
            let a = VietnameseText.tokens(nfc), b = VietnameseText.tokens(nfd)
            #expect(a.map(\.folded) == b.map(\.folded), "\(nfc)")
            #expect(a.map(\.exact) == b.map(\.exact), "\(nfc)")
            #expect(a.map(\.folded).allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } })
            for t in b { #expect(String(decoding: Array(nfd.utf8)[t.start..<t.end], as: UTF8.self) == t.text) }
        }
    }

    @Test(.enabled(if: CorpusSample.isPresent, "needs ../shared/corpus/vntc-shared-sample-1000.jsonl.gz beside the checkout"))
    func everyCorpusSampleParagraphTokenizes() throws {
        let here = URL(fileURLWithPath: CorpusSample.path)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-dc", here.path]
        let pipe = Pipe()
        gzip.standardOutput = pipe
        try gzip.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        var paragraphs = 0, tokens = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let object = try JSONSerialization.jsonObject(with: line) as! [String: Any]
            for p in object["paragraphs"] as! [String] {
                let utf8 = Array(p.utf8)
                for t in bytesTokens(utf8) {
                    #expect(String(validating: utf8[t.start..<t.end], as: UTF8.self) != nil)
                    tokens += 1
                }
                paragraphs += 1
            }
        }
        #expect(paragraphs == 9532)
        #expect(tokens > 400_000)
    }
}
