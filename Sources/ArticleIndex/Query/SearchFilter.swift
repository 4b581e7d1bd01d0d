import Foundation
import VietnameseText

/// Narrows a search, an export or a suggestion to some articles: by outlet, category and date.
/// Applied inside the ranked query (`vrank` skips rows outside it), so totals and pages count only
/// what passes.
public struct SearchFilter: Sendable, Hashable {
    /// Any of these outlets (the input's `source`: NLD, VNE, …), case ignored. Empty: all.
    public var outlets: [String]
    /// Any of these categories, case and accents ignored (`the thao` is `Thể thao`). Empty: all.
    public var categories: [String]
    /// Days `yyyy-mm-dd`, inclusive. An article whose date cannot be read passes neither.
    public var since: String?
    public var until: String?

    public init(outlets: [String] = [], categories: [String] = [], since: String? = nil, until: String? = nil) {
        self.outlets = outlets
        self.categories = categories
        self.since = since
        self.until = until
    }

    public var isEmpty: Bool { outlets.isEmpty && categories.isEmpty && since == nil && until == nil }

    /// A value asked for that no article of the index has: a typo would otherwise read as "0 matches".
    public enum Unmet: Sendable, Hashable, CustomStringConvertible, Encodable {
        /// An outlet or a category as given, and the values the index holds.
        case outlet(String, known: [String])
        case category(String, known: [String])
        /// `--since` or `--until` where no article's date can be read.
        case noDates

        public var description: String {
            func known(_ values: [String]) -> String {
                values.isEmpty ? "the index has none" : "the index has " + values.joined(separator: ", ")
            }
            switch self {
            case .outlet(let value, let values): return "no article has outlet \"\(value)\" (\(known(values)))"
            case .category(let value, let values): return "no article has category \"\(value)\" (\(known(values)))"
            case .noDates: return "no article has a date, so --since and --until admit none"
            }
        }

        private enum CodingKeys: String, CodingKey { case filter, value, known }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(filter, forKey: .filter)
            switch self {
            case .outlet(let value, let known), .category(let value, let known):
                try c.encode(value, forKey: .value)
                try c.encode(known, forKey: .known)
            case .noDates:
                try c.encodeNil(forKey: .value)
                try c.encode([String](), forKey: .known)
            }
        }

        /// The filter it is of: `outlet`, `category` or `date`.
        public var filter: String {
            switch self {
            case .outlet: "outlet"
            case .category: "category"
            case .noDates: "date"
            }
        }
    }

    /// Whether an outlet given names an article's (case ignored), and a category (accents and case ignored).
    static func sameOutlet(_ given: String, _ value: String) -> Bool { given.caseInsensitiveCompare(value) == .orderedSame }
    static func sameCategory(_ given: String, _ value: String) -> Bool { VietnameseText.fold(given) == VietnameseText.fold(value) }

    /// The values of an `articles` column, in order, once each.
    static func distinct(_ column: String, in db: Database) throws -> [String] {
        var values: [String] = []
        let rows = try db.prepare("SELECT DISTINCT \(column) FROM articles WHERE \(column) IS NOT NULL ORDER BY 1")
        while try rows.step() { if let v = rows.text(0) { values.append(v) } }
        return values
    }

    /// What this filter asks for that no article of the index has, in the order given.
    func unmet(in db: Database) throws -> [Unmet] {
        var out: [Unmet] = []
        if !outlets.isEmpty {
            let known = try Self.distinct("outlet", in: db)
            for o in outlets where !known.contains(where: { Self.sameOutlet(o, $0) }) { out.append(.outlet(o, known: known)) }
        }
        if !categories.isEmpty {
            let known = try Self.distinct("category", in: db)
            for c in categories where !known.contains(where: { Self.sameCategory(c, $0) }) { out.append(.category(c, known: known)) }
        }
        if since != nil || until != nil {
            var dated = false
            let dates = try db.prepare("SELECT date FROM articles WHERE date IS NOT NULL")
            while !dated, try dates.step() { dated = dates.text(0).flatMap(ArticleDate.day) != nil }
            if !dated { out.append(.noDates) }
        }
        return out
    }

    /// The passages of the articles this admits, one bit per passage id.
    /// Outlets and categories are decided once per distinct value (a handful), then SQLite picks
    /// the articles; dates, when asked, are read per article.
    func passages(in db: Database) throws -> [UInt64] {
        var bits: [UInt64] = []
        func admitted(_ column: String, _ values: [String], _ same: (String, String) -> Bool) throws -> String? {
            guard !values.isEmpty else { return nil }
            let keep = try Self.distinct(column, in: db).filter { v in values.contains { same($0, v) } }
            return String(decoding: try JSONEncoder().encode(keep), as: UTF8.self)
        }
        let outletList = try admitted("outlet", outlets, Self.sameOutlet)
        let categoryList = try admitted("category", categories, Self.sameCategory)
        let dated = since != nil || until != nil
        let rows = try db.prepare("""
            SELECT passage, paragraph_count, \(dated ? "date" : "NULL") FROM articles
            WHERE (?1 IS NULL OR outlet IN (SELECT value FROM json_each(?1)))
              AND (?2 IS NULL OR category IN (SELECT value FROM json_each(?2)))
            """)
        try rows.bind(outletList.map { .text($0) } ?? .null, categoryList.map { .text($0) } ?? .null)
        while try rows.step() {
            if dated {
                guard let day = rows.text(2).flatMap(ArticleDate.day) else { continue }
                if let since, day < since { continue }
                if let until, day > until { continue }
            }
            let first = Int(rows.int(0)), last = first + Int(rows.int(1))
            guard first >= 0 else { continue }
            if last / 64 >= bits.count { bits += [UInt64](repeating: 0, count: last / 64 + 1 - bits.count) }
            for id in first...last { bits[id >> 6] |= 1 << UInt64(id & 63) }
        }
        return bits
    }

    static func contains(_ bits: [UInt64], _ rowid: Int64) -> Bool {
        let id = Int(rowid)
        return id >= 0 && id >> 6 < bits.count && bits[id >> 6] & (1 << UInt64(id & 63)) != 0
    }
}
