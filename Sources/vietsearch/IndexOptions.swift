import ArgumentParser
import ArticleIndex
import Foundation

/// The `--db` option every command shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index file.", valueName: "file"))
    var db: String = IndexStore.defaultPath
}

/// Writes one line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Turns library errors into one clean line and a failing exit.
func failing<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as IndexError {
        printError("error: \(error.localizedDescription)")
        throw ExitCode.failure
    }
}

/// Ctrl-C and SIGTERM set a flag that long commands poll, so they stop cleanly between articles.
enum Interrupt {
    nonisolated(unsafe) static var requested: sig_atomic_t = 0

    static func install() {
        signal(SIGINT) { _ in Interrupt.requested = 1 }
        signal(SIGTERM) { _ in Interrupt.requested = 1 }
        // A parent may hand us these signals blocked (a test runner's spawning thread did); the
        // threads started later (the input reader) inherit this thread's mask.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

/// The query's words as given. Queries are parsed with `.allUnrecognized`, so that `-word` stays in
/// the query; that also keeps the `--` that ends options (`search -- -word`), which is dropped here.
func queryWords(_ arguments: [String]) -> [String] {
    var words = arguments
    if let end = words.firstIndex(of: "--") { words.remove(at: end) }
    return words
}

/// `1234567` → `1,234,567`. Foundation's `formatted()` loads ICU's number formatting on first use,
/// which was 6 ms of every `vietsearch search` process.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
        out.append(c)
    }
    return n < 0 ? "-" + out : out
}

/// `12.345` → `12.3`: one decimal, without `String(format:)` and its locale machinery.
func oneDecimal(_ x: Double) -> String {
    let tenths = Int((x * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
}
