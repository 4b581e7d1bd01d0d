import CSQLite
import Foundation

public struct ArticleInfo: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var source: String
    public var url: String?
    public var date: String?
    public var category: String?
    /// The newspaper (the input's `source` field: NLD, VNE, …), when the input names it.
    public var outlet: String?
}
