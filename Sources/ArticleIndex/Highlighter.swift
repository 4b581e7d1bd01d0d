import VietnameseText

/// Finds the words of a paragraph that a query matched, as byte ranges of the original text.
///
/// A highlight covers the whole original word, combining marks included, whether or not the query
/// had accents; in strict mode an accented term marks only its exact form. A quoted phrase marks
/// only its words where they stand together, in order and with no sentence punctuation between.
struct Highlighter {
    let units: [[Query.Term]]
    let strict: Bool
    private let tokenizer = VietnameseTokenizer()

    init(units: [[Query.Term]], strict: Bool) {
        self.units = units
        self.strict = strict
    }

    private struct Word { var folded: [UInt8]; var exact: [UInt8]; var alternate: [UInt8]?; var range: Range<Int>; var afterPunctuation: Bool }

    private func matches(_ w: Word, _ term: Query.Term) -> Bool {
        if term.prefix { return w.folded.starts(with: term.folded.utf8) }
        if strict, let e = term.exact { return w.exact.elementsEqual(e.utf8) }
        return w.folded.elementsEqual(term.folded.utf8) || (w.alternate?.elementsEqual(term.folded.utf8) ?? false)
    }

    /// The matched words of `text` as UTF-8 byte ranges, in order.
    func ranges(in text: String) -> [Range<Int>] { scan(text).highlights }

    /// The matched words and every word of `text`, as UTF-8 byte ranges, from one tokenization.
    func scan(_ text: String) -> (highlights: [Range<Int>], words: [Range<Int>]) {
        var words: [Word] = []
        var text = text
        text.withUTF8 { bytes in
            tokenizer.tokenize(bytes, exactForms: strict) { t in
                words.append(Word(folded: Array(t.folded), exact: Array(t.exact), alternate: t.alternate.map(Array.init),
                                  range: t.start..<t.end, afterPunctuation: t.followsPunctuation))
                return true
            }
        }
        var marked = Array(repeating: false, count: words.count)
        for i in words.indices {
            for unit in units where i + unit.count <= words.count {
                let hit = unit.indices.allSatisfy { j in
                    matches(words[i + j], unit[j]) && (j == 0 || !words[i + j].afterPunctuation)
                }
                if hit { for j in unit.indices { marked[i + j] = true } }
            }
        }
        return (words.indices.filter { marked[$0] }.map { words[$0].range }, words.map(\.range))
    }
}

/// Converts UTF-8 byte offsets of a string into Unicode scalar offsets.
enum ScalarOffsets {
    static func convert(_ ranges: [Range<Int>], in text: String) -> [[Int]] {
        var result: [[Int]] = []
        var scalarIndex = 0, byteIndex = 0
        var targets = ranges.flatMap { [$0.lowerBound, $0.upperBound] }.enumerated().sorted { $0.element < $1.element }
        var mapped = Array(repeating: 0, count: targets.count)
        var t = 0
        for scalar in text.unicodeScalars {
            while t < targets.count && targets[t].element <= byteIndex { mapped[targets[t].offset] = scalarIndex; t += 1 }
            byteIndex += UTF8.width(scalar)
            scalarIndex += 1
        }
        while t < targets.count { mapped[targets[t].offset] = scalarIndex; t += 1 }
        targets.removeAll()
        for i in stride(from: 0, to: mapped.count, by: 2) { result.append([mapped[i], mapped[i + 1]]) }
        return result
    }
}
