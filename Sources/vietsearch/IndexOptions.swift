import ArgumentParser
import ArticleIndex
import Foundation
import VietnameseText

/// The `--db` option every command shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index file.", valueName: "file"))
    var db: String = IndexStore.defaultPath
}

/// `--outlet`, `--category`, `--since` and `--until`, shared by search, export and suggest.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this newspaper (the input's source: NLD, VNE, TN, TT…); repeat or separate with commas for several.", valueName: "outlet"))
    var outlet: [String] = []
    @Option(help: ArgumentHelp("Only this category (accents and case ignored); repeat or separate with commas for several.", valueName: "category"))
    var category: [String] = []
    @Option(help: ArgumentHelp("Only articles dated on or after this day (2006-03-15 or 15/03/2006).", valueName: "date"))
    var since: String?
    @Option(help: ArgumentHelp("Only articles dated on or before this day.", valueName: "date"))
    var until: String?

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, ArticleDate.day(value) == nil {
                throw ValidationError("\(name) \(value) is not a date; write 2006-03-15 or 15/03/2006")
            }
        }
    }

    var filter: SearchFilter {
        func list(_ values: [String]) -> [String] {
            values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return SearchFilter(outlets: list(outlet), categories: list(category),
                            since: since.flatMap(ArticleDate.day), until: until.flatMap(ArticleDate.day))
    }
}

extension FilterOptions {
    /// Says on stderr which values no article of the index has: `--category "kinh te"` where the
    /// index has `Kinh doanh` would otherwise read as "0 matches". The search still runs.
    func warn(_ unmet: [SearchFilter.Unmet]) {
        for u in unmet { printError("warning: \(u)") }
    }
}

/// `--telex` and `--vni`, shared by the commands that take a query.
struct TypingOptions: ParsableArguments {
    @Flag(help: "Read the query as typed with Telex keys: dduwowngf → đường.") var telex = false
    @Flag(help: "Read the query as typed with VNI keys: d9u7o7ng2 → đường.") var vni = false

    func validate() throws {
        if telex && vni { throw ValidationError("choose one of --telex and --vni") }
    }

    /// The query as meant: converted from Telex or VNI keys when asked.
    func typed(_ text: String) -> String {
        telex ? TypingConversion.telex(text) : vni ? TypingConversion.vni(text) : text
    }
}

/// Writes one line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// A command that cannot go on, in one line (`VietSearch.main` prints it).
struct CommandFailure: LocalizedError {
    let errorDescription: String?
    init(_ message: String) { errorDescription = message }
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

/// The `--options` that a command's help lists (derived from ArgumentParser, so never out of date).
func optionNames(of command: ParsableCommand.Type) -> [String] {
    let help = Array(command.helpMessage(columns: 400).utf8)
    var names = Set<String>(), i = 0
    while i + 2 < help.count {
        if help[i] == 0x2D && help[i + 1] == 0x2D && (i == 0 || help[i - 1] == 0x20 || help[i - 1] == 0x2C || help[i - 1] == 0x28 || help[i - 1] == 0x5B),
           help[i + 2] >= 0x61 && help[i + 2] <= 0x7A {
            var j = i + 2
            while j < help.count, (help[j] >= 0x61 && help[j] <= 0x7A) || help[j] == 0x2D { j += 1 }
            names.insert(String(decoding: help[i..<j], as: UTF8.self))
            i = j
        } else {
            i += 1
        }
    }
    return names.sorted()
}

/// The option nearest to a mistyped one, if one is near enough.
func nearestOption(_ typed: String, among names: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var row = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var previous = row[0]
            row[0] = i + 1
            for (j, cb) in b.enumerated() {
                let current = row[j + 1]
                row[j + 1] = min(row[j + 1] + 1, row[j] + 1, previous + (ca == cb ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
    let t = Array(typed)
    let best = names.map { ($0, distance(t, Array($0))) }.min { $0.1 < $1.1 }
    // Up to a third of the name's letters may differ (`--colour` → `--color`, not `--telex` → `--help`).
    return best.flatMap { $0.1 <= max(1, (t.count - 2) / 3) ? $0.0 : nil }
}

/// The query of `search` and `export` keeps unrecognized arguments, so that `-word` excludes a word;
/// an argument that starts with `--` before the `--` that ends options is a mistyped option, not a word.
func rejectUnknownOptions(_ arguments: [String], of command: ParsableCommand.Type) throws {
    for argument in arguments {
        if argument == "--" { return }
        guard argument.hasPrefix("--") else { continue }
        let name = String(argument.prefix { $0 != "=" })
        throw ValidationError(unknownOptionMessage(name, of: command) + "; a query word that starts with - goes after --")
    }
}

func unknownOptionMessage(_ name: String, of command: ParsableCommand.Type) -> String {
    let hint = nearestOption(name, among: optionNames(of: command)).map { " (did you mean \($0)?)" } ?? ""
    return "unknown option \(name)\(hint)"
}

/// `1 passage`, `2 passages`, `1,204 passages`.
func counted(_ n: Int, _ noun: String) -> String { "\(grouped(n)) \(noun)\(n == 1 ? "" : "s")" }
