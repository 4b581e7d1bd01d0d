import Foundation

/// Progress, reported about four times a second while indexing.
public struct IndexProgress: Sendable {
    public var articles: Int
    public var bytes: Int
    public var inputBytesDone: Int
    public var inputBytesTotal: Int
    public var seconds: Double
}
