/// The keys of the `meta` table, and how they are read and written.
enum MetaKey: String, CaseIterable {
    /// `VietnameseTokenizer.version` the index was built with.
    case tokenizer
    /// When the index was created (ISO 8601).
    case created
    /// How many distinct folded words the index holds (`DocumentFrequencies.rebuild`).
    case terms
    /// When the last index run ended (ISO 8601).
    case lastIndexed = "last_indexed"
    /// The largest passage id when the impact lists were last written whole (`ImpactLists`):
    /// absent when they are not complete, and stale once passages were added since.
    case impactRows = "impact_rows"
    /// The largest passage id when the pair counts were last written (`PairCounts`): absent
    /// before they were first counted, and stale once passages were added since.
    case pairRows = "pair_rows"

    func read(in db: Database) throws -> String? {
        try db.text("SELECT value FROM meta WHERE key = ?", .text(rawValue))
    }

    func write(_ value: String, in db: Database) throws {
        try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)").run(.text(rawValue), .text(value))
    }
}
