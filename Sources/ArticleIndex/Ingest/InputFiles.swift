import Foundation

/// Expands the paths given to `vietsearch index` into input files, recursively and in a stable
/// (sorted) order, skipping what cannot be read with a diagnostic.
enum InputFiles {
    static let extensions = [".txt", ".jsonl", ".jsonl.gz", ".json.gz", ".gz"]

    static func isInput(_ path: String) -> Bool {
        let lower = path.lowercased()
        return extensions.contains { lower.hasSuffix($0) }
    }

    static func expand(_ paths: [String], diagnostics: (Diagnostic) -> Void) -> [String] {
        var out: [String] = []
        var seenDirectories = Set<String>()
        func visit(_ path: String, named: Bool) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
                diagnostics(Diagnostic(file: path, message: isLink ? "broken symbolic link" : "no such file or folder"))
                return
            }
            if isDirectory.boolValue {
                // A symbolic link loop would revisit a folder: remember real paths.
                let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                guard seenDirectories.insert(real).inserted else {
                    diagnostics(Diagnostic(file: path, message: "folder already visited (symbolic link loop?); skipped"))
                    return
                }
                let entries: [String]
                do {
                    entries = try FileManager.default.contentsOfDirectory(atPath: path)
                } catch {
                    diagnostics(Diagnostic(file: path, message: "cannot list the folder: permission denied"))
                    return
                }
                let before = out.count
                for name in entries.sorted() where !name.hasPrefix(".") {
                    visit(path.hasSuffix("/") ? path + name : path + "/" + name, named: false)
                }
                if named && out.count == before {
                    diagnostics(Diagnostic(file: path, message: "no .txt, .jsonl or .jsonl.gz files in this folder"))
                }
            } else if isInput(path) {
                out.append(path)
            } else if named {
                diagnostics(Diagnostic(file: path, message: "not a .txt, .jsonl or .jsonl.gz file; skipped"))
            }
        }
        for p in paths { visit(p, named: true) }
        return out
    }
}
