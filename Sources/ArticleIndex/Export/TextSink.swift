import Foundation

/// A buffered UTF-8 writer to standard output or, atomically, to a file: the text goes to a
/// temporary file beside it that is renamed into place by `commit()`, so an interrupted export
/// never leaves a half-written file under the final name.
public struct TextSink {
    private let handle: FileHandle
    private let temporary: String?
    private let destination: String?
    private var buffer: [UInt8] = []

    /// Writes to `path`, or to standard output when `path` is nil or `-`.
    public init(path: String?) throws {
        guard let path, path != "-" else {
            handle = FileHandle.standardOutput
            temporary = nil
            destination = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        guard FileManager.default.createFile(atPath: tmp, contents: nil), let h = FileHandle(forWritingAtPath: tmp) else {
            throw IndexError.query("cannot write \(path): the folder is missing or read-only")
        }
        handle = h
        temporary = tmp
        destination = path
    }

    public mutating func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public mutating func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
    }

    public mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and for a file syncs it and renames it into place.
    public mutating func commit() throws {
        try flush()
        guard let temporary, let destination else { return }
        try handle.synchronize()
        try handle.close()
        if rename(temporary, destination) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw IndexError.query("cannot write \(destination): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the temporary file after a failure.
    public func abandon() {
        if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
    }
}
