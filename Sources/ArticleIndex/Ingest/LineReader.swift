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
                // After a read error the last piece is a cut line: the error reports it, not a JSON warning.
                guard start < buffer.count, failure == nil else { return nil }
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
