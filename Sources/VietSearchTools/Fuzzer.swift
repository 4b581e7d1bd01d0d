import ArticleIndex
import Foundation
import VietnameseText

/// Random and mutated inputs for the tokenizer and the query language, checking invariants.
/// The tests run a few thousand cases; `scripts/fuzz` runs millions, bounded in time.
public struct Fuzzer {
    public struct Report: Sendable {
        public var tokenizerCases = 0
        public var queryCases = 0
        public var failures: [String] = []
    }

    private var state: UInt64

    public init(seed: UInt64) { state = seed | 1 }

    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    static let pieces: [[UInt8]] = [
        "a", "ê", "đ", "Đ", "ư", "ơ", "nghiệm", "Việt", "hoà", "2.100", "87,7", " ", ".", ",", "-", "/", "%",
        "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}", "\u{302}", "\u{306}", "\u{31B}", "\u{A0}", "\u{200B}",
        "\u{FEFF}", "\u{D0}", "中", "😀", "\n", "\u{0}",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE1, 0xBA], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]

    /// A random byte string built from Vietnamese pieces, marks and invalid bytes, or a mutation of one.
    mutating func bytes() -> [UInt8] {
        var out: [UInt8] = []
        let n = Int(next() % 48)
        for _ in 0..<n {
            if next() % 4 == 0 { out.append(UInt8(truncatingIfNeeded: next())) } else { out += pick(Self.pieces) }
        }
        if next() % 8 == 0 { out += Array(repeating: UInt8(ascii: "a"), count: Int(next() % 200)) }  // long runs
        return out
    }

    /// Checks the tokenizer's invariants on `input`; returns a problem or nil.
    static func checkTokenizer(_ input: [UInt8], _ tokenizer: VietnameseTokenizer) -> String? {
        var problem: String?
        var last = 0
        var tokens: [(Int, Int, [UInt8], [UInt8])] = []
        input.withUnsafeBufferPointer { buffer in
            tokenizer.tokenize(buffer) { t in
                if t.start < last || t.start >= t.end || t.end > input.count { problem = "range \(t.start)..<\(t.end) out of order or bounds" }
                if t.folded.isEmpty || t.folded.count > VietnameseTokenizer.maxTokenBytes { problem = "folded length \(t.folded.count)" }
                last = t.end
                tokens.append((t.start, t.end, Array(t.folded), Array(t.exact)))
                return problem == nil
            }
        }
        if problem != nil { return problem }
        // Folding is consistent: the original slice of each token gives the same forms on its own.
        for (start, end, folded, exact) in tokens {
            var again: ([UInt8], [UInt8])?
            let slice = Array(input[start..<end])
            slice.withUnsafeBufferPointer { b in
                tokenizer.tokenize(b) { t in again = (Array(t.folded), Array(t.exact)); return false }
            }
            if again?.0 != folded || again?.1 != exact { return "slice \(start)..<\(end) folds differently alone" }
        }
        return nil
    }

    static let queryPieces = ["\"", "\"", "(", ")", "-", "*", " ", " ", " ", "OR", "AND", "NOT", "NEAR", "nông", "thôn", "dang",
                              "Đảng", "a", ".", ",", ":", "^", "+", "'", "covid-19", "2.100", "\u{301}", "“", "”", "\\", "NEAR(", "{"]

    mutating func query() -> String {
        (0..<Int(next() % 12)).map { _ in pick(Self.queryPieces) }.joined()
    }

    /// Runs tokenizer and query cases until `cases` or `seconds` run out.
    public mutating func run(searcher: Searcher?, cases: Int, seconds: Double) -> Report {
        var report = Report()
        let tokenizer = VietnameseTokenizer()
        let deadline = Date().addingTimeInterval(seconds)
        var n = 0
        while n < cases && (n % 256 != 0 || Date() < deadline) {
            n += 1
            let input = bytes()
            if let problem = Self.checkTokenizer(input, tokenizer) {
                report.failures.append("tokenizer: \(problem) on bytes \(input.map { String($0, radix: 16) }.joined(separator: " "))")
            }
            report.tokenizerCases += 1
            // Queries are slower (they run against the index): one for every 16 tokenizer cases.
            if let searcher, n % 16 == 0 {
                let q = query()
                do {
                    _ = try searcher.search(q, options: SearchOptions(limit: 3, strict: next() % 2 == 0, any: next() % 3 == 0))
                } catch IndexError.query(let message) where !message.lowercased().contains("fts5") && !message.contains("syntax") {
                    // A clear one-line refusal is an allowed outcome.
                } catch {
                    report.failures.append("query \(q.debugDescription): \(error.localizedDescription)")
                }
                report.queryCases += 1
            }
            if report.failures.count > 20 { break }
        }
        return report
    }
}
