import Foundation

/// Cuts about `words` words around the densest cluster of highlights, with `…` where cut.
enum Snippet {
    static func make(_ text: String, highlights: [Range<Int>], tokens: [Range<Int>], words: Int) -> (String, [Range<Int>]) {
        guard tokens.count > words else { return (text, highlights) }
        // The window of `words` tokens holding the most highlights, earliest first.
        let starts = Set(highlights.map(\.lowerBound))
        let isHit = tokens.map { starts.contains($0.lowerBound) }
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
        let inside = highlights.filter { $0.lowerBound >= from && $0.upperBound <= to }
            .map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
        return (prefix + body + suffix, inside)
    }
}
