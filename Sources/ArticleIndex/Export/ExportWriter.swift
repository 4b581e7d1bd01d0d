/// One output format. Writers stream: they see each passage once, in order, and keep nothing.
public protocol ExportWriter {
    mutating func begin(_ header: ExportHeader, to out: inout TextSink) throws
    mutating func passage(_ p: ExportPassage, to out: inout TextSink) throws
    mutating func end(to out: inout TextSink) throws
}
