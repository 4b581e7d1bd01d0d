import Foundation
import TestSupport
import Testing

/// Whether this process may mount a tmpfs (root, and a kernel that lets it): tried once.
let canMountTmpfs: Bool = {
    guard getuid() == 0 else { return false }
    var mounted = false
    try? withTmpfs(size: "1m") { _ in mounted = true }
    return mounted
}()

/// Runs `body` with a small tmpfs mounted at a fresh folder and returns true; returns false
/// without running it when it cannot mount one (the tests are `.enabled(if: canMountTmpfs)`, and
/// expect true, so a mount that fails later is reported, not a silent pass).
@discardableResult
func withTmpfs(size: String, readOnly: Bool = false, _ body: (URL) throws -> Void) throws -> Bool {
    let tmp = TemporaryFolder()
    let mountPoint = tmp.url.appendingPathComponent("mnt")
    try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
    func sh(_ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/mount")
        p.arguments = args
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
    guard getuid() == 0, sh(["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", mountPoint.path]) == 0 else { return false }
    defer {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/umount")
        p.arguments = [mountPoint.path]
        try? p.run()
        p.waitUntilExit()
    }
    if readOnly { _ = sh(["-o", "remount,ro", mountPoint.path]) }
    try body(mountPoint)
    return true
}

@Suite(.serialized, .enabled(if: canMountTmpfs, "needs root and a tmpfs mount for the full-disk and read-only-folder cases"))
struct DiskTests {
    @Test func fullDiskGivesOneLineAndKeepsWhatWasCommitted() throws {
        let tmp = TemporaryFolder()
        let input = tmp.path("big.jsonl")
        try writeSyntheticCorpus(input, count: 6000)
        let mounted = try withTmpfs(size: "3m") { mnt in
            let db = mnt.appendingPathComponent("x.sqlite").path
            let r = try CLI.run(["index", input, "--db", db, "-q"])
            #expect(r.status == 1)
            #expect(r.stderr.contains("the disk is full"), "\(r.stderr)")
            // It names the operation and the article being indexed.
            #expect(r.stderr.contains("] (indexing article \"") && r.stderr.contains("big.jsonl:"), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(!r.stderr.contains("Fatal error"))
            // What was committed is intact and searchable.
            let check = try CLI.run(["check", "--db", db])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(try CLI.run(["search", "nông", "--db", db]).status == 0)
        }
        #expect(mounted, "a 3 MB tmpfs")
    }

    @Test func readOnlyFolderGivesOneLine() throws {
        let mounted = try withTmpfs(size: "1m", readOnly: true) { mnt in
            let r = try CLI.run(["index", CLI.root.appendingPathComponent("seeds").path, "--db", mnt.appendingPathComponent("x.sqlite").path])
            #expect(r.status == 1)
            #expect(r.stderr.hasPrefix("error: ") && r.stderr.contains("read-only"), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
        #expect(mounted, "a read-only 1 MB tmpfs")
    }
}
