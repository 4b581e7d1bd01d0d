/// A byte-level tokenizer for Vietnamese text that reports offsets into the original UTF-8.
///
/// A token is a run of letters and digits with their combining marks. Each token carries its
/// folded form (`Đảng` → `dang`), its exact form (`đảng`, normalized as `TonePlacement` says)
/// and its byte range in the input. It never builds a `String` on the hot path: buffers are
/// allocated once per tokenizer and reused, so one tokenizer must not be shared across threads.
///
/// ```swift
/// let tokenizer = VietnameseTokenizer()
/// tokenizer.tokenize("Đảng bộ") { token in print(token.start, token.end); return true }
/// ```
///
/// Rules worth knowing (README "Tokenizer"):
/// - Letters and digits are separate words: `U23` → `u` `23`, `257km` → `257` `km`, `H5N1` → `h` `5` `n` `1`.
/// - `.` or `:` with a letter or digit on both sides (and `://`) splits words but is no sentence
///   break: `TP.HCM`, `vnexpress.net`, `http://x.vn`. `/`, `@`, `-` never are. Nor is a `.` after
///   an initial, one capital standing alone (`C. Ronaldo`, version 6).
/// - i/y: after a consonant onset (`qu` included), a syllable's lone `y` is stored as `i` in both
///   forms: `tỷ`/`tỉ`, `quý`/`quí`, `kỹ`/`kĩ`, `lý`/`lí`, `mỹ`/`mĩ`, `hy`/`hi` are one word. `uy`
///   (`thúy`, `huy`) and a word that is only `y` keep it.
/// - Numbers: a `.` or `,` between two digits joins them, so `2.100`, `11.200` and `87,7` are one
///   token each; `2.100` also carries the alternate `2100`. Other punctuation splits:
///   `4-5%` → `4` `5` `%`, `12/19` → `12` `19`, `2022-2024` → `2022` `2024`.
/// - `%` is a word of its own, so `10%` is found as the phrase `10 %` (it is written both ways),
///   not as every `10`.
/// - `++` after ASCII letters and `#` after one ASCII letter belong to the word, when no letter,
///   digit or sign follows: `C++`, `Notepad++`, `C#` (version 5), not the `c` of `vitamin C`.
/// - Tokens longer than `maxTokenBytes` folded bytes are cut there; the range still covers the whole word.
/// - Case rises: where a lowercase letter is followed by a capital inside a word (`hoáTiêu`,
///   `netSent`, `VnExpress`), the token stays whole and `TokenView.rises` gives where each capital
///   starts; `StoredTokenizer` stores the parts beside the whole word.
/// - Zero-width characters (ZWSP, ZWJ, soft hyphen, BOM…) are dropped: they neither split nor appear.
/// - Invalid UTF-8 and unpaired combining marks act as separators.
public final class VietnameseTokenizer {
    /// The longest folded token; longer words are truncated to this many bytes.
    public static let maxTokenBytes = 64
    /// Bumped whenever the tokens for some input change; stored in every index.
    public static let version = 6
    /// The most case rises recorded in one token (`TokenView.rises`); later ones are not.
    public static let maxRises = 8

    private let letterTable: UnsafeMutablePointer<UInt64>
    private let compose: UnsafeMutablePointer<UInt32>
    private let codes: UnsafeMutablePointer<UInt8>
    private let folded: UnsafeMutablePointer<UInt8>
    private let exact: UnsafeMutablePointer<UInt8>
    private let alternate: UnsafeMutablePointer<UInt8>
    private let letters: UnsafeMutablePointer<Letter>
    private let cases: UnsafeMutablePointer<UInt8>
    private let rises: UnsafeMutablePointer<Int>

    private static let exactCapacity = maxTokenBytes * 12

    /// With `mergesSpellingVariants` false, `tỷ` keeps its `y` (for spelling a word, not matching it).
    public let mergesSpellingVariants: Bool

    public init(mergesSpellingVariants: Bool = true) {
        self.mergesSpellingVariants = mergesSpellingVariants
        let tables = LetterTables.shared
        letterTable = tables.letters
        compose = tables.compose
        codes = tables.codes
        cases = tables.cases
        rises = .allocate(capacity: Self.maxRises)
        folded = .allocate(capacity: Self.maxTokenBytes + 4)
        exact = .allocate(capacity: Self.exactCapacity)
        alternate = .allocate(capacity: Self.maxTokenBytes)
        letters = .allocate(capacity: Self.maxTokenBytes)
    }

    deinit {
        folded.deallocate()
        exact.deallocate()
        alternate.deallocate()
        letters.deallocate()
        rises.deallocate()
    }

    /// Calls `body` for each token of `bytes`, in order; `body` returns false to stop early.
    /// With `exactForms` false, `TokenView.exact` is the folded form and the work of building
    /// exact forms is skipped (FTS5's main table needs folded forms only).
    public func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, exactForms: Bool = true, _ body: (TokenView) -> Bool) {
        // All mutable state lives in a local struct: no dynamic exclusivity checks on the hot path.
        var scanner = Scanner(letterTable: letterTable, compose: compose, codes: codes, cases: cases, rises: rises,
                              folded: folded, exact: exact, alternate: alternate, letters: letters, exactForms: exactForms,
                              mergesSpellingVariants: mergesSpellingVariants)
        scanner.run(bytes, body)
    }

    /// Tokenizes the UTF-8 of a string.
    public func tokenize(_ text: String, exactForms: Bool = true, _ body: (TokenView) -> Bool) {
        var text = text
        text.withUTF8 { tokenize($0, exactForms: exactForms, body) }
    }
}

/// The scanner's state for one `tokenize` call.
private struct Scanner {
    let letterTable: UnsafeMutablePointer<UInt64>
    let compose: UnsafeMutablePointer<UInt32>
    let codes: UnsafeMutablePointer<UInt8>
    let cases: UnsafeMutablePointer<UInt8>
    let rises: UnsafeMutablePointer<Int>
    let folded: UnsafeMutablePointer<UInt8>
    let exact: UnsafeMutablePointer<UInt8>
    let alternate: UnsafeMutablePointer<UInt8>
    let letters: UnsafeMutablePointer<Letter>
    let exactForms: Bool
    let mergesSpellingVariants: Bool

    var nFolded = 0, nLetters = 0, tokenStart = 0, tokenEnd = 0
    var inToken = false, truncated = false, marked = false, sawNumberDot = false
    var lastWasDigit = false, pendingBoundary = false, emittedAny = false
    /// Case rises of the current token (`TokenView.rises`), and whether its last letter was lowercase.
    var nRises = 0, lastWasLower = false

    init(letterTable: UnsafeMutablePointer<UInt64>, compose: UnsafeMutablePointer<UInt32>, codes: UnsafeMutablePointer<UInt8>,
         cases: UnsafeMutablePointer<UInt8>, rises: UnsafeMutablePointer<Int>, folded: UnsafeMutablePointer<UInt8>, exact: UnsafeMutablePointer<UInt8>, alternate: UnsafeMutablePointer<UInt8>,
         letters: UnsafeMutablePointer<Letter>, exactForms: Bool, mergesSpellingVariants: Bool) {
        self.mergesSpellingVariants = mergesSpellingVariants
        self.letterTable = letterTable
        self.compose = compose
        self.folded = folded
        self.exact = exact
        self.alternate = alternate
        self.letters = letters
        self.codes = codes
        self.cases = cases
        self.rises = rises
        self.exactForms = exactForms
    }

    static let maxTokenBytes = VietnameseTokenizer.maxTokenBytes

    @inline(__always) mutating func begin(at i: Int) {
        inToken = true
        tokenStart = i
        nFolded = 0
        nLetters = 0
        truncated = false
        marked = false
        sawNumberDot = false
        nRises = 0
        lastWasLower = false
    }

    /// Notes the case of the letter starting at byte `i` (`LetterTables.cases`): a capital right
    /// after a lowercase letter is a rise.
    @inline(__always) mutating func noteCase(_ c: UInt8, at i: Int) {
        if c == LetterTables.upper && lastWasLower && nRises < VietnameseTokenizer.maxRises {
            rises[nRises] = i
            nRises &+= 1
        }
        lastWasLower = c == LetterTables.lower
    }

    @inline(__always) mutating func appendLetter(_ letter: Letter) {
        let b = letter.base
        guard !truncated else { return }
        let width = b < 0x80 ? 1 : b < 0x800 ? 2 : b < 0x10000 ? 3 : 4
        guard nFolded &+ width <= Self.maxTokenBytes else { truncated = true; return }
        nFolded &+= UTF8Encoding.write(b, to: folded + nFolded)
        if letter.isMarked { marked = true }
        if exactForms {
            letters[nLetters] = letter
            nLetters &+= 1
        }
    }

    /// One pass over `bytes`. Scalars below U+0800 and in U+1E00–U+1EFF (all of Vietnamese) are
    /// classified by one look-up in `codes`; anything else is decoded and classified in full.
    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (TokenView) -> Bool) {
        guard let p = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0
        while i < n {
            let b = p[i]
            var code: UInt8, len = 1, v: UInt32 = 0, index = 0
            if b < 0x80 {
                code = codes[Int(b)]
            } else if b >= 0xC2 && b <= 0xDF && i &+ 1 < n && p[i &+ 1] & 0xC0 == 0x80 {
                v = UInt32(b & 0x1F) << 6 | UInt32(p[i &+ 1] & 0x3F)
                index = Int(v)
                code = codes[index]
                len = 2
            } else if b == 0xE1 && i &+ 2 < n && p[i &+ 1] & 0xFC == 0xB8 && p[i &+ 2] & 0xC0 == 0x80 {
                v = 0x1E00 | UInt32(p[i &+ 1] & 0x03) << 6 | UInt32(p[i &+ 2] & 0x3F)
                index = 0x800 &+ Int(v & 0xFF)
                code = codes[index]
                len = 3
            } else {
                (v, len) = Self.decode(p + i, n &- i)
                if v == 0 {  // invalid byte: a separator that is not punctuation
                    if inToken && !emit(body) { return }
                    i &+= 1
                    continue
                }
                code = ScanCode.other
            }
            if code >= 0x30 {  // a letter or digit folding to one ASCII byte
                // Letters and digits are separate words: U23 → u 23, 257km → 257 km.
                let isDigit = code <= 0x39
                if !inToken {
                    begin(at: i)
                } else if isDigit != lastWasDigit {
                    if !emit(body) { return }
                    begin(at: i)
                }
                if isDigit {
                    lastWasLower = false
                } else {
                    noteCase(len == 1 ? (b &- 0x41 < 26 ? LetterTables.upper : LetterTables.lower) : cases[index], at: i)
                }
                if !truncated {
                    if nFolded < Self.maxTokenBytes {
                        folded[nFolded] = code & 0x7F
                        nFolded &+= 1
                        if code & ScanCode.marked != 0 { marked = true }
                        if exactForms {
                            if len == 1 {
                                letters[nLetters] = Letter(base: UInt32(code))
                            } else if let slot = LetterTables.slot(v), case let bits = letterTable[slot], bits != 0 {
                                letters[nLetters] = Letter(bits: bits)
                            } else {
                                letters[nLetters] = Letter(base: UInt32(code & 0x7F))
                            }
                            nLetters &+= 1
                        }
                    } else {
                        truncated = true
                    }
                }
                lastWasDigit = isDigit
                i &+= len
                tokenEnd = i
                continue
            }
            if len == 1 {
                // A dot or comma between two digits joins a number: 2.100, 87,7.
                if inToken && lastWasDigit && (b == 0x2E || b == 0x2C) && i &+ 1 < n
                    && p[i &+ 1] >= 0x30 && p[i &+ 1] <= 0x39 {
                    if !truncated {
                        if nFolded < Self.maxTokenBytes {
                            folded[nFolded] = b
                            nFolded &+= 1
                            if exactForms {
                                letters[nLetters] = Letter(base: UInt32(b))
                                nLetters &+= 1
                            }
                        } else {
                            truncated = true
                        }
                    }
                    if b == 0x2E { sawNumberDot = true }
                    i &+= 1
                    continue
                }
                // `C++` and `C#` keep their signs: ASCII letters right before `++` (`C++`,
                // `Notepad++`), or one letter before `#` (`C#`, `F#`), with no letter or digit
                // after. Else they would be `c`, the letter of `vitamin C` and `30 độ C`.
                if _slowPath(b == 0x2B || b == 0x23), inToken && tokenEnd == i && !lastWasDigit && !truncated && !marked,
                   let signs = languageSigns(p, n, at: i) {
                    appendSigns(p + i, signs)
                    i &+= signs
                    tokenEnd = i
                    continue
                }
                if inToken && !emit(body) { return }
                // `%` is a word of its own: `10%` is the phrase `10 %`, not every `10`.
                if b == 0x25 {
                    begin(at: i)
                    folded[0] = b
                    nFolded = 1
                    if exactForms {
                        letters[0] = Letter(base: UInt32(b))
                        nLetters = 1
                    }
                    i &+= 1
                    tokenEnd = i
                    if !emit(body) { return }
                    continue
                }
                // `.` or `:` (or `://`) with a letter or digit on both sides joins the parts of
                // one written form (TP.HCM, vnexpress.net, 10:30, http://x): not a sentence break.
                if code == ScanCode.sentence && tokenEnd == i && (b == 0x2E || b == 0x3A) {
                    let next = b == 0x3A && i &+ 2 < n && p[i &+ 1] == 0x2F && p[i &+ 2] == 0x2F ? i &+ 3 : i &+ 1
                    if next < n && isWordStart(p + next, n &- next) {
                        i = next
                        continue
                    }
                }
                // A `.` after an initial (one capital letter standing alone: `C. Ronaldo`, `George
                // W. Bush`, `anh X. cho biết`) abbreviates a name; it is no sentence break.
                if code == ScanCode.sentence && emittedAny && !(b == 0x2E && isInitial(p, at: i)) { pendingBoundary = true }
                i &+= 1
                continue
            }
            let scalarClass: ScalarClass
            switch code {
            case ScanCode.separator: scalarClass = .separator(sentence: false)
            case ScanCode.sentence: scalarClass = .separator(sentence: true)
            case ScanCode.ignorable: scalarClass = .ignorable
            case ScanCode.mark: scalarClass = .mark
            default: scalarClass = ScalarClass.of(v)
            }
            switch scalarClass {
            case .letter(let letter):
                if inToken && lastWasDigit && !emit(body) { return }
                if !inToken { begin(at: i) }
                noteCase(index > 0 ? cases[index] : LetterTables.caseOf(v), at: i)
                appendLetter(letter)
                lastWasDigit = false
                i &+= len
                tokenEnd = i
            case .mark:
                if inToken {
                    if !truncated && (nLetters > 0 || !exactForms) {
                        marked = true
                        if exactForms {
                            letters[nLetters &- 1] = letters[nLetters &- 1].adding(mark: v)
                        }
                    }
                    tokenEnd = i &+ len
                }
                i &+= len
            case .ignorable:
                i &+= len
            case .separator(let sentence):
                if inToken && !emit(body) { return }
                if sentence && emittedAny { pendingBoundary = true }
                i &+= len
            }
        }
        if inToken { _ = emit(body) }
    }

    /// Whether the token just emitted, ending at `i`, is one ASCII capital standing alone (an
    /// initial): not after a digit or a `.` (`12A.`, `U.S.` end words of their own kind). A letter
    /// before it would be in the token; a byte of another scalar is a space or a sign (NBSP, `“`).
    @inline(__always) func isInitial(_ p: UnsafePointer<UInt8>, at i: Int) -> Bool {
        guard tokenEnd == i && i &- tokenStart == 1 && p[tokenStart] &- 0x41 < 26 else { return false }
        guard tokenStart > 0 else { return true }
        let before = p[tokenStart &- 1]
        return !(before &- 0x30 < 10 || before == 0x2E)
    }

    /// Appends the signs of `C++` or `C#` to the word's folded and exact forms (as far as it fits).
    @inline(never) mutating func appendSigns(_ p: UnsafePointer<UInt8>, _ signs: Int) {
        for k in 0..<signs where nFolded < VietnameseTokenizer.maxTokenBytes {
            folded[nFolded] = p[k]
            nFolded &+= 1
            if exactForms {
                letters[nLetters] = Letter(base: UInt32(p[k]))
                nLetters &+= 1
            }
        }
    }

    /// How many bytes of `++` or `#` at `i` belong to the word before it (`C++`, `C#`): 2 for `++`
    /// after ASCII letters, 1 for `#` after one ASCII letter, none when a letter, digit or another
    /// sign follows (`A+B`, `C#1`).
    @inline(never) func languageSigns(_ p: UnsafePointer<UInt8>, _ n: Int, at i: Int) -> Int? {
        let b = p[i]
        let signs: Int
        if b == 0x2B && i &+ 1 < n && p[i &+ 1] == 0x2B {
            signs = 2
        } else if b == 0x23 && i &- tokenStart == 1 {
            signs = 1
        } else {
            return nil
        }
        var k = tokenStart
        while k < i {
            if p[k] | 0x20 < 0x61 || p[k] | 0x20 > 0x7A { return nil }
            k &+= 1
        }
        let next = i &+ signs
        if next < n && (p[next] == 0x2B || p[next] == 0x23 || isWordStart(p + next, n &- next)) { return nil }
        return signs
    }

    /// True when the scalar at `p` is a letter or digit (it would start or continue a token).
    @inline(never) func isWordStart(_ p: UnsafePointer<UInt8>, _ available: Int) -> Bool {
        let b = p[0]
        if b < 0x80 { return codes[Int(b)] >= 0x30 }
        let (v, _) = Self.decode(p, available)
        if v == 0 { return false }
        if v < 0x800, codes[Int(v)] >= 0x30 { return true }
        if v >= 0x1E00 && v <= 0x1EFF, codes[0x800 &+ Int(v & 0xFF)] >= 0x30 { return true }
        if case .letter = ScalarClass.of(v) { return true }
        return false
    }

    /// Decodes one UTF-8 scalar at `p` (at most `available` bytes); `(0, 1)` for an invalid byte.
    @inline(__always) static func decode(_ p: UnsafePointer<UInt8>, _ available: Int) -> (UInt32, Int) {
        let b = p[0]
        if b >= 0xC2 && b <= 0xDF {
            if available > 1 && p[1] & 0xC0 == 0x80 {
                return (UInt32(b & 0x1F) << 6 | UInt32(p[1] & 0x3F), 2)
            }
        } else if b >= 0xE0 && b <= 0xEF {
            if available > 2 && p[1] & 0xC0 == 0x80 && p[2] & 0xC0 == 0x80 {
                let c = UInt32(b & 0x0F) << 12 | UInt32(p[1] & 0x3F) << 6 | UInt32(p[2] & 0x3F)
                if c >= 0x800 && (c < 0xD800 || c > 0xDFFF) { return (c, 3) }
            }
        } else if b >= 0xF0 && b <= 0xF4 {
            if available > 3 && p[1] & 0xC0 == 0x80 && p[2] & 0xC0 == 0x80 && p[3] & 0xC0 == 0x80 {
                let c = UInt32(b & 0x07) << 18 | UInt32(p[1] & 0x3F) << 12 | UInt32(p[2] & 0x3F) << 6 | UInt32(p[3] & 0x3F)
                if c >= 0x10000 && c <= 0x10FFFF { return (c, 4) }
            }
        }
        return (0, 1)
    }

    /// Finishes the current token: builds the exact form and alternate, then calls `body`.
    @inline(__always) mutating func emit(_ body: (TokenView) -> Bool) -> Bool {
        inToken = false
        guard nFolded > 0 else { return true }
        if UInt(bitPattern: nFolded &- 2) < 3 && folded[nFolded &- 1] == 0x79 && mergesSpellingVariants { mergeSpellingVariant() }
        var nExact = nFolded
        if marked && exactForms {
            TonePlacement.canonicalize(letters, count: nLetters)
            nExact = writeExact()
        }
        var alt: UnsafeBufferPointer<UInt8>? = nil
        if sawNumberDot, let count = thousandsAlternate() {
            alt = UnsafeBufferPointer(start: alternate, count: count)
        }
        let foldedView = UnsafeBufferPointer(start: folded, count: nFolded)
        let view = TokenView(
            folded: foldedView,
            exact: marked && exactForms ? UnsafeBufferPointer(start: exact, count: nExact) : foldedView,
            alternate: alt, start: tokenStart, end: tokenEnd, isMarked: marked,
            followsPunctuation: pendingBoundary, rises: UnsafeBufferPointer(start: rises, count: nRises))
        pendingBoundary = false
        emittedAny = true
        lastWasDigit = false
        return body(view)
    }

    /// i/y spellings of one syllable (tỷ/tỉ, quý/quí, kỹ/kĩ, lý/lí, mỹ/mĩ, hy/hi): after a consonant
    /// onset, a lone `y` is written `i` in both forms. `uy` (thúy, huy) is another vowel.
    @inline(never) mutating func mergeSpellingVariant() {
        guard Self.isOnset(folded, nFolded &- 1) else { return }
        folded[nFolded &- 1] = 0x69
        if exactForms && nLetters > 0 && letters[nLetters &- 1].base == 0x79 {
            letters[nLetters &- 1] = Letter(bits: letters[nLetters &- 1].bits & ~0x1F_FFFF | 0x69)
        }
    }

    /// True when the `count` folded bytes at `p` are a Vietnamese consonant onset (`qu` included).
    static func isOnset(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        switch count {
        case 1: return onsets1.contains(p[0])
        case 2: return onsets2.contains(UInt16(p[0]) << 8 | UInt16(p[1]))
        case 3: return p[0] == 0x6E && p[1] == 0x67 && p[2] == 0x68  // ngh
        default: return false
        }
    }
    static let onsets1: Set<UInt8> = Set("bcdghklmnprstvx".utf8)
    static let onsets2: Set<UInt16> = Set(["ch", "gh", "kh", "ng", "nh", "ph", "qu", "th", "tr"].map {
        let b = Array($0.utf8); return UInt16(b[0]) << 8 | UInt16(b[1])
    })

    /// Writes the exact form of `letters` into `exact` and returns its length.
    func writeExact() -> Int {
        var n = 0
        for i in 0..<nLetters {
            let l = letters[i]
            let base = l.base
            if !l.isMarked {
                n &+= UTF8Encoding.write(base, to: exact + n)
                continue
            }
            let key = base < 0x80 ? Int(base) << 6 | Int(l.shape) << 3 | Int(l.tone) : -1
            if key >= 0, case let c = compose[key], c != 0 {
                n &+= UTF8Encoding.write(c, to: exact + n)
            } else {
                // No precomposed letter (a tone on a consonant, say): base plus combining marks.
                n &+= UTF8Encoding.write(base, to: exact + n)
                if let shape = LetterShape(rawValue: l.shape), shape != .none {
                    n &+= UTF8Encoding.write(shape.combiningMark, to: exact + n)
                }
                if let tone = Tone(rawValue: l.tone), tone != .none {
                    n &+= UTF8Encoding.write(tone.combiningMark, to: exact + n)
                }
            }
            if l.foreign != 0 { n &+= UTF8Encoding.write(l.foreign, to: exact + n) }
        }
        return n
    }

    /// `2.100` → `2100` when the dots separate groups of exactly three digits.
    func thousandsAlternate() -> Int? {
        var n = 0, group = 0, firstGroup = true
        for i in 0..<nFolded {
            let b = folded[i]
            if b == 0x2E {
                if firstGroup ? (group == 0 || group > 3) : group != 3 { return nil }
                firstGroup = false
                group = 0
            } else if b >= 0x30 && b <= 0x39 {
                alternate[n] = b
                n &+= 1
                group &+= 1
            } else {
                return nil
            }
        }
        return group == 3 ? n : nil
    }
}

/// How the tokenizer treats one scalar.
enum ScalarClass {
    case letter(Letter), mark, ignorable, separator(sentence: Bool)

    static func of(_ v: UInt32) -> ScalarClass {
        if v >= 0x300 && v <= 0x36F { return .mark }
        if v >= 0x2000 && v <= 0x206F {  // General Punctuation: common in news text
            if (v >= 0x200B && v <= 0x200F) || (v >= 0x202A && v <= 0x202E) || v >= 0x2060 { return .ignorable }
            return .separator(sentence: v == 0x2026)
        }
        return ofSlow(v)
    }

    /// Everything outside the Latin tables: ask Unicode. Rare in Vietnamese text.
    static func ofSlow(_ v: UInt32) -> ScalarClass {
        guard let s = Unicode.Scalar(v) else { return .separator(sentence: false) }
        let props = s.properties
        switch props.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        case .format: return .ignorable
        case .decimalNumber, .letterNumber, .otherNumber:
            return .letter(Letter(base: v))
        default:
            guard props.isAlphabetic else { return .separator(sentence: v == 0x3002) }
            let lower = props.lowercaseMapping.unicodeScalars
            let base = lower.count == 1 ? lower.first!.value : v
            return .letter(Letter(base: base))
        }
    }
}

enum UTF8Encoding {
    /// Writes the UTF-8 of scalar `v` at `p` and returns the byte count.
    @inline(__always) static func write(_ v: UInt32, to p: UnsafeMutablePointer<UInt8>) -> Int {
        if v < 0x80 {
            p[0] = UInt8(truncatingIfNeeded: v)
            return 1
        } else if v < 0x800 {
            p[0] = UInt8(truncatingIfNeeded: 0xC0 | v >> 6)
            p[1] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
            return 2
        } else if v < 0x10000 {
            p[0] = UInt8(truncatingIfNeeded: 0xE0 | v >> 12)
            p[1] = UInt8(truncatingIfNeeded: 0x80 | (v >> 6) & 0x3F)
            p[2] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
            return 3
        }
        p[0] = UInt8(truncatingIfNeeded: 0xF0 | v >> 18)
        p[1] = UInt8(truncatingIfNeeded: 0x80 | (v >> 12) & 0x3F)
        p[2] = UInt8(truncatingIfNeeded: 0x80 | (v >> 6) & 0x3F)
        p[3] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
        return 4
    }
}
