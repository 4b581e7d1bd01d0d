/// Convenience entry points over `VietnameseTokenizer` for code off the hot path.
///
/// ```swift
/// VietnameseText.fold("Đảng bộ huyện Mai Sơn")   // "dang bo huyen mai son"
/// VietnameseText.exactForms("Ðảm baỏ")          // ["đảm", "bảo"]
/// ```
public enum VietnameseText {
    /// The tokens of `text` with owned strings.
    public static func tokens(_ text: String) -> [Token] {
        var text = text
        return text.withUTF8 { tokens(utf8: $0) }
    }

    /// The tokens of UTF-8 bytes, which need not be valid UTF-8.
    public static func tokens(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var out: [Token] = []
        VietnameseTokenizer().tokenize(bytes) { t in
            let slice = UnsafeBufferPointer(rebasing: bytes[t.start..<t.end])
            out.append(Token(
                text: String(decoding: slice, as: UTF8.self),
                folded: String(decoding: t.folded, as: UTF8.self),
                exact: String(decoding: t.exact, as: UTF8.self),
                start: t.start, end: t.end,
                alternates: t.alternate.map { [String(decoding: $0, as: UTF8.self)] },
                followsPunctuation: t.followsPunctuation))
            return true
        }
        return out
    }

    /// The folded forms of the words of `text`, joined by single spaces.
    public static func fold(_ text: String) -> String {
        tokens(text).map(\.folded).joined(separator: " ")
    }

    /// The exact forms of the words of `text`.
    public static func exactForms(_ text: String) -> [String] {
        tokens(text).map(\.exact)
    }

    /// True when `word` carries any Vietnamese or other mark, so its exact form differs from its fold.
    public static func isMarked(_ word: String) -> Bool {
        tokens(word).contains { $0.exact != $0.folded }
    }
}
