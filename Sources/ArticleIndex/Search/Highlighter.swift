import VietnameseText

/// Finds the words of a paragraph that a query matched, as byte ranges of the original text.
///
/// It reads the tokens the index stores (`StoredTokenizer`), so it marks what FTS5 matched: a
/// word by its folded form, a number by its alternate (`2100*` marks `2.100`), an abbreviation by
/// its joined form (`TPHCM` marks `TP.HCM`). A highlight covers the whole written form: words
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
        var range: Range<Int>
        var afterPunctuation: Bool, attached: Bool
    }

    /// `exactOnly`: the exact forms the text holds; an accented term marks only its exact form there.
    private func matches(_ form: [UInt8], exact: [UInt8]?, _ term: Query.Term, exactOnly: Set<String>) -> Bool {
        if term.prefix { return form.starts(with: term.folded.utf8) }
        if let e = term.exact, let exact, strict || exactOnly.contains(e) { return exact.elementsEqual(e.utf8) }
        return form.elementsEqual(term.folded.utf8)
    }

    /// Where `unit` matches from word `i`: the words it covers, or nil. A term matches one word by
    /// its folded form or alternate, or two words by their joined form.
    private func match(_ unit: [Query.Term], at i: Int, in words: [Word], exactOnly: Set<String>) -> Range<Int>? {
        var w = i
        for (j, term) in unit.enumerated() {
            guard w < words.count, j == 0 || !words[w].afterPunctuation else { return nil }
            let word = words[w]
            if matches(word.folded, exact: word.exact, term, exactOnly: exactOnly)
                || (word.alternate.map { matches($0, exact: nil, term, exactOnly: exactOnly) } ?? false) {
                w += 1
            } else if let joined = word.joined, term.exact == nil, matches(joined, exact: nil, term, exactOnly: exactOnly) {
                w += 2
            } else {
                return nil
            }
        }
        return i..<min(w, words.count)
    }

    /// The matched words of `text` as UTF-8 byte ranges, in order.
    func ranges(in text: String) -> [Range<Int>] { scan(text).highlights }

    /// The matched written forms and every word of `text`, as UTF-8 byte ranges, from one tokenization.
    func scan(_ text: String) -> (highlights: [Range<Int>], words: [Range<Int>]) {
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
                case .boundary: break
                }
                return true
            }
        }
        // An accented term marks only its exact form in a text that holds it (`bán` does not mark
        // `bẩn` beside `bán`); in a text matched only after folding, the folded matches.
        let present = Set(accented.filter { e in words.contains { $0.exact.elementsEqual(e.utf8) } })
        var marked = Array(repeating: false, count: words.count)
        for i in words.indices {
            for unit in units {
                if let covered = match(unit, at: i, in: words, exactOnly: present) { for k in covered { marked[k] = true } }
            }
        }
        var highlights: [Range<Int>] = []
        for i in words.indices where marked[i] {
            if i > 0, marked[i - 1], words[i].attached, let last = highlights.last {
                highlights[highlights.count - 1] = last.lowerBound..<words[i].range.upperBound
            } else {
                highlights.append(words[i].range)
            }
        }
        return (highlights, words.map(\.range))
    }
}
