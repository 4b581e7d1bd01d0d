import Foundation

/// The best rows by key (higher first, then lower rowid), as vrank sees them. The key is the
/// row's score, or with `--sort date` its article's day, the score then riding along. Keeping
/// `capacity` rows in a heap replaced an SQL `ORDER BY score DESC LIMIT n`, whose sorter cost
/// about a tenth of a query matching 100,000 rows; with no capacity it keeps every row.
final class BestRows {
    private var heap: [(key: Double, rowid: Int64, score: Double)] = []
    private let capacity: Int?
    /// The worst row kept, once the heap is full: a row that does not beat it is dropped at once.
    private(set) var floor: (score: Double, rowid: Int64)?

    init(capacity: Int?) {
        self.capacity = capacity.map { max(0, $0) }
        if let capacity { heap.reserveCapacity(max(0, capacity)) }
    }

    @inline(__always) static func beats(_ a: (score: Double, rowid: Int64), _ b: (score: Double, rowid: Int64)) -> Bool {
        a.score > b.score || (a.score == b.score && a.rowid < b.rowid)
    }

    @inline(__always) private static func beats(_ a: (key: Double, rowid: Int64, score: Double),
                                                _ b: (key: Double, rowid: Int64, score: Double)) -> Bool {
        a.key > b.key || (a.key == b.key && a.rowid < b.rowid)
    }

    /// Offers a row ranked by its score.
    func offer(_ score: Double, _ rowid: Int64) { offer(key: score, rowid, score: score) }

    /// Offers a row ranked by `key`, carrying `score`.
    func offer(key: Double, _ rowid: Int64, score: Double) {
        let row = (key: key, rowid: rowid, score: score)
        if let floor, !Self.beats((key, rowid), floor) { return }
        guard let capacity else { heap.append(row); return }
        guard capacity > 0 else { return }
        if heap.count < capacity {
            // Sift up: the root is the worst row.
            heap.append(row)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard Self.beats(heap[parent], heap[i]) else { break }
                heap.swapAt(parent, i)
                i = parent
            }
        } else {
            heap[0] = row
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count && Self.beats(heap[worst], heap[l]) { worst = l }
                if r < heap.count && Self.beats(heap[worst], heap[r]) { worst = r }
                if worst == i { break }
                heap.swapAt(i, worst)
                i = worst
            }
        }
        if heap.count == capacity { floor = (heap[0].key, heap[0].rowid) }
    }

    /// The rows kept, best first, with their scores.
    func sorted() -> [(score: Double, rowid: Int64)] {
        heap.sorted(by: Self.beats).map { ($0.score, $0.rowid) }
    }
}
