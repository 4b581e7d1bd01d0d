/// Where the tone mark of a Vietnamese syllable goes in the exact form.
///
/// Old and new spelling rules disagree for open syllables in `oa`, `oe` and `uy`
/// (`hòa`/`hoà`, `khỏe`/`khoẻ`, `thủy`/`thuỷ`), and typists misplace marks (`lựơng`, `tòan`).
/// The exact form always uses one place, the classic one, which is also the more common in
/// the corpus (`hòa` 8,394 articles against `hoà` 3,997):
///
/// 1. `qu` and `gi` (before another vowel) are consonants: `quý`, `già`.
/// 2. A vowel with a shape mark (ă â ê ô ơ ư) takes the tone; of two (`ươ`), the second:
///    `lượng`, `nghiệm`, `người`.
/// 3. Otherwise, in a closed syllable (a consonant follows the vowels), the last vowel: `toàn`, `huỳnh`.
/// 4. Otherwise, of three vowels the middle one (`ngoài`, `khuỷu`), of two the first
///    (`hòa`, `khỏe`, `thủy`, `bảo`, `mùa`).
///
/// Words that are not one syllable of Vietnamese letters with exactly one tone are left alone.
enum TonePlacement {
    @inline(__always) static func isVowel(_ b: UInt32) -> Bool {
        b == 0x61 || b == 0x65 || b == 0x69 || b == 0x6F || b == 0x75 || b == 0x79
    }

    /// Moves the single tone mark of `letters[0..<count]` to its canonical vowel, in place.
    static func canonicalize(_ letters: UnsafeMutablePointer<Letter>, count: Int) {
        var toneAt = -1
        for i in 0..<count {
            let l = letters[i]
            guard l.isLatin, l.foreign == 0 else { return }
            if l.tone != 0 {
                if toneAt >= 0 { return }  // two tones: not one syllable, leave it
                toneAt = i
            }
        }
        guard toneAt >= 0, let target = targetIndex(letters, count: count), target != toneAt else { return }
        let tone = letters[toneAt].tone
        letters[toneAt].tone = 0
        letters[target].tone = tone
    }

    /// The index of the vowel that should carry the tone, or nil when the word is not a plain syllable.
    static func targetIndex(_ letters: UnsafeMutablePointer<Letter>, count: Int) -> Int? {
        var first = 0
        while first < count && !isVowel(letters[first].base) { first += 1 }
        guard first < count else { return nil }
        // "qu" and "gi" + vowel: the u / i belongs to the consonant.
        if first == 1, first + 1 < count, isVowel(letters[first + 1].base) {
            let c = letters[0].base, v = letters[1].base
            if (c == 0x71 && v == 0x75) || (c == 0x67 && v == 0x69) { first = 2 }
        }
        var last = first
        while last + 1 < count && isVowel(letters[last + 1].base) { last += 1 }
        // Vowels again after a consonant: not a single syllable.
        for i in (last + 1)..<max(last + 1, count) where isVowel(letters[i].base) { return nil }
        var marked = -1
        for i in first...last where letters[i].shape != 0 { marked = i }
        if marked >= 0 { return marked }
        let length = last - first + 1
        if length == 1 { return first }
        if last + 1 < count { return last }
        return length == 3 ? first + 1 : first
    }
}
