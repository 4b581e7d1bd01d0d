import Foundation

/// Cuts about `words` words around the densest cluster of highlights, with `…` where cut.
enum Snippet {
    static func make(_ text: String, highlights: [Range<Int>], tokens: [Range<Int>], words: Int) -> (String, [Range<Int>]) {
        guard tokens.count > words else { return (text, highlights) }
        // The window of `words` tokens holding the most marked words, earliest first. (A highlight
        // may cover several words: a phrase, `TP.HCM`.) Highlights come in order.
        var h = 0
        let isHit = tokens.map { token -> Bool in
            while h < highlights.count && highlights[h].upperBound <= token.lowerBound { h += 1 }
            return h < highlights.count && highlights[h].lowerBound <= token.lowerBound
        }
        var best = 0, bestCount = -1, current = 0
        for i in 0..<tokens.count {
            if isHit[i] { current += 1 }
            if i >= words && isHit[i - words] { current -= 1 }
            let start = i - words + 1
            if start >= 0 && current > bestCount { best = start; bestCount = current }
        }
        // Start a few words before the first hit of the window, for context.
        if let firstHit = (best..<(best + words)).first(where: { isHit[$0] }) {
            best = max(0, min(firstHit - 5, tokens.count - words))
        }
        let lastToken = min(tokens.count, best + words) - 1
        let from = best == 0 ? 0 : tokens[best].lowerBound
        let to = lastToken == tokens.count - 1 ? text.utf8.count : tokens[lastToken].upperBound
        let utf8 = Array(text.utf8)
        let prefix = from > 0 ? "…" : "", suffix = to < utf8.count ? "…" : ""
        let body = String(decoding: utf8[from..<to], as: UTF8.self)
        let shift = prefix.utf8.count - from
        // A highlight the cut goes through keeps its part inside (cuts fall between words).
        let inside = highlights.compactMap { h -> Range<Int>? in
            let lower = max(h.lowerBound, from), upper = min(h.upperBound, to)
            return lower < upper ? (lower + shift)..<(upper + shift) : nil
        }
        return (prefix + body + suffix, inside)
    }
}
