import Foundation

/// An exclusive advisory lock on a file, held while one `vietsearch index` writes.
final class FileLock {
    private let fd: Int32

    init(path: String) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EACCES || errno == EROFS || errno == EPERM { throw IndexError.readOnly(path: path) }
            throw IndexError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw IndexError.indexLocked(path: String(path.dropLast(5)))
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
