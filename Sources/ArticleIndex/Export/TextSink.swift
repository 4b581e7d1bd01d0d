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
        // A device or pipe (`/dev/stdout`, a FIFO) is written in place: renaming a file over it would replace it.
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG && (info.st_mode & S_IFMT) != S_IFDIR {
            guard let h = FileHandle(forWritingAtPath: path) else {
                throw IndexError.output(path: path, reason: "permission denied")
            }
            handle = h
            temporary = nil
            destination = path
            return
        }
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        guard FileManager.default.createFile(atPath: tmp, contents: nil), let h = FileHandle(forWritingAtPath: tmp) else {
            throw IndexError.output(path: path, reason: "the folder is missing or read-only")
        }
        handle = h
        temporary = tmp
        destination = path
    }

    /// Writes to an open handle (a pipe's, for a download streamed as it is written).
    public init(handle: FileHandle) {
        self.handle = handle
        temporary = nil
        destination = nil
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
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw IndexError.output(path: destination ?? "the output", reason: Self.reason(error))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Why a write failed, in a few words: the disk is full, the reader went away, or the system's words.
    static func reason(_ error: any Error) -> String {
        switch IndexError.posixCode(error) {
        case ENOSPC: "the disk is full"
        case EPIPE: "it was closed before the end (broken pipe)"
        default: IndexError.systemReason(error)
        }
    }

    /// Flushes, and for a file syncs it and renames it into place.
    public mutating func commit() throws {
        try flush()
        guard let temporary, let destination else {
            if destination != nil { try? handle.close() }
            return
        }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw IndexError.output(path: destination ?? "the output", reason: Self.reason(error))
        }
        if rename(temporary, destination) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw IndexError.output(path: destination, reason: String(cString: strerror(errno)))
        }
    }

    /// Removes the temporary file after a failure.
    public func abandon() {
        if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
    }
}
