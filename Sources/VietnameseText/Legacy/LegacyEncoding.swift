/// Pre-Unicode Vietnamese encodings, and their conservative detection.
///
/// ```swift
/// LegacyEncoding.tcvn3.convert("T«i ®i häc")     // "Tôi đi học"
/// LegacyEncoding.vni.convert("Toâi ñi hoïc")     // "Tôi đi học"
/// LegacyEncoding.viqr.convert("To^i ddi ho.c")   // "Tôi đi học"
/// LegacyEncoding.detect(in: "T«i ®i häc")        // .tcvn3
/// ```
///
/// `convert` takes text whose bytes were read as Windows-1252/Latin-1 (how legacy files show in
/// Unicode tools); raw legacy bytes are read that way first (`LegacyEncoding.latin1`).
public enum LegacyEncoding: String, CaseIterable, Sendable {
    case tcvn3, vni, viqr, cp1258

    public var name: String {
        switch self {
        case .tcvn3: "TCVN3 (ABC)"
        case .vni: "VNI-Windows"
        case .viqr: "VIQR"
        case .cp1258: "Windows-1258"
        }
    }

    private static let tcvn3Map = Dictionary(uniqueKeysWithValues: LegacyTables.tcvn3.map { (Character($0.0), $0.1) })
    private static let vniMap = Dictionary(LegacyTables.vni, uniquingKeysWith: { a, _ in a })
    private static let cp1258Map = Dictionary(uniqueKeysWithValues: LegacyTables.cp1258.map { (Character($0.0), $0.1) })

    /// Bytes read one to one as U+0000–U+00FF, as a legacy file shows in a Latin-1 reader.
    public static func latin1(_ bytes: [UInt8]) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// The text converted to Unicode (NFC).
    public func convert(_ text: String) -> String {
        switch self {
        case .tcvn3:
            return String(text.unicodeScalars.map { scalar -> String in
                Self.tcvn3Map[Character(scalar)] ?? String(scalar)
            }.joined())
        case .cp1258:
            let mapped = text.unicodeScalars.map { Self.cp1258Map[Character($0)] ?? String($0) }.joined()
            return mapped.precomposedVietnamese
        case .vni:
            let scalars = Array(text.unicodeScalars)
            var out = "", i = 0
            while i < scalars.count {
                if i + 1 < scalars.count, let two = Self.vniMap[String(scalars[i]) + String(scalars[i + 1])] {
                    out += two; i += 2; continue
                }
                if let one = Self.vniMap[String(scalars[i])] {  // one-byte letters: ơ ư đ ĩ ị ỉ ỵ í ì
                    out += one; i += 1; continue
                }
                out.unicodeScalars.append(scalars[i]); i += 1
            }
            return out
        case .viqr:
            return Self.viqr(text)
        }
    }

    private static func viqr(_ text: String) -> String {
        var out = ""
        var word: [Character] = []
        func flush() {
            guard !word.isEmpty else { return }
            var letters = "", i = 0, marked = false, toned = false
            while i < word.count {
                if i + 1 < word.count, let shape = LegacyTables.viqrShapes.first(where: { $0.0 == String(word[i]) + String(word[i + 1]) }) {
                    letters += shape.1; i += 2; marked = true; continue
                }
                // One tone a word: a later `.` or `?` is punctuation.
                if !toned, let tone = LegacyTables.viqrTones.first(where: { $0.0 == word[i] }), i > 0,
                   "aeiouyAEIOUY".contains(word[i - 1]) || marked {
                    let followedByLetter = i + 1 < word.count && word[i + 1].isLetter
                    // `?` and `.` end sentences too: a tone only inside a word or a word already marked.
                    if followedByLetter || marked || (word[i] != "?" && word[i] != ".") {
                        letters += tone.1; i += 1; marked = true; toned = true; continue
                    }
                }
                letters.append(word[i]); i += 1
            }
            out += letters.precomposedVietnamese
            word = []
        }
        for c in text {
            // Not `(`: it is the breve mark (a( = ă).
            if c.isWhitespace || c == "," || c == ";" || c == ":" || c == "\"" { flush(); out.append(c) } else { word.append(c) }
        }
        flush()
        return out
    }

    // MARK: detection

    private static let vietnameseScalars: Set<UInt32> = Set(foldingTable.filter { $0.foreign == 0 }.map(\.scalar))

    /// Words with Vietnamese marks that are possible syllables, minus marked words that are not
    /// and words holding letters Vietnamese does not use.
    static func score(_ text: String) -> Int {
        var score = 0
        for token in VietnameseText.tokens(text) {
            var vietnamese = false, foreign = false
            for s in token.text.unicodeScalars where s.value >= 0x80 {
                if vietnameseScalars.contains(s.value) && s.value != 0xD0 && s.value != 0xF0 { vietnamese = true }
                else if s.properties.isAlphabetic { foreign = true }
            }
            if foreign { score -= 2 }
            else if vietnamese { score += Syllable.isPlausible(token.exact) ? 1 : -1 }
        }
        // Symbols inside words (« ® ¬ ­ in TCVN3 text shown as Latin-1) split them: count them against.
        score -= text.unicodeScalars.filter { (0xA1...0xBF).contains($0.value) }.count
        return score
    }

    /// The legacy encoding `text` is most likely in, or nil for Unicode (or plain) text.
    /// Conservative: text holding any Unicode-only Vietnamese letter (ơ ư ă đ or U+1EA0–U+1EF9) is
    /// never converted, and a conversion must turn several foreign-looking words into Vietnamese.
    public static func detect(in text: String) -> LegacyEncoding? {
        let unicodeOnly: Set<UInt32> = [0x103, 0x102, 0x1A1, 0x1A0, 0x1B0, 0x1AF, 0x111, 0x110]
        if text.unicodeScalars.contains(where: { unicodeOnly.contains($0.value) || (0x1EA0...0x1EF9).contains($0.value) }) {
            return nil
        }
        let sample = String(text.prefix(20_000))
        let base = score(sample)
        var best: (LegacyEncoding, Int)?
        for encoding in allCases {
            if encoding == .viqr && !sample.allSatisfy(\.isASCII) { continue }
            let gain = score(encoding.convert(sample)) - base
            if gain >= 3, gain > (best?.1 ?? 0) { best = (encoding, gain) }
        }
        return best?.0
    }
}
