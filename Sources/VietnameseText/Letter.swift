/// A letter of a token as the tokenizer sees it: a base, a vowel shape, a tone and at most one
/// other mark, packed into 64 bits so that a token is a small array of integers.
///
/// Bits 0–20 hold the base scalar (lowercase ASCII for Latin letters), 21–23 the shape,
/// 24–26 the tone, 32–52 the foreign combining mark (any scalar: marks above U+FFFF exist).
struct Letter: Equatable {
    var bits: UInt64

    @inline(__always) init(bits: UInt64) { self.bits = bits }

    @inline(__always) init(base: UInt32, shape: UInt8 = 0, tone: UInt8 = 0, foreign: UInt32 = 0) {
        bits = UInt64(base) | UInt64(shape) << 21 | UInt64(tone) << 24 | UInt64(foreign) << 32
    }

    @inline(__always) var base: UInt32 { UInt32(truncatingIfNeeded: bits & 0x1F_FFFF) }
    @inline(__always) var shape: UInt8 { UInt8(truncatingIfNeeded: (bits >> 21) & 7) }
    @inline(__always) var tone: UInt8 {
        get { UInt8(truncatingIfNeeded: (bits >> 24) & 7) }
        set { bits = (bits & ~(7 << 24)) | UInt64(newValue) << 24 }
    }
    @inline(__always) var foreign: UInt32 { UInt32(truncatingIfNeeded: (bits >> 32) & 0x1F_FFFF) }
    /// True when the letter carries any mark: it then has an exact form distinct from its fold.
    @inline(__always) var isMarked: Bool { bits & 0xFFFF_FFFF_FFE0_0000 != 0 }
    @inline(__always) var isLatin: Bool { base < 0x80 }

    /// The letter after one more combining mark, following the Vietnamese rules where they apply.
    func adding(mark: UInt32) -> Letter {
        var shape = self.shape, tone = self.tone, foreign = self.foreign
        let b = base
        switch mark {
        case 0x0306 where b == 0x61 && shape == 0: shape = LetterShape.breve.rawValue
        case 0x0302 where (b == 0x61 || b == 0x65 || b == 0x6F) && shape == 0: shape = LetterShape.circumflex.rawValue
        case 0x031B where (b == 0x6F || b == 0x75) && shape == 0: shape = LetterShape.horn.rawValue
        default:
            if let t = Tone.of(mark: mark), tone == 0 {
                tone = t.rawValue
            } else if foreign == 0 {
                foreign = mark
            }
            // A third mark on one letter is dropped from the exact form (documented in README).
        }
        return Letter(base: b, shape: shape, tone: tone, foreign: foreign)
    }
}

/// Dense lookup tables built once from `foldingTable`: scalar → letter, and
/// (base, shape, tone) → precomposed lowercase scalar. They are never freed.
final class LetterTables: @unchecked Sendable {
    static let shared = LetterTables()

    /// Letters for U+00C0–U+024F at index `v - 0xC0`, and U+1E00–U+1EFF at `0x190 + v - 0x1E00`; 0 = not a table letter.
    let letters: UnsafeMutablePointer<UInt64>
    /// Precomposed lowercase scalar for `base << 6 | shape << 3 | tone`, or 0.
    let compose: UnsafeMutablePointer<UInt32>
    /// What the scanner does with each scalar below U+0800 (index = scalar) and in
    /// U+1E00–U+1EFF (index = `0x800 + scalar - 0x1E00`), one byte each; see `ScanCode`.
    let codes: UnsafeMutablePointer<UInt8>
    /// The case of each scalar `codes` covers, at the same index: `upper`, `lower`, or 0 (neither).
    /// The scanner reads it to find words glued at a change of case (`hoáTiêu`, `VnExpress`).
    let cases: UnsafeMutablePointer<UInt8>
    static let upper: UInt8 = 1, lower: UInt8 = 2

    private init() {
        letters = .allocate(capacity: 0x190 + 0x100)
        letters.initialize(repeating: 0, count: 0x190 + 0x100)
        compose = .allocate(capacity: 128 << 6)
        compose.initialize(repeating: 0, count: 128 << 6)
        for e in foldingTable {
            let letter = Letter(base: UInt32(e.base), shape: e.shape, tone: e.tone, foreign: UInt32(e.foreign))
            letters[Self.slot(e.scalar)!] = letter.bits
            let scalar = Unicode.Scalar(e.scalar)!
            // Lookalikes of đ (ð, Ð, Ɖ) never become the canonical spelling.
            let isLookalike = e.scalar == 0xF0 || e.scalar == 0xD0 || e.scalar == 0x189
            if e.foreign == 0, scalar.properties.isLowercase, !isLookalike {
                compose[Int(e.base) << 6 | Int(e.shape) << 3 | Int(e.tone)] = e.scalar
            }
        }
        codes = .allocate(capacity: 0x900)
        for v in 0..<0x900 {
            codes[v] = ScanCode.of(UInt32(v < 0x800 ? v : 0x1E00 + v - 0x800), letters: letters)
        }
        cases = .allocate(capacity: 0x900)
        for v in 0..<0x900 {
            cases[v] = Self.caseOf(UInt32(v < 0x800 ? v : 0x1E00 + v - 0x800))
        }
    }

    /// `upper`, `lower` or 0 for a letter of any script (Unicode's properties; off the hot path).
    static func caseOf(_ v: UInt32) -> UInt8 {
        guard let s = Unicode.Scalar(v), s.properties.isAlphabetic else { return 0 }
        return s.properties.isUppercase ? upper : s.properties.isLowercase ? lower : 0
    }

    @inline(__always) static func slot(_ v: UInt32) -> Int? {
        if v >= 0xC0 && v < 0x250 { return Int(v &- 0xC0) }
        if v >= 0x1E00 && v < 0x1F00 { return 0x190 + Int(v &- 0x1E00) }
        return nil
    }
}

/// One byte per scalar that tells the scanner what to do without decoding further:
/// a letter or digit whose fold is one ASCII byte (the byte, with `marked` set when it carries a
/// mark), or one of the small codes below.
enum ScanCode {
    static let separator: UInt8 = 0
    static let sentence: UInt8 = 1
    static let ignorable: UInt8 = 2
    static let mark: UInt8 = 3
    /// A letter whose fold is not one ASCII byte: the scanner takes the general path.
    static let other: UInt8 = 4
    /// A byte that does not start valid UTF-8: a separator.
    static let invalid: UInt8 = 5
    static let marked: UInt8 = 0x80

    static func of(_ v: UInt32, letters: UnsafeMutablePointer<UInt64>) -> UInt8 {
        if v < 0x80 {
            switch UInt8(v) {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt8(v)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt8(v) | 0x20
            case UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"),
                 UInt8(ascii: "!"), UInt8(ascii: "?"): return sentence
            default: return separator
            }
        }
        if let slot = LetterTables.slot(v), case let bits = letters[slot], bits != 0 {
            let letter = Letter(bits: bits)
            return UInt8(letter.base) | (letter.isMarked ? marked : 0)
        }
        switch ScalarClass.of(v) {
        case .letter(let letter): return letter.base >= 0x30 && letter.base < 0x80 ? UInt8(letter.base) : other
        case .mark: return mark
        case .ignorable: return ignorable
        case .separator(let isSentence): return isSentence ? sentence : separator
        }
    }
}
