/// Whether a word is a possible Vietnamese syllable: onset, vowel nucleus, coda, at most one tone.
/// Legacy-encoding detection uses it to tell a right conversion from a wrong one: any byte of
/// TCVN3 or VNI maps to some Vietnamese letter, but only the right table gives real syllables.
enum Syllable {
    static let onsets: Set<String> = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
                                      "ngh", "nh", "p", "ph", "q", "qu", "r", "s", "t", "th", "tr", "v", "x"]
    static let nuclei: Set<String> = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu",
                                      "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ",
                                      "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oay",
                                      "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "oao"]
    static let codas: Set<String> = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]

    /// `word` is an exact form (lowercase NFC).
    static func isPlausible(_ word: String) -> Bool {
        var tones = 0
        var plain = ""
        for s in word.decomposedStringWithCanonicalMappingVietnamese.unicodeScalars {
            switch s.value {
            case 0x300, 0x301, 0x303, 0x309, 0x323: tones += 1
            default: plain.unicodeScalars.append(s)
            }
        }
        guard tones <= 1 else { return false }
        let letters = Array(plain.precomposedVietnamese)
        let vowels: Set<Character> = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
        guard let first = letters.firstIndex(where: { vowels.contains($0) }) else { return false }
        var start = first
        // "qu" and "gi" take their vowel into the onset.
        if first >= 1, start + 1 < letters.count, vowels.contains(letters[start + 1]),
           (letters[first - 1] == "q" && letters[first] == "u") || (letters[first - 1] == "g" && letters[first] == "i") { start += 1 }
        var end = start
        while end < letters.count && vowels.contains(letters[end]) { end += 1 }
        return onsets.contains(String(letters[..<start])) && nuclei.contains(String(letters[start..<end]))
            && codas.contains(String(letters[end...]))
    }
}

private extension String {
    /// NFD for Vietnamese text without Foundation: split precomposed letters through the folding table.
    var decomposedStringWithCanonicalMappingVietnamese: String {
        var out = ""
        for s in unicodeScalars {
            guard let entry = LegacyDecomposition.table[s.value] else { out.unicodeScalars.append(s); continue }
            out += entry
        }
        return out
    }
}

enum LegacyDecomposition {
    /// Letter → base (with its shape, precomposed) followed by its tone mark.
    static let table: [UInt32: String] = {
        var map: [UInt32: String] = [:]
        for e in foldingTable where e.foreign == 0 && e.tone != 0 {
            let scalar = Unicode.Scalar(e.scalar)!
            let lower = String(scalar).lowercased()
            guard let tone = Tone(rawValue: e.tone), let mark = Unicode.Scalar(tone.combiningMark) else { continue }
            // The base is the letter with the tone taken off: the table entry with the same shape and no tone.
            guard let base = foldingTable.first(where: { $0.base == e.base && $0.shape == e.shape && $0.tone == 0 && $0.foreign == 0
                && String(Unicode.Scalar($0.scalar)!).lowercased() == String(Unicode.Scalar($0.scalar)!) })
                .map({ String(Unicode.Scalar($0.scalar)!) }) ?? (e.shape == 0 ? String(Unicode.Scalar(e.base)) : nil) else { continue }
            map[e.scalar] = (lower == String(scalar) ? base : base.uppercased()) + String(mark)
        }
        return map
    }()
}
