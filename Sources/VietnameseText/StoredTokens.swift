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
/// - `.alternate`, at the same position, the other spelling of a number (`2100` for `2.100`);
/// - `.part`, at the same position, for a word whose case rises inside it (a lowercase letter, then
///   a capital: `hoáTiêu`, `netSent`, `VnExpress`, `iPhone`): each part (`hoá`, `tiêu`), and each
///   run of two or more parts that ends the word (`vnexpress` in `vớiVnExpress`), folded, with its
///   exact form and its own byte range. The word itself stays whole, so everything that found it
///   still does, and its parts are found too: words glued in the source text (`tamsu@vnexpress.netSent`
///   holds `net`; `hoáTiêu chuẩn` holds `tiêu chuẩn`) and the words of a name (`Express`). Sharing
///   the word's position, a part continues a phrase that ends at the word or starts one there.
///
/// Letter–digit codes need no joined form: the tokenizer splits them the same way in the text and
/// in the query (`U23`, `U-23`, `U.23` and `U 23` are all `u 23`).
public enum StoredKind: UInt8, Sendable {
    case boundary, word, alternate, joined, part

    /// True for tokens that start a new position (FTS5's `FTS5_TOKEN_COLOCATED` is unset).
    @inlinable public var takesPosition: Bool { self == .boundary || self == .word }
}

/// One stored token, as a view into reused buffers. Valid only inside the callback.
public struct StoredToken {
    /// The bytes the index stores: a folded form, or `.` for a boundary.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// For `.word` and `.part`: its exact form (the same bytes as `bytes` unless `isMarked`, or when the
    /// tokenizer was asked for folded forms only).
    public let exact: UnsafeBufferPointer<UInt8>
    /// Byte offsets into the original text; a joined form spans both of its parts.
    public let start: Int
    public let end: Int
    public let kind: StoredKind
    /// For `.word`: true when the word carries a mark.
    public let isMarked: Bool
    /// For `.word`: true when nothing or only a short run of punctuation with no space (at most
    /// 3 bytes) separates it from the previous word, as `HCM` in `TP.HCM` or `23` in `U23`:
    /// highlights of both words then cover the whole written form.
    public let attached: Bool
    /// For `.word`: true when a `.boundary` came just before it.
    public let followsPunctuation: Bool

    @inlinable init(_ kind: StoredKind, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                    exact: UnsafeBufferPointer<UInt8>? = nil, isMarked: Bool = false, attached: Bool = false,
                    followsPunctuation: Bool = false) {
        self.kind = kind
        self.bytes = bytes
        self.exact = exact ?? bytes
        self.start = start
        self.end = end
        self.isMarked = isMarked
        self.attached = attached
        self.followsPunctuation = followsPunctuation
    }
}

/// Receives stored tokens (see `StoredTokenizer.tokenize(_:exactForms:into:)`).
public protocol StoredTokenSink {
    /// Takes one token; returns false to stop.
    mutating func take(_ token: StoredToken) -> Bool
}

@usableFromInline struct ClosureSink: StoredTokenSink {
    @usableFromInline let body: (StoredToken) -> Bool
    @inlinable init(body: @escaping (StoredToken) -> Bool) { self.body = body }
    @inlinable func take(_ token: StoredToken) -> Bool { body(token) }
}

/// Produces `StoredToken`s. It owns a tokenizer and small buffers: one per thread.
public final class StoredTokenizer {
    public static let boundaryToken = UInt8(ascii: ".")
    /// The longest part of an abbreviation, in letters.
    public static let maxAbbreviationPart = 5

    public let tokenizer = VietnameseTokenizer()
    /// Tokenizes the parts of a word whose case rises (`StoredKind.part`) while `tokenizer` is busy.
    @usableFromInline let partTokenizer = VietnameseTokenizer()
    @usableFromInline let joined: UnsafeMutablePointer<UInt8>
    @usableFromInline let boundary: UnsafeMutablePointer<UInt8>
    /// The previous word's start and end, behind a pointer: captured `var`s would be boxed and checked.
    @usableFromInline let previous: UnsafeMutablePointer<Int>

    public init() {
        joined = .allocate(capacity: 2 * Self.maxAbbreviationPart)
        boundary = .allocate(capacity: 1)
        boundary.initialize(to: Self.boundaryToken)
        previous = .allocate(capacity: 2)
        previous.initialize(repeating: -1, count: 2)
    }

    deinit {
        joined.deallocate()
        boundary.deallocate()
        previous.deallocate()
    }

    /// True when `p[range]` is 1–5 ASCII letters; with `capitals`, all of them capitals.
    @inlinable @inline(__always) static func isAbbreviationPart(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, capitals: Bool) -> Bool {
        guard end &- start <= maxAbbreviationPart else { return false }
        var k = start
        while k < end {
            let c = p[k]
            k &+= 1
            if c | 0x20 < 0x61 || c | 0x20 > 0x7A || (capitals && c & 0x20 != 0) { return false }
        }
        return true
    }

    /// Calls `body` for each stored token of `bytes`, in order; `body` returns false to stop.
    /// With `exactForms` false, word views carry folded forms only (see `VietnameseTokenizer`).
    public func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, exactForms: Bool = false, _ body: (StoredToken) -> Bool) {
        withoutActuallyEscaping(body) { body in
            var sink = ClosureSink(body: body)
            tokenize(bytes, exactForms: exactForms, into: &sink)
        }
    }

    /// The same into a sink: inlinable and generic, so that the caller's sink is compiled into the
    /// one closure the scanner calls (through a second closure, FTS5's tokenizer ran 20% slower).
    @inlinable public func tokenize<Sink: StoredTokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, exactForms: Bool = false,
                                                          into sink: inout Sink) {
        withUnsafeMutablePointer(to: &sink) { sink in
            tokenize(bytes, exactForms: exactForms, sink: sink)
        }
    }

    @inlinable func tokenize<Sink: StoredTokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, exactForms: Bool,
                                                   sink: UnsafeMutablePointer<Sink>) {
        @inline(__always) func body(_ token: StoredToken) -> Bool { sink.pointee.take(token) }
        guard let p = bytes.baseAddress else { return }
        let joined = self.joined, previous = self.previous
        let boundaryBytes = UnsafeBufferPointer(start: UnsafePointer(boundary), count: 1)
        previous[0] = -1
        tokenizer.tokenize(bytes, exactForms: exactForms) { t in
            let beforeStart = previous[0], beforeEnd = previous[1]
            previous[0] = t.start
            previous[1] = t.end
            var attached = false
            if t.followsPunctuation {
                guard body(StoredToken(.boundary, boundaryBytes, t.start, t.start)) else { return false }
            } else if beforeStart >= 0 {
                let gap = t.start &- beforeEnd, c = p[beforeEnd]
                var join = false
                if gap == 1 && c == 0x20 {
                    // The common case, one space: only two words in capitals are joined.
                    join = p[beforeStart] &- 0x41 < 26 && p[t.start] &- 0x41 < 26
                } else if gap <= 3 {
                    attached = true
                    var k = beforeEnd
                    while k < t.start {
                        if p[k] <= 0x20 || p[k] >= 0x7F { attached = false }
                        k &+= 1
                    }
                    // A typographic apostrophe (U+2019) attaches as `'` does: `O’Neal`, `L’Équipe`.
                    if gap == 3 && c == 0xE2 && p[beforeEnd &+ 1] == 0x80 && p[beforeEnd &+ 2] == 0x99 { attached = true }
                    join = gap == 1 && c == 0x2E
                }
                // Abbreviation parts: joined by one `.`, or both in capitals with one space between.
                if join, t.folded.count == t.end &- t.start,
                   Self.isAbbreviationPart(p, beforeStart, beforeEnd, capitals: c == 0x20),
                   Self.isAbbreviationPart(p, t.start, t.end, capitals: c == 0x20) {
                    // The previous word's letters as written, lowercased, then this word's fold.
                    let n = beforeEnd &- beforeStart
                    for k in 0..<n { joined[k] = p[beforeStart &+ k] | 0x20 }
                    for k in 0..<t.folded.count { joined[n &+ k] = t.folded[k] }
                    guard body(StoredToken(.joined, UnsafeBufferPointer(start: joined, count: n &+ t.folded.count),
                                           beforeStart, t.end)) else { return false }
                }
            }
            guard body(StoredToken(.word, t.folded, t.start, t.end, exact: t.exact, isMarked: t.isMarked,
                                   attached: attached, followsPunctuation: t.followsPunctuation)) else {
                return false
            }
            if let alternate = t.alternate, !body(StoredToken(.alternate, alternate, t.start, t.end)) { return false }
            if t.rises.isEmpty { return true }
            return parts(of: t, in: bytes, exactForms: exactForms) { part in body(part) }
        }
    }

    /// The `.part` tokens of word `t`, whose case rises (`TokenView.rises`): each part between
    /// rises, then each run from a rise to the word's end that holds two or more parts. Each is
    /// tokenized on its own, so its exact form is that of the part alone.
    @inlinable func parts(of t: TokenView, in bytes: UnsafeBufferPointer<UInt8>, exactForms: Bool,
                          _ body: (StoredToken) -> Bool) -> Bool {
        let rises = t.rises
        var spans: [Range<Int>] = []
        spans.reserveCapacity(2 * rises.count + 1)
        var from = t.start
        for r in rises {
            spans.append(from..<r)
            from = r
        }
        spans.append(from..<t.end)
        for k in rises.indices.dropLast() { spans.append(rises[k]..<t.end) }
        var going = true
        for span in spans where going {
            partTokenizer.tokenize(UnsafeBufferPointer(rebasing: bytes[span]), exactForms: exactForms) { p in
                going = body(StoredToken(.part, p.folded, span.lowerBound &+ p.start, span.lowerBound &+ p.end,
                                         exact: p.exact, isMarked: p.isMarked))
                return going
            }
        }
        return going
    }

    /// How many positions the stored tokens of `text` take (FTS5's length of the text): its words
    /// and boundaries; alternates and joined forms share a word's position. Counted straight from
    /// the tokenizer, without building the other tokens.
    public func positions(_ text: String) -> Int {
        var n = 0
        tokenizer.tokenize(text, exactForms: false) { t in
            n &+= t.followsPunctuation ? 2 : 1
            return true
        }
        return n
    }

    /// The exact forms the index stores for its `exact` table, which keeps no positions: every
    /// word's, marked (`đảng`, `tỉ`) or not (`la`, so that `Sơn La` typed with accents can mean
    /// `la` and not `là`), and those of its parts where its case rises. Straight from the
    /// tokenizer: boundaries, alternates and joined forms do not concern that table.
    @inlinable public func exactForms(_ bytes: UnsafeBufferPointer<UInt8>,
                                      _ body: (_ exact: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool) {
        tokenizer.tokenize(bytes, exactForms: true) { t in
            guard body(t.exact, t.start, t.end) else { return false }
            if t.rises.isEmpty { return true }
            return parts(of: t, in: bytes, exactForms: true) { part in body(part.exact, part.start, part.end) }
        }
    }

    /// The same over the UTF-8 of a string.
    public func tokenize(_ text: String, exactForms: Bool = false, _ body: (StoredToken) -> Bool) {
        var text = text
        text.withUTF8 { tokenize($0, exactForms: exactForms, body) }
    }
}
