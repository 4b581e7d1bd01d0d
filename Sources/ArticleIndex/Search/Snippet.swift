import Foundation

/// Cuts about `count` words around the densest cluster of highlights, with `…` where cut. `words`
/// are the text's written forms (`15h30` is one), so a cut never falls inside one.
enum Snippet {
    static func make(_ text: String, highlights: [Range<Int>], words: [Range<Int>], count: Int)
        -> (String, [Range<Int>]) {
        guard words.count > count else { return (text, highlights) }
        // The window of `count` words holding the most marked words, earliest first. (A highlight
        // may cover several words: a phrase, `TP.HCM`.) Highlights come in order.
        var h = 0
        let isHit = words.map { word -> Bool in
            while h < highlights.count && highlights[h].upperBound <= word.lowerBound { h += 1 }
            return h < highlights.count && highlights[h].lowerBound <= word.lowerBound
        }
        var best = 0, bestCount = -1, current = 0
        for i in 0..<words.count {
            if isHit[i] { current += 1 }
            if i >= count && isHit[i - count] { current -= 1 }
            let start = i - count + 1
            if start >= 0 && current > bestCount { best = start; bestCount = current }
        }
        // Start a few words before the first hit of the window, for context.
        if let firstHit = (best..<(best + count)).first(where: { isHit[$0] }) {
            best = max(0, min(firstHit - 5, words.count - count))
        }
        let lastWord = min(words.count, best + count) - 1
        let from = best == 0 ? 0 : words[best].lowerBound
        let to = lastWord == words.count - 1 ? text.utf8.count : words[lastWord].upperBound
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
