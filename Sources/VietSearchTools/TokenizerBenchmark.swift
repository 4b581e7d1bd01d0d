import ArticleIndex
import CSQLite
import Foundation

/// Drives FTS5 tokenizers through FTS5's own `xTokenize` call, for `scripts/bench`.
public enum TokenizerBenchmark {
    /// Seconds and token count to tokenize every line of `lines` with the FTS5 tokenizer `name`
    /// (arguments `arguments`), in document mode, with a callback that only counts.
    public static func run(tokenizer name: String, arguments: [String], lines: [UnsafeBufferPointer<UInt8>]) throws -> (seconds: Double, tokens: Int) {
        let db = try Database(path: ":memory:")
        // The API table, the tokenizer found through it and its instance belong to the connection:
        // it stays open until the last of them is used.
        defer { withExtendedLifetime(db) {} }
        let api = try FTS5Extensions.api(db)
        var context: UnsafeMutableRawPointer?
        var methods = fts5_tokenizer()
        guard api.pointee.xFindTokenizer(api, name, &context, &methods) == SQLITE_OK,
              let create = methods.xCreate, let tokenize = methods.xTokenize, let delete = methods.xDelete else {
            throw BenchmarkError("no FTS5 tokenizer named \(name)")
        }
        var cArgs = arguments.map { UnsafePointer(strdup($0)) }
        defer { cArgs.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        var instance: OpaquePointer?
        guard create(context, &cArgs, Int32(cArgs.count), &instance) == SQLITE_OK else {
            throw BenchmarkError("cannot create the FTS5 tokenizer \(name) \(arguments.joined(separator: " "))")
        }
        defer { delete(instance) }
        var count = 0
        let started = DispatchTime.now()
        for line in lines {
            _ = tokenize(instance, &count, FTS5_TOKENIZE_DOCUMENT, UnsafeRawPointer(line.baseAddress)?.assumingMemoryBound(to: CChar.self),
                         Int32(line.count)) { ctx, _, _, _, _, _ in
                ctx!.assumingMemoryBound(to: Int.self).pointee += 1
                return SQLITE_OK
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return (seconds, count)
    }
}

/// A benchmark that cannot run, and why.
public struct BenchmarkError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
