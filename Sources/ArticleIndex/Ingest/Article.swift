/// One article as read from an input, before it is indexed.
public struct Article: Sendable, Equatable {
    /// The stable id: the JSON `id`, or the path of a `.txt` file.
    public var key: String
    public var title: String
    public var paragraphs: [String]
    /// Where a reader finds it: the URL when the input gives one, else the file (and line).
    public var source: String
    public var url: String?
    public var date: String?
    public var category: String?
    public var outlet: String?
    /// The input file it came from; `--prune` removes articles whose origin is gone.
    public var origin: String
    /// False when the title is no text of its own: derived from the first paragraph (the input had
    /// none) or equal to it. It is then shown, but not indexed as a passage, so that search and
    /// export never give the same text of one article twice.
    public var titleIsPassage: Bool
    /// Where in the input it was read (`file:line` for JSON lines, the path for a .txt), for messages.
    public var location: String

    public init(key: String, title: String, paragraphs: [String], source: String, url: String? = nil,
                date: String? = nil, category: String? = nil, outlet: String? = nil, origin: String,
                titleIsDerived: Bool = false, location: String? = nil) {
        self.titleIsPassage = !titleIsDerived && title != paragraphs.first
        self.location = location ?? source
        self.key = key
        self.title = title
        self.paragraphs = paragraphs
        self.source = source
        self.url = url
        self.date = date
        self.category = category
        self.outlet = outlet
        self.origin = origin
    }

    /// A 64-bit FNV-1a hash of everything that is stored, in hex: equal hashes mean nothing to re-index.
    public var contentHash: String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ s: String?) {
            for b in (s ?? "\u{0}").utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
            h = (h ^ 0x1F) &* 0x100_0000_01B3
        }
        [title, source, url, date, category, outlet, titleIsPassage ? nil : "derived"].forEach(mix)
        paragraphs.forEach(mix)
        return String(h, radix: 16)
    }
}
