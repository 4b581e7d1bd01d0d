import CZlib
import Foundation

/// Streams `.jsonl` and `.jsonl.gz` files line by line through zlib, which reads plain files too.
/// A file is never read whole: memory holds one chunk and the current line.
final class LineReader {
    private let file: gzFile
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    let path: String
    private(set) var lineNumber = 0
    /// A read error (a truncated or corrupt .gz), reported once the good lines are out.
    private(set) var failure: String?

    init?(path: String) {
        guard let f = gzopen(path, "rb") else { return nil }
        gzbuffer(f, 1 << 18)
        file = f
        self.path = path
    }

    deinit { gzclose(file) }

    /// Compressed bytes read so far, for progress.
    var compressedOffset: Int { Int(gzoffset(file)) }

    /// The next line without its newline, or nil at the end.
    func next<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                lineNumber += 1
                let result = buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<nl])) }
                start = nl + 1
                return result
            }
            if eof {
                guard start < buffer.count else { return nil }
                lineNumber += 1
                let result = buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start...])) }
                start = buffer.count
                return result
            }
            if start > 0 { buffer.removeFirst(start); start = 0 }
            let chunk = 1 << 18
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: chunk))
            let n = buffer.withUnsafeMutableBufferPointer { gzread(file, $0.baseAddress! + old, UInt32(chunk)) }
            buffer.removeLast(chunk - Int(max(n, 0)))
            if n <= 0 {
                eof = true
                if n < 0 || gzerrorCode() != Z_OK {
                    failure = "the compressed file is truncated or corrupt after line \(lineNumber)"
                }
            }
        }
    }

    private func gzerrorCode() -> Int32 {
        var code: Int32 = 0
        _ = gzerror(file, &code)
        return code
    }
}

/// Turns one JSON line into an article, or says what is wrong with it.
enum JSONArticleParser {
    static func parse(_ line: UnsafeBufferPointer<UInt8>, file: String, lineNumber: Int) -> Result<Article, Diagnostic>? {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        func fail(_ message: String) -> Result<Article, Diagnostic> {
            .failure(Diagnostic(file: file, line: lineNumber, message: message))
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(buffer: line), options: [.fragmentsAllowed])
        } catch {
            return fail("malformed JSON: \(Self.describe(error))")
        }
        guard let dict = object as? [String: Any] else { return fail("expected a JSON object per line") }
        func string(_ key: String) -> Result<String?, Diagnostic> {
            switch dict[key] {
            case nil, is NSNull: .success(nil)
            case let s as String: .success(s)
            case let n as NSNumber where key == "id": .success(n.stringValue)
            default: .failure(Diagnostic(file: file, line: lineNumber, message: "field \"\(key)\" must be a string"))
            }
        }
        do {
            let title = try string("title").get() ?? ""
            var paragraphs: [String]
            switch dict["paragraphs"] {
            case nil, is NSNull:
                guard let body = try string("body").get() ?? string("content").get() else {
                    return fail("no \"paragraphs\", \"body\" or \"content\" field")
                }
                paragraphs = splitBlocks(body)
            case let array as [Any]:
                paragraphs = []
                for item in array {
                    guard let s = item as? String else { return fail("field \"paragraphs\" must be an array of strings") }
                    paragraphs.append(s)
                }
            default:
                return fail("field \"paragraphs\" must be an array of strings")
            }
            paragraphs = SiteChrome.trimmed(paragraphs.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty })
            guard !title.isEmpty || !paragraphs.isEmpty else { return fail("empty article: no title or paragraph") }
            let url = try string("url").get()
            let key = try string("id").get() ?? url ?? "\(file):\(lineNumber)"
            return .success(Article(
                key: key, title: title.isEmpty ? String(paragraphs[0].prefix(120)) : title, paragraphs: paragraphs,
                source: url ?? "\(file):\(lineNumber)", url: url, date: try string("date").get(),
                category: try string("category").get(), outlet: try string("source").get(), origin: file))
        } catch let d as Diagnostic {
            return .failure(d)
        } catch {
            return fail("\(error)")
        }
    }

    /// Splits a body string into paragraphs on blank lines.
    static func splitBlocks(_ body: String) -> [String] {
        var out: [String] = [], block: [Substring] = []
        for line in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            if line.allSatisfy(\.isWhitespace) {
                if !block.isEmpty { out.append(block.joined(separator: "\n")); block = [] }
            } else {
                block.append(line)
            }
        }
        if !block.isEmpty { out.append(block.joined(separator: "\n")) }
        return out
    }

    static func describe(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
        return text.count > 160 ? String(text.prefix(160)) + "…" : text
    }
}

extension Diagnostic: Error {}
