import ArgumentParser
import Foundation
import VietnameseText

struct Tokenize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Show what the index stores for a text: each word's slice, folded and exact forms and byte range, other spellings stored beside it, and sentence breaks.",
        discussion: """
            Text output: one line per word, `START..<END  SLICE  FOLDED  EXACT`, then `also X` \
            for a number's other spelling (2100 for 2.100) and `joined X` for an abbreviation's \
            joined form, stored at this word's position (tphcm for TP.HCM). A line \
            `—  sentence break` stands where the index stores a break that phrases do not cross.

        """)

    @Argument(help: "The text to tokenize (several arguments are joined by spaces).")
    var text: [String]

    @Flag(help: "Print a JSON array of {text, folded, exact, start, end}, with alternates, joined, parts and sentenceBreak (true) where present.")
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
            if t.followsPunctuation { print("—\tsentence break") }
            let alt = t.alternates.map { "  also \($0.joined(separator: ", "))" } ?? ""
            let joined = t.joined.map { "  joined \($0)" } ?? ""
            let parts = t.parts.map { "  parts \($0.joined(separator: ", "))" } ?? ""
            print("\(t.start)..<\(t.end)\t\(t.text)\t\(t.folded)\t\(t.exact)\(alt)\(joined)\(parts)")
        }
    }
}
