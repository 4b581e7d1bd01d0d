import ArgumentParser
import Foundation
import VietnameseText

struct Tokenize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Show how text is split into tokens: slice, folded form, exact form and byte range.")

    @Argument(help: "The text to tokenize (several arguments are joined by spaces).")
    var text: [String]

    @Flag(help: "Print a JSON array of {text, folded, exact, start, end}.")
    var json = false

    func run() throws {
        let tokens = VietnameseText.tokens(text.joined(separator: " "))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(tokens), as: UTF8.self))
            return
        }
        for t in tokens {
            let alt = t.alternates.map { "  also \($0.joined(separator: ", "))" } ?? ""
            print("\(t.start)..<\(t.end)\t\(t.text)\t\(t.folded)\t\(t.exact)\(alt)")
        }
    }
}
