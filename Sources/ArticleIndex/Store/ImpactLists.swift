import Foundation
import VietnameseText

/// Impact lists: for each exact form the index holds, the passages a one-word search for it ranks
/// first, so that such a search reads a few dozen rows instead of scoring every match (issue #15).
///
/// A one-word search ranks the rows holding the word's exact form (as typed, or its likeliest
/// reading) above all others, and among them by BM25 alone: by how often the folded word is in the
/// row (`tf`, FTS5's instances, a title's counted twice as `vrank` counts them) and by the row's
/// length. So for each tf the form is found with, its list keeps the `capacity` shortest rows
/// (ties: the lower passage id), and a `threshold`: the smallest key (length, id) of a row it left
/// out, or none while it left none out. A row left out is beaten by every kept row of its tf whose
/// key is below the threshold: the same tf in a row no longer scores at least as high, whatever
/// BM25's IDF and average length, which change with every run and are not stored. So a page of
/// `p` rows read from the lists is the page of scoring every match when each tf holds `p` such
/// rows, or the page's last row beats the best a left-out row could score
/// (`Searcher.fromImpactLists`); else the search scores every match, as before. Lists are kept for
/// every form, rare ones whole, so that a run adding articles only offers their rows; a run
/// removing passages drops them from the lists.
///
/// Built on the reading thread (`Tally`: one tokenization per passage, which also gives its
/// length) and the writing thread (`Builder`: passage ids are known there), merged into the stored
/// lists between batches once many rows are held (`Builder.flushIfLarge`) and at the end of a run
/// (`Builder.write`), in the run's last transaction, as `terms` and `forms` are.
enum ImpactLists {
    /// Rows kept for each tf of a form: pages up to this far (`--limit` + `--offset`) can be read here.
    static let capacity = 20

    /// A list entry: the row's length in the high bits, its passage id in the low 40, so that
    /// entries order by (length, id).
    @inline(__always) static func key(length: UInt16, rowid: Int64) -> UInt64 { UInt64(length) << 40 | UInt64(rowid) }
    @inline(__always) static func rowid(_ key: UInt64) -> Int64 { Int64(key & (1 << 40 - 1)) }
    @inline(__always) static func length(_ key: UInt64) -> UInt16 { UInt16(truncatingIfNeeded: key >> 40) }

    /// The level of a pair form (`A B`, `ListedPairs`): both words' tfs in one number, below 256
    /// while both are below 16 (as most are: a builder keeps such rows compactly), else above it.
    /// A tf of 32,768 or more (a passage of over 16,000 tokens) has a level no search reads.
    @inline(__always) static func pairTF(_ a: UInt32, _ b: UInt32) -> UInt32 {
        if a < 16 && b < 16 { return a << 4 | b }
        guard a < 1 << 15 && b < 1 << 15 else { return .max }
        return 256 + (a << 15 | b)
    }

    /// The two tfs of a pair level; nil for the level no search reads.
    static func pairTFs(_ level: UInt32) -> (UInt32, UInt32)? {
        if level < 256 { return (level >> 4, level & 15) }
        guard level != .max else { return nil }
        return ((level - 256) >> 15, (level - 256) & (1 << 15 - 1))
    }

    /// One tf of one form: the rows kept (unsorted while building), and the threshold (`UInt64.max`: none left out).
    struct Level: Equatable {
        var tf: UInt32
        /// Index of the largest key once `keys` is full. (Beside `tf`: a level is 32 bytes, not 40.)
        var worst: Int32 = -1
        var keys: [UInt64] = []
        var threshold = UInt64.max
        /// In a builder, once the stored list of this level is full: its largest key. A row at or
        /// above it cannot enter the list; it is not held, it only lowers the threshold.
        var bar = UInt64.max

        init(tf: UInt32) { self.tf = tf }

        /// Keeps the row if it is among the `capacity` smallest keys offered; else it raises no
        /// claim, and the threshold falls to the smallest key left out.
        /// True when the level grew by one row.
        @discardableResult @inline(__always) mutating func offer(_ key: UInt64) -> Bool {
            if key >= bar {
                threshold = min(threshold, key)
                return false
            }
            if keys.count < ImpactLists.capacity {
                keys.append(key)
                if keys.count == ImpactLists.capacity { findWorst() }
                return true
            }
            if key < keys[Int(worst)] {
                threshold = min(threshold, keys[Int(worst)])
                keys[Int(worst)] = key
                findWorst()
            } else {
                threshold = min(threshold, key)
            }
            return false
        }

        private mutating func findWorst() {
            var w = 0
            for i in 1..<keys.count where keys[i] > keys[w] { w = i }
            worst = Int32(w)
        }

        /// This level and `other` (rows of the same form and tf, from elsewhere) as one.
        mutating func merge(_ other: Level) {
            threshold = min(threshold, other.threshold)
            var all = (keys + other.keys).sorted()
            if all.count > ImpactLists.capacity {
                threshold = min(threshold, all[ImpactLists.capacity])
                all.removeLast(all.count - ImpactLists.capacity)
            }
            keys = all
            worst = -1
        }

        /// Drops the kept rows of `removed` (passage ids): what is left is still every row of the
        /// level below the threshold.
        mutating func remove(_ removed: Set<Int64>) {
            keys.removeAll { removed.contains(ImpactLists.rowid($0)) }
            worst = -1
        }

        /// The kept rows that stand for every row of their tf: those below the threshold.
        var valid: [UInt64] { keys.filter { $0 < threshold } }
    }

    // MARK: - Storage: one blob per form, its levels in tf order.

    /// Per level: tf, the number of rows, the threshold (0 for none, else length + 1 and id),
    /// then the rows in id order, each as the gap from the previous id and its length.
    static func encode(_ levels: [Level]) -> [UInt8] {
        var out: [UInt8] = []
        func varint(_ v: UInt64) { Varint.append(v, to: &out) }
        for level in levels.sorted(by: { $0.tf < $1.tf }) where !level.keys.isEmpty || level.threshold != .max {
            varint(UInt64(level.tf))
            varint(UInt64(level.keys.count))
            if level.threshold == .max {
                varint(0)
            } else {
                varint(UInt64(length(level.threshold)) + 1)
                varint(UInt64(rowid(level.threshold)))
            }
            var last: Int64 = 0
            for k in level.keys.sorted(by: { rowid($0) < rowid($1) }) {
                varint(UInt64(rowid(k) - last))
                varint(UInt64(length(k)))
                last = rowid(k)
            }
        }
        return out
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> [Level]? {
        var reader = Varint.Reader(bytes)
        func varint() -> UInt64? { reader.next() }
        var levels: [Level] = []
        while !reader.atEnd {
            guard let tf = varint(), let n = varint(), let t = varint(), n <= UInt64(capacity), t <= 1 << 16 else { return nil }
            var level = Level(tf: UInt32(truncatingIfNeeded: tf))
            if t > 0 {
                guard let id = varint(), id < 1 << 40 else { return nil }
                level.threshold = key(length: UInt16(t - 1), rowid: Int64(id))
            }
            var last: UInt64 = 0
            for _ in 0..<n {
                guard let gap = varint(), let length = varint(), length < 1 << 16, last + gap < 1 << 40 else { return nil }
                last += gap
                level.keys.append(key(length: UInt16(length), rowid: Int64(last)))
            }
            level.keys.sort()
            levels.append(level)
        }
        return levels
    }
}

extension ImpactLists {
    /// On the reading thread: each passage's length and, for each exact form it holds, its folded
    /// word's tf there. Forms get ids in the order first seen; those new since the last article go
    /// with it (`ArticleTally.newForms`), so that the writing thread numbers them alike.
    final class Tally {
        private let tokenizer = StoredTokenizer()
        private let ids = FormIDs()
        private var tf: [UInt32] = []
        private var stamp: [UInt32] = []
        private var round: UInt32 = 0
        private var touched: [Int32] = []
        private var held: [(exact: Int32, folded: Int32)] = []
        private var newForms: [[UInt8]] = []
        /// For each form id: its number among `PairCounts.words`, or -1.
        private var listed: [Int16] = []
        private var pairFinder = PairCounts.Finder()

        /// The bytes of a form this tally numbered.
        func form(_ id: Int32) -> [UInt8] { ids.bytes(id) }

        @inline(__always) private func id(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
            let (id, isNew) = ids.id(bytes)
            if isNew {
                newForms.append(Array(bytes))
                tf.append(0)
                stamp.append(0)
                let number = PairCounts.numbers[String(decoding: bytes, as: UTF8.self)] ?? -1
                listed.append(Int16(number))
                if number >= 0 { wordForm[number] = id }
            }
            return id
        }

        /// The passage's length (FTS5's, as `PassageLengths.count` gives it), its entries (exact
        /// form id in the high 32 bits, tf in the low) and its `PairCounts` pairs. `weight` is 2 for a title.
        func passage(_ text: String, weight: UInt32) -> (length: UInt16, entries: [UInt64], pairs: [UInt32]) {
            var positions = 0
            touched.removeAll(keepingCapacity: true)
            held.removeAll(keepingCapacity: true)
            tokenizer.tokenize(text, exactForms: true) { s in
                if s.kind.takesPosition { positions += 1 }
                guard s.kind != .boundary else {
                    pairFinder.token(nil, takesPosition: true)
                    return true
                }
                let f = id(s.bytes)
                let number = listed[Int(f)]
                pairFinder.token(number >= 0 ? Int(number) : nil, takesPosition: s.kind.takesPosition)
                if tf[Int(f)] == 0 { touched.append(f) }
                tf[Int(f)] &+= weight
                // An unmarked word's exact form is its folded form: one look-up.
                if s.kind == .word || s.kind == .part { held.append((s.isMarked ? id(s.exact) : f, f)) }
                return true
            }
            round &+= 1
            var entries: [UInt64] = []
            let pairs = pairFinder.finish()
            entries.reserveCapacity(held.count + pairs.count)
            for (e, f) in held where stamp[Int(e)] != round {
                stamp[Int(e)] = round
                entries.append(UInt64(UInt32(e)) << 32 | UInt64(tf[Int(f)]))
            }
            for key in pairs where ListedPairs.isListed(key) {
                let n = ListedPairs.numbers[key]!
                var form = pairForms[n]
                if form < 0 { form = pairForm(key, n) }
                let a = Int(key) / PairCounts.size, b = Int(key) % PairCounts.size
                entries.append(UInt64(UInt32(form)) << 32 | UInt64(ImpactLists.pairTF(tf[Int(wordForm[a])], tf[Int(wordForm[b])])))
            }
            for f in touched { tf[Int(f)] = 0 }
            return (UInt16(clamping: max(1, positions)), entries, pairs)
        }

        /// The form id of each listed word (`PairCounts.words`), once seen; and by number in
        /// `ListedPairs`, of each listed pair's form (`viet nam`), once seen (-1 before).
        private var wordForm = [Int32](repeating: -1, count: PairCounts.size)
        private var pairForms = [Int32](repeating: -1, count: ListedPairs.count)

        /// The id of the form of listed pair `key`, number `n`: its two folded words and a space between.
        private func pairForm(_ key: UInt32, _ n: Int) -> Int32 {
            let text = ListedPairs.listForm(PairCounts.words[Int(key) / PairCounts.size], PairCounts.words[Int(key) % PairCounts.size])
            let form = Array(text.utf8).withUnsafeBufferPointer { id($0) }
            pairForms[n] = form
            return form
        }

        /// An article's title and paragraphs, and the forms first seen in them.
        func article(_ a: Article) -> (lengths: [UInt16], tally: ArticleTally) {
            var lengths: [UInt16] = [], entries: [[UInt64]] = [], pairs: [[UInt32]] = []
            lengths.reserveCapacity(a.paragraphs.count + 1)
            entries.reserveCapacity(a.paragraphs.count + 1)
            pairs.reserveCapacity(a.paragraphs.count + 1)
            let title = passage(a.title, weight: 2)
            lengths.append(title.length)
            entries.append(title.entries)
            pairs.append(title.pairs)
            for p in a.paragraphs {
                let r = passage(p, weight: 1)
                lengths.append(r.length)
                entries.append(r.entries)
                pairs.append(r.pairs)
            }
            defer { newForms.removeAll() }
            return (lengths, ArticleTally(entries: entries, newForms: newForms, pairs: pairs))
        }
    }

    /// What `Tally` says of one article: entries by passage (title first), and the forms it named first.
    struct ArticleTally: Sendable {
        var entries: [[UInt64]]
        var newForms: [[UInt8]]
        /// The `PairCounts` pairs of each passage (title first).
        var pairs: [[UInt32]] = []
    }
}

extension ImpactLists {
    /// On the writing thread: the run's rows by form and tf, and the passages it removed; merged
    /// into the stored lists at the end of the run.
    final class Builder {
        /// Forms by id, as the reading thread numbered them, and their rows this run.
        private var forms: [[UInt8]] = []
        private var rows: [FormRows] = []
        /// A form's rows: while few, in one array (tf in the top byte, then the entry's key);
        /// past `fewest`, by tf. Most forms are rare: one small array each keeps the run's memory flat.
        private struct FormRows {
            var few: [UInt64] = []
            var levels: [Level] = []

            static let fewest = 24

            static let keyMask: UInt64 = 1 << 56 - 1

            /// Returns how many rows it holds more (or fewer, when it sorts its few rows by tf).
            mutating func offer(tf: UInt32, _ key: UInt64) -> Int {
                var change = 0
                if levels.isEmpty {
                    if tf < 256 {
                        few.append(UInt64(tf) << 56 | key)
                        if few.count <= Self.fewest { return 1 }
                        return 1 + promote()
                    }
                    change = promote()
                }
                return change + (offerToLevel(tf, key) ? 1 : 0)
            }

            private mutating func promote() -> Int {
                let packed = few
                few = []
                var kept = 0
                for p in packed where offerToLevel(UInt32(p >> 56), p & Self.keyMask) { kept += 1 }
                return kept - packed.count
            }

            private mutating func offerToLevel(_ tf: UInt32, _ key: UInt64) -> Bool {
                if let i = levels.firstIndex(where: { $0.tf == tf }) { return levels[i].offer(key) }
                var level = Level(tf: tf)
                level.offer(key)
                levels.append(level)
                return true
            }

            /// The rows by tf: the few sorted into levels as `promote` does.
            var all: [Level] {
                var copy = self
                _ = copy.promote()
                return copy.levels
            }
        }
        private var removed = Set<Int64>()
        /// Rows whose forms the reading thread did not number (an article it took for unchanged),
        /// tallied here by form.
        private var extra: [[UInt8]: [UInt32: Level]] = [:]
        private var extraTally: Tally?

        func register(_ newForms: [[UInt8]]) { forms += newForms }

        /// The rows of an article's passages, the first of which (its title) has passage id `first`.
        func add(_ tally: ArticleTally, lengths: [UInt16], first: Int64, titleIsPassage: Bool) {
            // Grown once, then offered to through one buffer: no access to the class's array per row.
            let top = tally.entries.lazy.flatMap { $0 }.map { Int($0 >> 32) }.max() ?? -1
            if top >= rows.count { rows += repeatElement(FormRows(), count: top + 1 - rows.count) }
            var added = 0
            rows.withUnsafeMutableBufferPointer { rows in
                for (i, entries) in tally.entries.enumerated() where i > 0 || titleIsPassage {
                    let key = ImpactLists.key(length: i < lengths.count ? lengths[i] : 0, rowid: first + Int64(i))
                    for e in entries { added += rows[Int(e >> 32)].offer(tf: UInt32(truncatingIfNeeded: e), key) }
                }
            }
            held += added
        }

        /// The same for an article the reading thread left untallied, tokenized here; returns the
        /// `PairCounts` pairs of the passages it indexes.
        @discardableResult
        func add(_ article: Article, lengths: [UInt16], first: Int64) -> [[UInt32]] {
            let tally = extraTally ?? Tally()
            extraTally = tally
            let texts = [article.title] + article.paragraphs
            var pairs: [[UInt32]] = []
            for (i, text) in texts.enumerated() where i > 0 || article.titleIsPassage {
                let r = tally.passage(text, weight: i == 0 ? 2 : 1)
                pairs.append(r.pairs)
                let key = ImpactLists.key(length: i < lengths.count ? lengths[i] : r.length, rowid: first + Int64(i))
                // The local tally numbers forms its own way: they are kept by their bytes.
                for e in r.entries {
                    let tf = UInt32(truncatingIfNeeded: e)
                    extra[tally.form(Int32(truncatingIfNeeded: e >> 32)), default: [:]][tf, default: Level(tf: tf)].offer(key)
                }
            }
            return pairs
        }

        /// Rows held in memory; past `budget`, `flushIfLarge` writes them to the index.
        private var held = 0
        /// About 20 MB of rows (their arrays included); holding the whole run took 45 MB for the corpus
        /// before the listed pairs. Fewer merges, a faster run: the corpus indexed in 75 s at
        /// 1,000,000 rows (120 MB peak), 85 s at 400,000 (108 MB), 95–104 s at 150,000 (102 MB).
        var budget = 1_000_000

        /// Between batches: merges the rows held so far into the stored lists when they are many,
        /// so that a run's memory does not grow with its input (most forms are rare, and each holds
        /// its rows until the end otherwise). The lists are not complete until `write`.
        func flushIfLarge(_ db: Database) throws {
            guard held > budget else { return }
            try merge(db)
        }

        /// A passage removed from the index (an article replaced or pruned).
        func remove(_ rowid: Int64) { removed.insert(rowid) }

        var isEmpty: Bool { rows.isEmpty && removed.isEmpty && extra.isEmpty }

        /// Merges the run into the stored lists, inside the caller's transaction.
        func write(_ db: Database) throws {
            try merge(db)
            guard !removed.isEmpty else { return }
            // Removed rows of forms this run did not touch: every stored list is read.
            let write = try db.prepare("INSERT OR REPLACE INTO impact(form, data) VALUES (?, ?)")
            let all = try db.prepare("SELECT form, data FROM impact")
            var changed: [(String, [UInt8])] = []
            while try all.step() {
                guard let form = all.text(0), !merged.contains(form),
                      var levels = all.blob(1).withUnsafeBytes({ ImpactLists.decode($0) }) else { continue }
                let before = levels.reduce(0) { $0 + $1.keys.count }
                for i in levels.indices { levels[i].remove(removed) }
                if levels.reduce(0, { $0 + $1.keys.count }) != before { changed.append((form, ImpactLists.encode(levels))) }
            }
            for (form, data) in changed {
                try write.bind(.text(form))
                try data.withUnsafeBytes { try write.bindBlob(2, $0) }
                while try write.step() {}
            }
            removed = []
            merged = []
        }

        /// The forms whose stored lists this run has merged into (removed rows already dropped).
        private var merged = Set<String>()

        /// Merges the rows held into the stored lists and lets them go.
        private func merge(_ db: Database) throws {
            merged = []
            let read = try db.prepare("SELECT data FROM impact WHERE form = ?")
            let write = try db.prepare("INSERT OR REPLACE INTO impact(form, data) VALUES (?, ?)")
            func store(_ form: String, _ data: [UInt8]) throws {
                try write.bind(.text(form))
                try data.withUnsafeBytes { try write.bindBlob(2, $0) }
                while try write.step() {}
            }
            /// Merges the form's new rows into its stored list; returns the stored list's full levels
            /// as bars (`Level.bar`), which its next rows are offered to instead of being held.
            func merge(_ bytes: [UInt8], _ new: [Level]) throws -> [Level] {
                let form = String(decoding: bytes, as: UTF8.self)
                var stored: [Level] = []
                try read.bind(.text(form))
                if try read.step() { stored = read.blob(0).withUnsafeBytes { ImpactLists.decode($0) } ?? [] }
                read.reset()
                var merged: [UInt32: Level] = [:]
                for var level in stored {
                    if !removed.isEmpty { level.remove(removed) }
                    merged[level.tf] = level
                }
                for level in new {
                    if merged[level.tf] == nil { merged[level.tf] = Level(tf: level.tf) }
                    merged[level.tf]!.merge(level)
                }
                try store(form, ImpactLists.encode(Array(merged.values)))
                self.merged.insert(form)
                return merged.values.compactMap { level in
                    guard level.keys.count >= ImpactLists.capacity, let last = level.keys.max() else { return nil }
                    var bar = Level(tf: level.tf)
                    bar.bar = last
                    return bar
                }
            }
            // Form by form, each form's rows let go once written: no second copy of the run's rows.
            for id in rows.indices where id < forms.count {
                let new = rows[id].all + (extra.removeValue(forKey: forms[id])?.values.map { $0 } ?? [])
                rows[id] = FormRows()
                // A listed pair's full levels stay as bars: most of its next rows are not held, and the
                // next merge does not take the whole budget to fill them again (a pair's form has a
                // space; most one-word forms are rare, and bars for them would only take memory).
                let isPair = forms[id].contains(0x20)
                if new.contains(where: { !$0.keys.isEmpty || $0.threshold != .max }) {
                    let bars = try merge(forms[id], new)
                    if isPair { rows[id].levels = bars }
                } else if isPair {
                    rows[id].levels = new
                }
            }
            for (form, more) in extra { _ = try merge(form, Array(more.values)) }
            extra = [:]
            held = 0
        }
    }
}
