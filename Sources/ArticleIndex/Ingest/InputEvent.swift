import Foundation
import VietnameseText

/// What the reading thread hands the writing thread.
enum InputEvent: Sendable {
    /// An article, its content hash, its passages' token counts (`PassageLengths`) and what the
    /// impact lists need of them; no lengths nor tally for an article the index holds unchanged.
    case article(Article, hash: String, lengths: [UInt16], tally: ImpactLists.ArticleTally?)
    case problem(Diagnostic)
    /// Something to tell the user about an article that was still indexed (an unreadable date).
    case warning(Diagnostic)
    /// A file is finished; `complete` when it was read to its end without a read error.
    case fileDone(path: String, complete: Bool, bytes: Int)
    /// Compressed bytes read so far in the current file, for progress.
    case position(Int)
    /// A file was converted from a pre-Unicode encoding.
    case converted(path: String, from: LegacyEncoding)
}
