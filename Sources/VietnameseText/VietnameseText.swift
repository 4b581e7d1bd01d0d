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

    /// The tokens of UTF-8 bytes, which need not be valid UTF-8, with everything the index
    /// stores for each (see `StoredTokenizer`).
    public static func tokens(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var out: [Token] = []
        func string(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
        StoredTokenizer().tokenize(bytes, exactForms: true) { s in
            switch s.kind {
            case .word:
                out.append(Token(
                    text: string(UnsafeBufferPointer(rebasing: bytes[s.start..<s.end])),
                    folded: string(s.bytes), exact: string(s.exact), start: s.start, end: s.end,
                    followsPunctuation: s.followsPunctuation, attached: s.attached))
            case .alternate:
                out[out.count - 1].alternates = (out[out.count - 1].alternates ?? []) + [string(s.bytes)]
            case .joined:
                out[out.count - 1].joined = string(s.bytes)
            case .part:
                out[out.count - 1].parts = (out[out.count - 1].parts ?? []) + [string(s.bytes)]
            case .boundary:
                break
            }
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
