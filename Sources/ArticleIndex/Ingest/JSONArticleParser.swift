import CZlib
import Foundation

/// Turns one JSON line into an article, or says what is wrong with it.
enum JSONArticleParser {
    /// The fields of one line. Decoding straight to Swift strings is several times faster than
    /// `JSONSerialization`, and a wrong type names its field.
    struct Line: Decodable {
        var id: String?
        var title: String?
        var paragraphs: [String]?
        var body: String?
        var content: String?
        var url: String?
        var date: String?
        var category: String?
        var source: String?

        enum CodingKeys: String, CodingKey { case id, title, paragraphs, body, content, url, date, category, source }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let number = try? c.decodeIfPresent(Int64.self, forKey: .id) {
                id = String(number)
            } else {
                id = try c.decodeIfPresent(String.self, forKey: .id)
            }
            title = try c.decodeIfPresent(String.self, forKey: .title)
            paragraphs = try c.decodeIfPresent([String].self, forKey: .paragraphs)
            body = try c.decodeIfPresent(String.self, forKey: .body)
            content = try c.decodeIfPresent(String.self, forKey: .content)
            url = try c.decodeIfPresent(String.self, forKey: .url)
            date = try c.decodeIfPresent(String.self, forKey: .date)
            category = try c.decodeIfPresent(String.self, forKey: .category)
            source = try c.decodeIfPresent(String.self, forKey: .source)
        }
    }

    static func parse(_ line: UnsafeBufferPointer<UInt8>, file: String, lineNumber: Int) -> Result<Article, Diagnostic>? {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        func fail(_ message: String) -> Result<Article, Diagnostic> {
            .failure(Diagnostic(file: file, line: lineNumber, message: message))
        }
        let decoded: Line
        do {
            decoded = try JSONDecoder().decode(Line.self, from: Data(buffer: line))
        } catch DecodingError.typeMismatch(_, let context) {
            guard let field = context.codingPath.first?.stringValue else { return fail("expected a JSON object per line") }
            return fail("field \"\(field)\" must be \(field == "paragraphs" ? "an array of strings" : "a string")")
        } catch {
            return fail("malformed JSON: \(describe(error))")
        }
        var paragraphs: [String]
        if let array = decoded.paragraphs {
            paragraphs = array
        } else if let body = decoded.body ?? decoded.content {
            paragraphs = splitBlocks(body)
        } else {
            return fail("no \"paragraphs\", \"body\" or \"content\" field")
        }
        paragraphs = SiteChrome.trimmed(paragraphs.map { HTMLEntities.decoded($0).trimmedSpaces }.filter { !$0.isEmpty })
        let title = decoded.title.map { HTMLEntities.decoded($0).trimmedSpaces } ?? ""
        guard !title.isEmpty || !paragraphs.isEmpty else { return fail("empty article: no title or paragraph") }
        let source = decoded.url ?? "\(file):\(lineNumber)"
        return .success(Article(
            key: decoded.id ?? decoded.url ?? "\(file):\(lineNumber)",
            title: title.isEmpty ? String(paragraphs[0].prefix(120)) : title, paragraphs: paragraphs,
            source: source, url: decoded.url, date: decoded.date, category: decoded.category,
            outlet: decoded.source, origin: file, titleIsDerived: title.isEmpty, location: "\(file):\(lineNumber)"))
    }

    /// Splits a body string into paragraphs on blank lines.
    static func splitBlocks(_ body: String) -> [String] {
        var out: [String] = [], block: [Substring] = []
        for line in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            if line.allSatisfy(\.isWhitespace) {
                if !block.isEmpty { out.append(block.joined(separator: "\n")); block = [] }
            } else {
                block.append(line)
            }
        }
        if !block.isEmpty { out.append(block.joined(separator: "\n")) }
        return out
    }

    static func describe(_ error: Error) -> String {
        var text = "\(error)"
        if case DecodingError.dataCorrupted(let context) = error {
            text = context.debugDescription
            if let underlying = context.underlyingError { text += " (\((underlying as NSError).userInfo[NSDebugDescriptionErrorKey] ?? underlying))" }
        }
        return text.count > 160 ? String(text.prefix(160)) + "…" : text
    }
}

extension String {
    /// The string without leading and trailing white space (Unicode), cheap when there is none.
    var trimmedSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return self }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}

extension Diagnostic: Error {}
