/// How every output shows a match: the text with each matched range wrapped in marks (`**`,
/// `<mark>`…), and a score as users see it.
public enum MatchMarks {
    /// `text` with each of `ranges` (UTF-8 byte ranges, ascending, not overlapping) wrapped in
    /// `open` and `close`; `escape` is applied to the text between and inside marks, never to the
    /// marks themselves. A range outside the text, or overlapping the one before, is skipped.
    public static func wrap(_ text: String, _ ranges: [Range<Int>], open: String, close: String,
                            escape: (Substring) -> String = { String($0) }) -> String {
        let utf8 = Array(text.utf8)
        var out = "", at = 0
        func piece(_ r: Range<Int>) -> Substring { Substring(String(decoding: utf8[r], as: UTF8.self)) }
        for r in ranges where r.lowerBound >= at && r.upperBound <= utf8.count {
            out += escape(piece(at..<r.lowerBound)) + open + escape(piece(r)) + close
            at = r.upperBound
        }
        return out + escape(piece(at..<utf8.count))
    }

    /// A score as every output shows it (JSON, JSON Lines, CSV): rounded to three decimals.
    public static func displayed(_ score: Double) -> Double { (score * 1000).rounded() / 1000 }
}
