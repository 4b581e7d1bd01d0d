import VietnameseText

/// Finds the words of a paragraph that a query matched, as byte ranges of the original text.
///
/// It reads the tokens the index stores (`StoredTokenizer`), so it marks what FTS5 matched: a
/// word by its folded form, a number by its alternate (`2100*` marks `2.100`), an abbreviation by
/// its joined form (`TPHCM` marks `TP.HCM`), a part of a word whose case rises by that part alone
/// (`tiêu` marks `Tiêu` in `hoáTiêu`). A highlight covers the whole written form: words
/// marked together and attached to each other (`TP.HCM`, `vnexpress.net`, `U23`) are one range,
/// combining marks included, whether or not the query had accents; in strict mode an accented
/// term marks only its exact form. A quoted phrase marks only its words where they stand
/// together, in order and with no sentence punctuation between.
struct Highlighter {
    let units: [[Query.Term]]
    let strict: Bool
    private let tokenizer = StoredTokenizer()

    init(units: [[Query.Term]], strict: Bool) {
        self.units = units
        self.strict = strict
    }

    private struct Word {
        var folded: [UInt8], exact: [UInt8], alternate: [UInt8]?, joined: [UInt8]?
        /// `StoredKind.part` tokens: stored at this word's position, each with its own range.
        var parts: [(folded: [UInt8], exact: [UInt8], range: Range<Int>)] = []
        var range: Range<Int>
        var afterPunctuation: Bool, attached: Bool
    }

    /// `exactOnly`: the exact forms the text holds; an accented term marks only its exact form there.
    private func matches(_ form: [UInt8], exact: [UInt8]?, _ term: Query.Term, exactOnly: Set<String>) -> Bool {
        if term.prefix { return form.starts(with: term.folded.utf8) }
        if let e = term.exact, let exact, strict || exactOnly.contains(e) { return exact.elementsEqual(e.utf8) }
        return form.elementsEqual(term.folded.utf8)
    }

    /// Where `unit` matches from word `i`: the words it covers whole, and the byte ranges of the
    /// parts it matched in others; nil if it does not. A term matches one word by its folded form or
    /// alternate, or by one of its parts (the word's position, as FTS5 sees it), or two words by
    /// their joined form.
    private func match(_ unit: [Query.Term], at i: Int, in words: [Word], exactOnly: Set<String>)
        -> (words: [Int], parts: [(word: Int, range: Range<Int>)])? {
        var w = i
        var whole: [Int] = [], parts: [(word: Int, range: Range<Int>)] = []
        for (j, term) in unit.enumerated() {
            // Sentence punctuation between two words only where the phrase has it too.
            guard w < words.count, j == 0 || words[w].afterPunctuation == term.breakBefore else { return nil }
            let word = words[w]
            if matches(word.folded, exact: word.exact, term, exactOnly: exactOnly)
                || (word.alternate.map { matches($0, exact: nil, term, exactOnly: exactOnly) } ?? false) {
                whole.append(w)
                w += 1
            } else if let part = word.parts.first(where: { matches($0.folded, exact: $0.exact, term, exactOnly: exactOnly) }) {
                parts.append((w, part.range))
                w += 1
            } else if let joined = word.joined, term.exact == nil, matches(joined, exact: nil, term, exactOnly: exactOnly) {
                whole += [w, w + 1].filter { $0 < words.count }
                w += 2
            } else {
                return nil
            }
        }
        return (whole, parts)
    }

    /// The matched words of `text` as UTF-8 byte ranges, in order.
    func ranges(in text: String) -> [Range<Int>] { scan(text).highlights }

    /// The matched written forms and every written form of `text` (words attached to each other
    /// are one: `15h30`, `TP.HCM`), as UTF-8 byte ranges, from one tokenization.
    func scan(_ text: String) -> (highlights: [Range<Int>], forms: [Range<Int>]) {
        var words: [Word] = []
        var text = text
        let accented = units.joined().compactMap { $0.prefix ? nil : $0.exact }
        text.withUTF8 { bytes in
            tokenizer.tokenize(bytes, exactForms: strict || !accented.isEmpty) { s in
                switch s.kind {
                case .word:
                    words.append(Word(folded: Array(s.bytes), exact: Array(s.exact), alternate: nil, joined: nil,
                                      range: s.start..<s.end, afterPunctuation: s.followsPunctuation, attached: s.attached))
                case .alternate: words[words.count - 1].alternate = Array(s.bytes)
                case .joined: words[words.count - 1].joined = Array(s.bytes)
                case .part: words[words.count - 1].parts.append((Array(s.bytes), Array(s.exact), s.start..<s.end))
                case .boundary: break
                }
                return true
            }
        }
        // An accented term marks only its exact form in a text that holds it (`bán` does not mark
        // `bẩn` beside `bán`); in a text matched only after folding, the folded matches.
        let present = Set(accented.filter { e in
            words.contains { $0.exact.elementsEqual(e.utf8) || $0.parts.contains { $0.exact.elementsEqual(e.utf8) } }
        })
        var marked = Array(repeating: false, count: words.count)
        var marks: [(word: Int, range: Range<Int>)] = []
        for i in words.indices {
            for unit in units {
                guard let covered = match(unit, at: i, in: words, exactOnly: present) else { continue }
                for k in covered.words { marked[k] = true }
                marks += covered.parts
            }
        }
        marks += words.indices.filter { marked[$0] }.map { ($0, words[$0].range) }
        marks.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        // One range per written form: marks overlapping, or in attached words where the first mark
        // ends its word and the next starts its own (`tamsu@vnexpress.net` in `…netSent`).
        var highlights: [Range<Int>] = []
        var last: (word: Int, range: Range<Int>)?
        for mark in marks {
            if let before = last, let end = highlights.last {
                let overlaps = mark.range.lowerBound <= end.upperBound
                let continues = mark.word == before.word + 1 && words[mark.word].attached
                    && before.range.upperBound == words[before.word].range.upperBound
                    && mark.range.lowerBound == words[mark.word].range.lowerBound
                if overlaps || continues {
                    highlights[highlights.count - 1] = end.lowerBound..<max(end.upperBound, mark.range.upperBound)
                    last = mark.range.upperBound >= end.upperBound ? mark : before
                    continue
                }
            }
            highlights.append(mark.range)
            last = mark
        }
        var forms: [Range<Int>] = []
        for word in words {
            if word.attached, let before = forms.last {
                forms[forms.count - 1] = before.lowerBound..<word.range.upperBound
            } else {
                forms.append(word.range)
            }
        }
        return (highlights, forms)
    }
}
