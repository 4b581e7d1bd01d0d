import Foundation
import Testing
@testable import VietnameseText

/// Writes a letter in a legacy encoding from the published table (the inverse of the decoder's map).
func legacySpelling(_ letter: String, _ encoding: LegacyEncoding) -> String? {
    switch encoding {
    case .tcvn3: return LegacyTables.tcvn3.first { $0.1 == letter }?.0
    case .vni: return LegacyTables.vni.first { $0.1 == letter }?.0
    case .cp1258:
        // Windows-1258 writes the base (or ă â ê ô ơ ư đ) and a combining tone byte.
        let nfd = Array(letter.decomposedStringWithCanonicalMapping.unicodeScalars)
        let toneBytes: [UInt32: String] = [0x300: "\u{CC}", 0x301: "\u{EC}", 0x309: "\u{D2}", 0x303: "\u{DE}", 0x323: "\u{F2}"]
        var base = String(String.UnicodeScalarView(nfd.filter { toneBytes[$0.value] == nil })).precomposedStringWithCanonicalMapping
        if let shaped = LegacyTables.cp1258.first(where: { $0.1 == base }) { base = shaped.0 }
        return base + (nfd.compactMap { toneBytes[$0.value] }.first ?? "")
    case .viqr:
        let nfd = Array(letter.decomposedStringWithCanonicalMapping.unicodeScalars)
        let tones: [UInt32: String] = [0x301: "'", 0x300: "`", 0x309: "?", 0x303: "~", 0x323: "."]
        let base = String(String.UnicodeScalarView(nfd.filter { tones[$0.value] == nil })).precomposedStringWithCanonicalMapping
        let shaped = LegacyTables.viqrShapes.first { $0.1 == base }?.0 ?? base
        return shaped + (nfd.compactMap { tones[$0.value] }.first ?? "")
    }
}

@Suite struct LegacyEncodingTests {
    @Test func publishedPhrases() {
        #expect(LegacyEncoding.vni.convert("Toâi ñi hoïc") == "Tôi đi học")
        #expect(LegacyEncoding.tcvn3.convert("T«i ®i häc") == "Tôi đi học")
        #expect(LegacyEncoding.viqr.convert("To^i ddi ho.c") == "Tôi đi học")
        #expect(LegacyEncoding.cp1258.convert("T\u{F4}i \u{F0}i ho\u{F2}c") == "Tôi đi học")
        #expect(LegacyEncoding.detect(in: "T«i ®i häc vµ lµm viÖc ë Hµ Néi") == .tcvn3)
        #expect(LegacyEncoding.detect(in: "Toâi ñi hoïc vaø laøm vieäc ôû Haø Noäi") == .vni)
        #expect(LegacyEncoding.detect(in: "To^i ddi ho.c va` la`m vie^.c o+? Ha` No^.i") == .viqr)
    }

    @Test(arguments: LegacyEncoding.allCases)
    func everyLetterOfTheTableRoundTrips(_ encoding: LegacyEncoding) {
        for letter in vietnameseLetters {
            guard let legacy = legacySpelling(letter, encoding) else {
                // TCVN3 has no capital letters with tones: they were small letters in a capitals font.
                let isToneCapital = encoding == .tcvn3 && letter != letter.lowercased()
                    && letter.decomposedStringWithCanonicalMapping.unicodeScalars.contains { [0x300, 0x301, 0x309, 0x303, 0x323].contains($0.value) }
                #expect(isToneCapital || (encoding == .tcvn3 && "ĂÂÊÔƠƯĐ".contains(letter) == false && letter != letter.lowercased()),
                        "\(letter) has no \(encoding) spelling")
                continue
            }
            // Inside a syllable, as in text: VIQR's `?` and `.` end sentences when they end a word.
            let converted = encoding.convert("t" + legacy + "n")
            #expect(converted == "t" + letter + "n", "\(encoding) \(legacy.unicodeScalars.map { String($0.value, radix: 16) }) → \(converted), not \(letter)")
        }
    }

    @Test func realUnicodeVietnameseIsNeverConverted() throws {
        #expect(LegacyEncoding.detect(in: "Đảng bộ huyện Mai Sơn phát triển nông thôn mới") == nil)
        #expect(LegacyEncoding.detect(in: "Plain English text, with punctuation. Isn't it?") == nil)
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seeds").standardized
        for file in try FileManager.default.contentsOfDirectory(atPath: seed.path) {
            let text = try String(contentsOfFile: seed.appendingPathComponent(file).path, encoding: .utf8)
            #expect(LegacyEncoding.detect(in: text) == nil, "\(file)")
            // Unaccented Vietnamese is ASCII: it must not be read as VIQR.
            #expect(LegacyEncoding.detect(in: VietnameseText.fold(text)) == nil)
        }
    }
}

extension LegacyEncodingTests {
    @Test(.enabled(if: CorpusSample.isPresent, "needs ../shared/corpus/vntc-shared-sample-1000.jsonl.gz beside the checkout"))
    func noArticleOfTheCorpusSampleIsMistakenForALegacyEncoding() throws {
        let path = CorpusSample.path
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-dc", path]
        let pipe = Pipe()
        gzip.standardOutput = pipe
        try gzip.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        var articles = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let object = try JSONSerialization.jsonObject(with: line) as! [String: Any]
            let text = ([object["title"] as! String] + (object["paragraphs"] as! [String])).joined(separator: "\n")
            #expect(LegacyEncoding.detect(in: text) == nil, "\(object["id"]!)")
            articles += 1
        }
        #expect(articles == 1000)
    }
}

/// The 1,000-article corpus sample beside the checkout (CI has it; tests that need it say so).
enum CorpusSample {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/corpus/vntc-shared-sample-1000.jsonl.gz").standardized.path
    static let isPresent = FileManager.default.fileExists(atPath: path)
}
