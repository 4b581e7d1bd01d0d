/// A letter of a token as the tokenizer sees it: a base, a vowel shape, a tone and at most one
/// other mark, packed into 64 bits so that a token is a small array of integers.
///
/// Bits 0–20 hold the base scalar (lowercase ASCII for Latin letters), 21–23 the shape,
/// 24–26 the tone, 32–47 the foreign combining mark.
struct Letter: Equatable {
    var bits: UInt64

    @inline(__always) init(bits: UInt64) { self.bits = bits }

    @inline(__always) init(base: UInt32, shape: UInt8 = 0, tone: UInt8 = 0, foreign: UInt16 = 0) {
        bits = UInt64(base) | UInt64(shape) << 21 | UInt64(tone) << 24 | UInt64(foreign) << 32
    }

    @inline(__always) var base: UInt32 { UInt32(truncatingIfNeeded: bits & 0x1F_FFFF) }
    @inline(__always) var shape: UInt8 { UInt8(truncatingIfNeeded: (bits >> 21) & 7) }
    @inline(__always) var tone: UInt8 {
        get { UInt8(truncatingIfNeeded: (bits >> 24) & 7) }
        set { bits = (bits & ~(7 << 24)) | UInt64(newValue) << 24 }
    }
    @inline(__always) var foreign: UInt16 { UInt16(truncatingIfNeeded: (bits >> 32) & 0xFFFF) }
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
                foreign = UInt16(truncatingIfNeeded: mark)
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

    private init() {
        letters = .allocate(capacity: 0x190 + 0x100)
        letters.initialize(repeating: 0, count: 0x190 + 0x100)
        compose = .allocate(capacity: 128 << 6)
        compose.initialize(repeating: 0, count: 128 << 6)
        for e in foldingTable {
            let letter = Letter(base: UInt32(e.base), shape: e.shape, tone: e.tone, foreign: e.foreign)
            letters[Self.slot(e.scalar)!] = letter.bits
            let scalar = Unicode.Scalar(e.scalar)!
            // Lookalikes of đ (ð, Ð, Ɖ) never become the canonical spelling.
            let isLookalike = e.scalar == 0xF0 || e.scalar == 0xD0 || e.scalar == 0x189
            if e.foreign == 0, scalar.properties.isLowercase, !isLookalike {
                compose[Int(e.base) << 6 | Int(e.shape) << 3 | Int(e.tone)] = e.scalar
            }
        }
    }

    @inline(__always) static func slot(_ v: UInt32) -> Int? {
        if v >= 0xC0 && v < 0x250 { return Int(v &- 0xC0) }
        if v >= 0x1E00 && v < 0x1F00 { return 0x190 + Int(v &- 0x1E00) }
        return nil
    }
}
