/// Replaces ASCII bytes by strings, working on UTF-8 bytes: iterating Characters (grapheme
/// clusters) made escaping the slowest step of a large export.
struct ByteEscaper {
    private var replacements: [[UInt8]?] = Array(repeating: nil, count: 128)

    init(_ table: [UInt8: String]) {
        for (byte, text) in table { replacements[Int(byte)] = Array(text.utf8) }
    }

    func callAsFunction<S: StringProtocol>(_ s: S) -> String {
        guard s.utf8.contains(where: { $0 < 0x80 && replacements[Int($0)] != nil }) else { return String(s) }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        for b in s.utf8 {
            if b < 0x80, let r = replacements[Int(b)] { out.append(contentsOf: r) } else { out.append(b) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
