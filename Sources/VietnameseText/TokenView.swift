/// One token, as a view into the tokenizer's reused buffers. Valid only inside the callback.
public struct TokenView {
    /// The folded form: lowercase, marks removed, `đ` → `d`. ASCII for Latin text.
    public let folded: UnsafeBufferPointer<UInt8>
    /// The exact form: lowercase, NFC, lookalikes mapped to `đ`, tone in its canonical place.
    /// It is the same bytes as `folded` when the word carries no mark (`isMarked` is false).
    public let exact: UnsafeBufferPointer<UInt8>
    /// A second folded spelling that should find this token, such as `2100` for `2.100`.
    public let alternate: UnsafeBufferPointer<UInt8>?
    /// Byte offsets `[start, end)` into the original input, trailing combining marks included.
    public let start: Int
    public let end: Int
    /// True when the word carries a mark, so that its exact form differs from its fold.
    public let isMarked: Bool
    /// True when sentence punctuation (`, . ; : ! ? …`) stands between the previous token and this one.
    /// Phrases never match across it.
    public let followsPunctuation: Bool
    /// Byte offsets of the capitals that follow a lowercase letter inside the word (`Tiêu` in
    /// `hoáTiêu`, `Express` in `VnExpress`), in order; empty for most words.
    public let rises: UnsafeBufferPointer<Int>
}

/// A token with owned strings, for tests, the `tokenize` command and other slow paths.
public struct Token: Sendable, Equatable, Codable {
    /// The original slice of the input, byte for byte.
    public var text: String
    public var folded: String
    public var exact: String
    /// UTF-8 byte offsets `[start, end)` into the input.
    public var start: Int
    public var end: Int
    /// Other spellings stored at this word's position: a number's (`2100` for `2.100`).
    public var alternates: [String]?
    /// The joined form of this word and the next, stored at this word's position (`tphcm` for `TP.HCM`).
    public var joined: String?
    /// Where the word's case rises (`hoáTiêu`, `VnExpress`): the folded parts stored at its position
    /// (`hoa`, `tieu`; `vn`, `express`), and the runs of two or more parts that end it.
    public var parts: [String]?
    /// True when sentence punctuation stands before this word: the index stores a break there.
    public var followsPunctuation: Bool
    /// True when nothing or punctuation without spaces separates this word from the previous one.
    public var attached: Bool

    public init(text: String, folded: String, exact: String, start: Int, end: Int,
                alternates: [String]? = nil, joined: String? = nil, parts: [String]? = nil,
                followsPunctuation: Bool = false, attached: Bool = false) {
        self.text = text
        self.folded = folded
        self.exact = exact
        self.start = start
        self.end = end
        self.alternates = alternates
        self.joined = joined
        self.parts = parts
        self.followsPunctuation = followsPunctuation
        self.attached = attached
    }

    enum CodingKeys: String, CodingKey { case text, folded, exact, start, end, alternates, joined, parts, sentenceBreak }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(text: try c.decode(String.self, forKey: .text), folded: try c.decode(String.self, forKey: .folded),
                  exact: try c.decode(String.self, forKey: .exact), start: try c.decode(Int.self, forKey: .start),
                  end: try c.decode(Int.self, forKey: .end), alternates: try c.decodeIfPresent([String].self, forKey: .alternates),
                  joined: try c.decodeIfPresent(String.self, forKey: .joined),
                  parts: try c.decodeIfPresent([String].self, forKey: .parts),
                  followsPunctuation: try c.decodeIfPresent(Bool.self, forKey: .sentenceBreak) ?? false)
    }

    /// `alternates`, `joined`, `parts` and `sentenceBreak` (true when a break is stored before the word)
    /// appear only when present.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(folded, forKey: .folded)
        try c.encode(exact, forKey: .exact)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encodeIfPresent(alternates, forKey: .alternates)
        try c.encodeIfPresent(joined, forKey: .joined)
        try c.encodeIfPresent(parts, forKey: .parts)
        if followsPunctuation { try c.encode(true, forKey: .sentenceBreak) }
    }
}
