import Foundation

/// The day of each passage's article, by passage id, as the number `yyyymmdd` (0 when the article
/// has no date `ArticleDate` can read): what `--sort date` orders by. Read in one pass over the
/// articles table (70–110 ms for the 72,950 of the corpus) and kept by the searcher until the
/// index changes; 4 bytes a passage.
enum PassageDays {
    static func load(_ db: Database) throws -> UnsafeMutableBufferPointer<Int32> {
        let count = Int(try db.scalar(Searcher.passageCountSQL)) + 1
        let days = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
        days.initialize(repeating: 0)
        let rows = try db.prepare("SELECT passage, paragraph_count, date FROM articles WHERE date IS NOT NULL")
        while try rows.step() {
            guard let day = rows.text(2).flatMap(ArticleDate.day), let key = Int32(day.replacingOccurrences(of: "-", with: "")) else { continue }
            let first = Int(rows.int(0)), last = min(count - 1, first + Int(rows.int(1)))
            guard first >= 0, first <= last else { continue }
            for id in first...last { days[id] = key }
        }
        return days
    }
}
