/// Counts shown at the top of an export.
public struct ExportHeader: Sendable {
    public var query: String
    public var passages: Int
    public var articles: Int
    /// Only passages holding every word as typed (`--strict`, or a query with marks without `--any-tone`).
    public var strict: Bool
    public var any: Bool
}
