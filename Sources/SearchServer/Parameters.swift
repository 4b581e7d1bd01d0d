import ArticleIndex
import Foundation

/// The query parameters of the page and the API: the CLI's options under their own names
/// (`q`, `limit`, `offset`, `strict`, `any`, `outlet`, `category`, `since`, `until`,
/// `per_article`, `sort`, and `format` for exports), checked as the CLI checks its options.
/// Anything else, or a value out of bounds, is a `BadRequest`: a 400 with a JSON error.
struct SearchParameters {
    /// The longest query taken, in characters.
    static let maxQueryLength = 1_000
    /// The most results one page may ask for.
    static let maxLimit = 100
    static let maxOffset = 10_000

    var query: String?
    var options = SearchOptions()
    var format: String?
    var article: String?
    var paragraph: Int?

    /// `names`: the parameters this endpoint takes.
    init(_ pairs: [(String, String)], names: Set<String>) throws {
        var seen = Set<String>()
        for (name, value) in pairs {
            guard names.contains(name) else {
                throw BadRequest("unknown parameter \(name); this endpoint takes \(names.sorted().joined(separator: ", "))")
            }
            // Repeated filters add up (`outlet=NLD&outlet=VNE`); anything else must come once.
            guard !seen.contains(name) || name == "outlet" || name == "category" else {
                throw BadRequest("parameter \(name) is given more than once")
            }
            seen.insert(name)
            switch name {
            case "q":
                let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
                guard text.count <= Self.maxQueryLength else {
                    throw BadRequest("the query is \(text.count) characters long; at most \(Self.maxQueryLength) are taken")
                }
                query = text.isEmpty ? nil : text
            case "limit": options.limit = try Self.integer(name, value, 1...Self.maxLimit)
            case "offset": options.offset = try Self.integer(name, value, 0...Self.maxOffset)
            case "strict": options.strict = try Self.flag(name, value)
            case "any": options.any = try Self.flag(name, value)
            case "per_article": options.perArticle = value.isEmpty ? nil : try Self.integer(name, value, 1...1_000)
            case "sort":
                guard let sort = value.isEmpty ? .relevance : SearchOptions.Sort(rawValue: value) else {
                    throw BadRequest("sort must be relevance or date, not \(value.prefix(40))")
                }
                options.sort = sort
            case "outlet": options.filter.outlets += Self.list(value)
            case "category": options.filter.categories += Self.list(value)
            case "since", "until":
                guard !value.isEmpty else { continue }
                guard let day = ArticleDate.day(value) else {
                    throw BadRequest("\(name) \(value) is not a date; write 2006-03-15 or 15/03/2006")
                }
                if name == "since" { options.filter.since = day } else { options.filter.until = day }
            case "format":
                guard ["csv", "html", "markdown", "jsonl"].contains(value) else {
                    throw BadRequest("format \(value) is not one of csv, html, markdown, jsonl")
                }
                format = value
            case "id":
                guard !value.isEmpty, value.utf8.count <= 1_000 else { throw BadRequest("id must be an article id") }
                article = value
            case "p": paragraph = try Self.integer(name, value, 0...100_000)
            default: break
            }
        }
    }

    /// The query, or a 400 when there is none.
    func requiredQuery() throws -> String {
        guard let query else { throw BadRequest("give a query: ?q=nong+thon+moi") }
        return query
    }

    static func integer(_ name: String, _ value: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let n = Int(value), range.contains(n) else {
            throw BadRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(value.prefix(40))")
        }
        return n
    }

    static func flag(_ name: String, _ value: String) throws -> Bool {
        switch value.lowercased() {
        case "1", "true", "on", "yes": return true
        case "0", "false", "off", "no", "": return false
        default: throw BadRequest("\(name) must be 1 or 0, not \(value.prefix(40))")
        }
    }

    static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// A request the server will not answer: a 400 with `{"error": message}`.
struct BadRequest: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
