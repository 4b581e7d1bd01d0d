/// Reads words typed with the Telex or VNI keys on a keyboard without a Vietnamese input method.
///
/// ```swift
/// TypingConversion.telex("dduwowngf nooong thoon")   // "đường nông thôn"
/// TypingConversion.vni("d9u7o7ng2")                  // "đường"
/// ```
///
/// Telex: `aa` â, `aw` ă, `ee` ê, `oo` ô, `ow` ơ, `uw` ư (`uow` and `uwow` ươ), `w` alone ư,
/// `dd` đ; tones `s` sắc, `f` huyền, `r` hỏi, `x` ngã, `j` nặng after a vowel, `z` removes the tone.
/// A vowel key repeated after its shaped letter is absorbed (`nooong` → nông).
/// VNI: digits after letters: `1` sắc, `2` huyền, `3` hỏi, `4` ngã, `5` nặng, `6` â ê ô, `7` ơ ư
/// (`uo7` ươ), `8` ă, `9` đ, `0` removes the tone. Words made only of digits stay numbers.
/// The tone lands where `TonePlacement` puts it. A word whose conversion is not a possible
/// Vietnamese syllable (`Blair`, `Bush`, `SEA`, `Asean`, `U23`) is left as typed. Everything but ASCII letters and digits
/// (quotes, parentheses, `-`, `*`, `OR`…) passes through unchanged.
public enum TypingConversion {
    public enum Method: Sendable { case telex, vni }

    public static func telex(_ text: String) -> String { convert(text, .telex) }
    public static func vni(_ text: String) -> String { convert(text, .vni) }

    /// Converts each run of ASCII letters and digits of `text`.
    public static func convert(_ text: String, _ method: Method) -> String {
        var out = "", word = ""
        func flush() {
            if !word.isEmpty { out += (word == "OR" || word == "AND") ? word : convertWord(word, method) }
            word = ""
        }
        for c in text {
            if c.isASCII && (c.isLetter || c.isNumber) { word.append(c) } else { flush(); out.append(c) }
        }
        flush()
        return out
    }

    private struct Key { var base: Character; var upper: Bool; var shape: LetterShape; var tone: Tone? }

    /// A word converts only when the result is a possible Vietnamese syllable; anything else stays
    /// as typed (`Blair`, `Bush`, `SEA`, `Games`, `Asean`, `U23`, `H5N1`).
    static func convertWord(_ word: String, _ method: Method) -> String {
        if method == .vni && word.allSatisfy(\.isNumber) { return word }
        // Telex has no digit keys, and VNI never has two tone keys in a row: such a word is a code.
        if method == .telex && word.contains(where: \.isNumber) { return word }
        if method == .vni && zip(word, word.dropFirst()).contains(where: { "12345".contains($0) && "12345".contains($1) }) {
            return word
        }
        let converted = spell(word, method)
        if converted == word { return word }
        return Syllable.isPlausible(converted.lowercased()) ? converted : word
    }

    private static func spell(_ word: String, _ method: Method) -> String {
        var letters: [Key] = []
        var tone: Tone = .none
        func isVowel(_ c: Character) -> Bool { "aeiouy".contains(c) }
        func hasVowel() -> Bool { letters.contains { isVowel($0.base) } }
        func last(where match: (Key) -> Bool) -> Int? { letters.lastIndex(where: match) }
        for raw in word {
            let c = Character(raw.lowercased()), upper = raw.isUppercase
            switch method {
            case .telex:
                if let t = ["s": Tone.acute, "f": .grave, "r": .hook, "x": .tilde, "j": .dot][c], hasVowel() {
                    tone = t; continue
                }
                if c == "z" && hasVowel() { tone = .none; continue }
                if c == "w" {
                    // uo+w → ươ; u → ư; o → ơ; a → ă; alone → ư.
                    let n = letters.count
                    if n >= 2, letters[n - 2].base == "u", letters[n - 1].base == "o" {
                        letters[n - 2].shape = .horn; letters[n - 1].shape = .horn; continue
                    }
                    if let i = last(where: { "aou".contains($0.base) && $0.shape == .none }), i >= letters.count - 3 {
                        letters[i].shape = letters[i].base == "a" ? .breve : .horn; continue
                    }
                    if let i = last(where: { "ou".contains($0.base) && $0.shape == .horn }), i == letters.count - 1 { continue }
                    letters.append(Key(base: "u", upper: upper, shape: .horn)); continue
                }
                if let prev = letters.last, prev.base == c {
                    if c == "d" && prev.shape == .none { letters[letters.count - 1].shape = .stroke; continue }
                    if "aeo".contains(c) {
                        if prev.shape == .none { letters[letters.count - 1].shape = .circumflex; continue }
                        if prev.shape == .circumflex { continue }  // nooong → nông
                    }
                }
                letters.append(Key(base: c, upper: upper, shape: .none))
            case .vni:
                switch c {
                case "1", "2", "3", "4", "5": if hasVowel() { tone = [.acute, .grave, .hook, .tilde, .dot][Int(String(c))! - 1]; continue }
                case "0": if hasVowel() { tone = .none; continue }
                case "6": if let i = last(where: { "aeo".contains($0.base) }) { letters[i].shape = .circumflex; continue }
                case "8": if let i = last(where: { $0.base == "a" }) { letters[i].shape = .breve; continue }
                case "9": if let i = last(where: { $0.base == "d" }) { letters[i].shape = .stroke; continue }
                case "7":
                    let n = letters.count
                    if n >= 2, letters[n - 2].base == "u", letters[n - 1].base == "o" {
                        letters[n - 2].shape = .horn; letters[n - 1].shape = .horn; continue
                    }
                    if let i = last(where: { "ou".contains($0.base) }) { letters[i].shape = .horn; continue }
                default: break
                }
                letters.append(Key(base: c, upper: upper, shape: .none))
            }
        }
        // Spell it with combining marks and let the tokenizer compose it and place the tone.
        var nfd = ""
        for l in letters {
            var s = l.shape == .stroke ? "đ" : String(l.base)
            if l.shape != .none && l.shape != .stroke { s.unicodeScalars.append(Unicode.Scalar(l.shape.combiningMark)!) }
            nfd += l.upper ? s.uppercased() : s
        }
        if tone != .none, let lastVowel = nfd.unicodeScalars.lastIndex(where: { "aeiouyAEIOUY".unicodeScalars.contains($0) }) {
            var scalars = Array(nfd.unicodeScalars)
            let at = nfd.unicodeScalars.distance(from: nfd.unicodeScalars.startIndex, to: lastVowel) + 1
            scalars.insert(Unicode.Scalar(tone.combiningMark)!, at: at)
            nfd = String(String.UnicodeScalarView(scalars))
        }
        var exact = ""
        VietnameseTokenizer(mergesSpellingVariants: false).tokenize(nfd) { t in
            exact += String(decoding: t.exact, as: UTF8.self)
            return true
        }
        guard !exact.isEmpty else { return word }
        // Keep the typed capitals where the letters are the same.
        return letters.first?.upper == true ? exact.prefix(1).uppercased() + exact.dropFirst() : exact
    }
}
