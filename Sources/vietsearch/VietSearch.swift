import ArgumentParser
import ArticleIndex
import Foundation
import VietnameseText

@main
struct VietSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Every command names itself: ArgumentParser otherwise derives the name with
        // String(describing:), whose protocol look-ups were a third of start-up (9.8M of 29M instructions).
        commandName: "vietsearch",
        abstract: "Search Vietnamese news archives, with or without accents.",
        discussion: """
        Build an index with `vietsearch index`, then search it with `vietsearch search`. With \
        no index yet, `search` builds one from seeds/ first.

        """,
        version: "vietsearch \(VietSearch.version) (tokenizer \(VietnameseTokenizer.version), index schema \(IndexStore.schemaVersion))",
        subcommands: [Search.self, Export.self, Suggest.self, Index.self, Serve.self, Stats.self, Check.self, Tokenize.self]
    )

    static let version = "0.3.0"

    /// The first line of an error's description: `IndexError`'s and `CommandFailure`'s own words,
    /// else Foundation's.
    static func oneLine(_ error: any Error) -> String {
        let text = (error as? LocalizedError)?.errorDescription ?? error.localizedDescription
        return text.split(separator: "\n").first.map(String.init) ?? text
    }

    /// `print` writes through C's buffered stdout and ignores failures: flush it and say so if the
    /// output was lost (a full disk, a closed pipe), with a failing exit.
    static func checkStandardOutput() {
        errno = 0
        // fflush(NULL): Swift 6 forbids naming C's `stdout`; a lost write fails again here.
        if fflush(nil) != 0 {
            let reason = errno == EPIPE ? "it was closed before the end (broken pipe)"
                : errno == ENOSPC ? "the disk is full" : String(cString: strerror(errno == 0 ? EIO : errno))
            printError("error: cannot write the output: \(reason)")
            Foundation.exit(1)
        }
    }

    /// As ArgumentParser's, except that a usage error (unknown option, bad value) is one line on
    /// stderr, with the nearest option for a mistyped one, and exit status 2 as most tools use.
    static func main() {
        // A reader that goes away (`| head`) makes writes fail with EPIPE instead of killing us
        // silently; the failure is then reported in one line.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
            checkStandardOutput()
        } catch {
            if let exit = error as? ExitCode, exit.isSuccess { checkStandardOutput() }
            // Help, --version and ExitCode (the command has already said why): ArgumentParser's way.
            if error is ExitCode || exitCode(for: error).isSuccess { exit(withError: error) }
            guard exitCode(for: error) == .validationFailure else {
                // Every other failure (the index, the input, the output): one line, exit status 1.
                printError("error: \(oneLine(error))")
                Foundation.exit(1)
            }
            var text = message(for: error)
            let sub = configuration.subcommands.first { $0.configuration.commandName == CommandLine.arguments.dropFirst().first }
            if text.hasPrefix("Unknown option '"), let name = text.split(separator: "'").dropFirst().first {
                text = unknownOptionMessage(String(name), of: sub ?? Self.self)
            }
            let first = text.split(separator: "\n").first.map(String.init) ?? text
            let help = sub.map { "vietsearch \($0.configuration.commandName ?? "") --help" } ?? "vietsearch --help"
            printError("error: \(first.prefix(1).lowercased() + first.dropFirst()) (see \(help))")
            Foundation.exit(2)
        }
    }
}
