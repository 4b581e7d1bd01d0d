/// One row of the folding table: a precomposed letter and what it is made of.
///
/// ```swift
/// FoldEntry(0x1EAD, "a", shape: 2, tone: 5, foreign: 0) // ậ
/// ```
public struct FoldEntry: Sendable, Equatable {
    /// The Unicode scalar value of the precomposed letter.
    public let scalar: UInt32
    /// Its lowercase ASCII base letter, the folded form.
    public let base: UInt8
    /// The Vietnamese vowel shape, a `LetterShape` raw value.
    public let shape: UInt8
    /// The Vietnamese tone, a `Tone` raw value.
    public let tone: UInt8
    /// The first mark that is not Vietnamese (U+0300–U+036F), or 0.
    public let foreign: UInt16

    public init(_ scalar: UInt32, _ base: Unicode.Scalar, shape: UInt8, tone: UInt8, foreign: UInt16) {
        self.scalar = scalar
        self.base = UInt8(base.value)
        self.shape = shape
        self.tone = tone
        self.foreign = foreign
    }
}

/// The shape marks of Vietnamese vowels, plus the stroke of `đ`.
public enum LetterShape: UInt8, Sendable {
    case none = 0, breve = 1, circumflex = 2, horn = 3, stroke = 4

    /// The combining mark that writes this shape, for letters with no precomposed form.
    var combiningMark: UInt32 {
        switch self {
        case .none: 0
        case .breve: 0x0306
        case .circumflex: 0x0302
        case .horn: 0x031B
        case .stroke: 0x0335
        }
    }
}

/// The five Vietnamese tones, in the order of the Telex keys f s r x j.
public enum Tone: UInt8, Sendable, CaseIterable {
    case none = 0, grave = 1, acute = 2, hook = 3, tilde = 4, dot = 5

    /// The combining mark of the tone (U+0300 block).
    public var combiningMark: UInt32 {
        switch self {
        case .none: 0
        case .grave: 0x0300
        case .acute: 0x0301
        case .hook: 0x0309
        case .tilde: 0x0303
        case .dot: 0x0323
        }
    }

    /// The tone a combining mark writes, if it writes one.
    static func of(mark: UInt32) -> Tone? {
        switch mark {
        case 0x0300, 0x0340: .grave
        case 0x0301, 0x0341: .acute
        case 0x0309: .hook
        case 0x0303: .tilde
        case 0x0323: .dot
        default: nil
        }
    }
}
