/// How every output shows a match: the text with each matched range wrapped in marks (`**`,
/// `<mark>`…), and a score as users see it.
public enum MatchMarks {
    /// `text` with each of `ranges` (UTF-8 byte ranges, ascending, not overlapping) wrapped in
    /// `open` and `close`; `escape` is applied to the text between and inside marks, never to the
    /// marks themselves. A range outside the text, or overlapping the one before, is skipped.
    /// Matched words with only spaces between are marked as one (`phrases`).
    public static func wrap(_ text: String, _ ranges: [Range<Int>], open: String, close: String,
                            escape: (Substring) -> String = { String($0) }) -> String {
        let utf8 = Array(text.utf8)
        var out = "", at = 0
        func piece(_ r: Range<Int>) -> Substring { Substring(String(decoding: utf8[r], as: UTF8.self)) }
        for r in phrases(ranges, in: utf8) where r.lowerBound >= at && r.upperBound <= utf8.count {
            out += escape(piece(at..<r.lowerBound)) + open + escape(piece(r)) + close
            at = r.upperBound
        }
        return out + escape(piece(at..<utf8.count))
    }

    /// The ranges as a reader sees them marked: those with only spaces, tabs or no-break spaces
    /// between them joined into one, so that a phrase reads as one mark (`**Buôn Ma Thuột**`, not
    /// `**Buôn** **Ma** **Thuột**`); a comma or any other character keeps them apart. Ranges are
    /// UTF-8 byte ranges of `text`, ascending. JSON keeps each written form's own range.
    public static func phrases(_ ranges: [Range<Int>], in text: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        out.reserveCapacity(ranges.count)
        for r in ranges {
            if let last = out.last, last.upperBound < r.lowerBound, r.upperBound <= text.count,
               onlySpaces(text[last.upperBound..<r.lowerBound]) {
                out[out.count - 1] = last.lowerBound..<r.upperBound
            } else {
                out.append(r)
            }
        }
        return out
    }

    /// True for a run of spaces, tabs and no-break spaces (U+00A0), and nothing else.
    static func onlySpaces(_ gap: ArraySlice<UInt8>) -> Bool {
        var i = gap.startIndex
        while i < gap.endIndex {
            switch gap[i] {
            case 0x20, 0x09: i += 1
            case 0xC2 where i + 1 < gap.endIndex && gap[i + 1] == 0xA0: i += 2
            default: return false
            }
        }
        return !gap.isEmpty
    }

    /// A score as every output shows it (JSON, JSON Lines, CSV): rounded to three decimals.
    public static func displayed(_ score: Double) -> Double { (score * 1000).rounded() / 1000 }
}
