/// What the index stores for a text, token by token. This is the one place that decides it: the
/// FTS5 tokenizer writes these tokens, the BM25 length counts them, the highlighter and the
/// suggester read them, and `vietsearch tokenize` shows them.
///
/// For each word of `VietnameseTokenizer`, in order:
/// - `.boundary` (`.`) before it, at a position of its own, when sentence punctuation separates it
///   from the previous word, so that a phrase never matches across `nông. Thôn`;
/// - `.joined`, at the previous word's position, when the previous word and this one are the parts
///   of one abbreviation: each 1–5 ASCII letters, and either joined by a single `.` (`TP.HCM`,
///   `PGS.TS`) or both written in capitals with one space between (`TP HCM`). It holds the two
///   folded parts run together (`tphcm`), so `TPHCM`, `TP.HCM` and `TP HCM` find each other;
/// - `.word`, the folded form, at the next position;
/// - `.alternate`, at the same position, the other spelling of a number (`2100` for `2.100`).
///
/// Letter–digit codes need no joined form: the tokenizer splits them the same way in the text and
/// in the query (`U23`, `U-23`, `U.23` and `U 23` are all `u 23`).
public enum StoredKind: UInt8, Sendable {
    case boundary, word, alternate, joined

    /// True for tokens that start a new position (FTS5's `FTS5_TOKEN_COLOCATED` is unset).
    public var takesPosition: Bool { self == .boundary || self == .word }
}

/// One stored token, as a view into reused buffers. Valid only inside the callback.
public struct StoredToken {
    public let kind: StoredKind
    /// The bytes the index stores: a folded form, or `.` for a boundary.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// Byte offsets into the original text; a joined form spans both of its parts.
    public let start: Int
    public let end: Int
    /// For `.word`: the tokenizer's view of the word (its exact form, marks, alternate).
    public let word: TokenView?
    /// For `.word`: true when nothing or only a short run of punctuation with no space (at most
    /// 3 bytes) separates it from the previous word, as `HCM` in `TP.HCM` or `23` in `U23`:
    /// highlights of both words then cover the whole written form.
    public let attached: Bool
}

/// Produces `StoredToken`s. It owns a tokenizer and small buffers: one per thread.
public final class StoredTokenizer {
    public static let boundaryToken = UInt8(ascii: ".")
    /// The longest part of an abbreviation, in letters.
    public static let maxAbbreviationPart = 5

    public let tokenizer = VietnameseTokenizer()
    private let joined: UnsafeMutablePointer<UInt8>
    private let boundary: UnsafeMutablePointer<UInt8>

    public init() {
        joined = .allocate(capacity: 2 * Self.maxAbbreviationPart)
        boundary = .allocate(capacity: 1)
        boundary.initialize(to: Self.boundaryToken)
    }

    deinit {
        joined.deallocate()
        boundary.deallocate()
    }

    /// Calls `body` for each stored token of `bytes`, in order; `body` returns false to stop.
    /// With `exactForms` false, word views carry folded forms only (see `VietnameseTokenizer`).
    public func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, exactForms: Bool = false, _ body: (StoredToken) -> Bool) {
        guard let p = bytes.baseAddress else { return }
        let joined = self.joined, boundaryBytes = UnsafeBufferPointer(start: UnsafePointer(boundary), count: 1)
        // The previous word: where it ends, and, when it can be part of an abbreviation, its letters.
        var previousEnd = -1, previousStart = 0, previousLength = 0, previousCapitals = false
        tokenizer.tokenize(bytes, exactForms: exactForms) { t in
            // Can this word be part of an abbreviation: 1–5 ASCII letters? Written all in capitals?
            var length = t.end - t.start, capitals = true
            if length > Self.maxAbbreviationPart || t.folded.count != length {
                length = 0
            } else {
                for k in t.start..<t.end {
                    let c = p[k]
                    if c | 0x20 < 0x61 || c | 0x20 > 0x7A { length = 0; break }
                    if c & 0x20 != 0 { capitals = false }
                }
            }
            var attached = false
            if t.followsPunctuation {
                guard body(StoredToken(kind: .boundary, bytes: boundaryBytes, start: t.start, end: t.start,
                                       word: nil, attached: false)) else { return false }
            } else if previousEnd >= 0 {
                let gap = t.start - previousEnd
                if gap <= 3 {
                    attached = true
                    for k in previousEnd..<t.start where p[k] <= 0x20 || p[k] >= 0x7F { attached = false }
                }
                if length > 0 && previousLength > 0 && gap == 1
                    && (p[previousEnd] == 0x2E || (p[previousEnd] == 0x20 && capitals && previousCapitals)) {
                    // The previous word's letters are still in the input: fold them again (ASCII).
                    for k in 0..<previousLength { joined[k] = p[previousStart + k] | 0x20 }
                    _ = UnsafeMutableBufferPointer(start: joined + previousLength, count: t.folded.count)
                        .initialize(from: t.folded)
                    guard body(StoredToken(kind: .joined,
                                           bytes: UnsafeBufferPointer(start: joined, count: previousLength + t.folded.count),
                                           start: previousStart, end: t.end, word: nil, attached: false)) else { return false }
                }
            }
            guard body(StoredToken(kind: .word, bytes: t.folded, start: t.start, end: t.end, word: t, attached: attached)) else {
                return false
            }
            if let alternate = t.alternate {
                guard body(StoredToken(kind: .alternate, bytes: alternate, start: t.start, end: t.end,
                                       word: nil, attached: false)) else { return false }
            }
            previousEnd = t.end
            previousStart = t.start
            previousLength = length
            previousCapitals = capitals
            return true
        }
    }

    /// The same over the UTF-8 of a string.
    public func tokenize(_ text: String, exactForms: Bool = false, _ body: (StoredToken) -> Bool) {
        var text = text
        text.withUTF8 { tokenize($0, exactForms: exactForms, body) }
    }
}
