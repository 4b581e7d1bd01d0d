import VietnameseText

/// A recursive-descent parser over the query's characters; it never fails on syntax.
struct QueryParser {
    private let chars: [Character]
    private var i = 0
    /// The plain word (not quoted, excluded or a prefix) just parsed, to spot abbreviations typed apart.
    private var lastWord: String?

    init(_ text: String) { chars = Array(text) }

    mutating func parse() throws -> Query {
        var parts: [Query] = []
        while i < chars.count {
            if let q = parseOr() { parts.append(q) }
            if i < chars.count && chars[i] == ")" { i += 1 }  // a stray ')' is ignored
        }
        return simplify(.all(parts))
    }

    private mutating func skipSpace() { while i < chars.count && chars[i].isWhitespace { i += 1 } }

    private mutating func parseOr() -> Query? {
        var alternatives: [Query] = []
        if let first = parseAnd() { alternatives.append(first) }
        while true {
            skipSpace()
            guard peekWord() == "OR" else { break }
            i += 2
            if let next = parseAnd() { alternatives.append(next) }
        }
        if alternatives.isEmpty { return nil }
        return alternatives.count == 1 ? alternatives[0] : .any(alternatives)
    }

    private mutating func parseAnd() -> Query? {
        var parts: [Query] = []
        var previousWord: String? = nil
        while true {
            skipSpace()
            guard i < chars.count, chars[i] != ")" else { break }
            let word = peekWord()
            if word == "OR" { break }
            if word == "AND" { i += 3; continue }
            lastWord = nil
            if let q = parseUnary() {
                if let word = lastWord, let previous = previousWord, let last = parts.last,
                   let pair = Self.joinedPair(previous, word, last, q) {
                    parts[parts.count - 1] = pair
                    lastWord = nil
                } else {
                    parts.append(q)
                }
            }
            previousWord = lastWord
        }
        if parts.isEmpty { return nil }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    /// The next whitespace-delimited word, to spot the OR and AND operators.
    private func peekWord() -> String {
        var j = i
        while j < chars.count && !chars[j].isWhitespace && chars[j] != "(" && chars[j] != ")" && chars[j] != "\"" { j += 1 }
        return String(chars[i..<j])
    }

    private mutating func parseUnary() -> Query? {
        if chars[i] == "-" {
            i += 1
            if i < chars.count && !chars[i].isWhitespace, let q = parsePrimary() { lastWord = nil; return .not(q) }
            return nil  // a lone '-'
        }
        return parsePrimary()
    }

    private mutating func parsePrimary() -> Query? {
        let c = chars[i]
        if c == "(" {
            i += 1
            let inner = parseOr()
            skipSpace()
            if i < chars.count && chars[i] == ")" { i += 1 }
            lastWord = nil
            return inner
        }
        if c == "\"" || c == "“" || c == "”" {
            i += 1
            let start = i
            while i < chars.count && chars[i] != "\"" && chars[i] != "”" && chars[i] != "“" { i += 1 }
            var text = String(chars[start..<i])
            if i < chars.count { i += 1 }
            // `"nông thôn m*"`: the phrase's last word is a prefix.
            var prefix = false
            while let last = text.last, last == "*" || last.isWhitespace {
                if last == "*" { prefix = true }
                text.removeLast()
            }
            if i < chars.count && chars[i] == "*" { prefix = true; i += 1 }  // "nông thôn m"*
            return Self.unit(text, prefix: prefix)
        }
        let start = i
        while i < chars.count && !chars[i].isWhitespace && chars[i] != "(" && chars[i] != ")" && chars[i] != "\"" { i += 1 }
        var word = String(chars[start..<i])
        var prefix = false
        while word.hasSuffix("*") { word.removeLast(); prefix = true }
        lastWord = prefix ? nil : word
        return Self.unit(word, prefix: prefix)
    }

    /// The words of `text` as terms; only the last can be a prefix. Sentence punctuation between two
    /// of them is a break the phrase holds.
    static func terms(_ tokens: [Token], prefix: Bool) -> [Query.Term] {
        tokens.enumerated().map { n, t in
            Query.Term(folded: t.folded, exact: t.exact == t.folded ? nil : t.exact, prefix: prefix && n == tokens.count - 1,
                       breakBefore: n > 0 && t.followsPunctuation)
        }
    }

    /// A word or quoted text as a term or phrase. Where the index stores a joined form for two of
    /// its words (`TP.HCM` → `tphcm`, see `StoredTokenizer`), the text written joined is an
    /// alternative: `TP.HCM` is `"tp hcm" OR tphcm`, so it also finds `TPHCM`.
    static func unit(_ text: String, prefix: Bool) -> Query? {
        let tokens = VietnameseText.tokens(text)
        let terms = Self.terms(tokens, prefix: prefix)
        guard !terms.isEmpty else { return nil }
        let whole: Query = terms.count == 1 ? .term(terms[0]) : .phrase(terms)
        var alternatives = [whole]
        for k in tokens.indices.dropLast() where alternatives.count <= 4 {
            guard let joined = tokens[k].joined, !terms[k + 1].prefix else { continue }
            let parts = terms[..<k] + [Query.Term(folded: joined, exact: nil, prefix: false, isJoined: true)] + terms[(k + 2)...]
            alternatives.append(parts.count == 1 ? .term(parts[0]) : .phrase(Array(parts)))
        }
        return alternatives.count == 1 ? whole : .any(alternatives)
    }

    /// Two words typed apart that the index joins (`TP HCM` in capitals): the pair, or its joined form.
    static func joinedPair(_ first: String, _ second: String, _ a: Query, _ b: Query) -> Query? {
        guard case .term = a, case .term = b,
              let joined = VietnameseText.tokens(first + " " + second).first?.joined else { return nil }
        return .any([.all([a, b]), .term(Query.Term(folded: joined, exact: nil, prefix: false, isJoined: true))])
    }

    private func simplify(_ q: Query) -> Query {
        switch q {
        case .all(let parts) where parts.count == 1: return simplify(parts[0])
        case .all(let parts): return .all(parts.map(simplify))
        case .any(let parts): return .any(parts.map(simplify))
        case .not(let inner): return .not(simplify(inner))
        default: return q
        }
    }
}
