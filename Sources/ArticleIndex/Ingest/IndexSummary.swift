import Foundation

/// What one `vietsearch index` run did.
public struct IndexSummary: Sendable, Equatable {
    public var added = 0, updated = 0, unchanged = 0, skipped = 0, removed = 0
    /// .txt files converted from a pre-Unicode encoding.
    public var converted = 0
    public var paragraphsAdded = 0, paragraphsUpdated = 0
    public var bytes = 0
    public var interrupted = false

    public var line: String {
        func paragraphs(_ n: Int) -> String { "\(n) paragraph\(n == 1 ? "" : "s")" }
        return "\(added) added (\(paragraphs(paragraphsAdded))), \(updated) updated (\(paragraphs(paragraphsUpdated))), "
            + "\(unchanged) unchanged, \(skipped) skipped, \(removed) removed"
            + (converted > 0 ? ", \(converted) converted from legacy encodings" : "")
    }
}
