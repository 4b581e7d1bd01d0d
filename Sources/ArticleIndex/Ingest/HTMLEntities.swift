/// HTML character references left in scraped text (`Sở GD&amp;ĐT`, `&gt;&gt; Xem tiếp`,
/// `&nbsp;`): decoded as the text is read, as a legacy encoding is converted, so that the index,
/// the results and every export hold the characters the page showed. 1,178 `&amp;` and 938 `&gt;`
/// stood in the shared corpus's text. A reference that is not well formed, or names no character
/// in `named`, stays as written.
enum HTMLEntities {
    /// HTML's named references that news pages use, and the characters they stand for.
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "shy": "\u{AD}",
        "bull": "•", "middot": "·", "hellip": "…", "ndash": "–", "mdash": "—",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»",
        "copy": "©", "reg": "®", "trade": "™", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷",
        "asymp": "≈", "ne": "≠", "le": "≤", "ge": "≥", "frac12": "½", "frac14": "¼", "frac34": "¾",
        "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "sect": "§", "para": "¶", "micro": "µ",
    ]

    /// `text` with its character references decoded; `text` itself when it holds none.
    static func decoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "&", let (scalar, length) = reference(scalars, at: i) {
                out.append(scalar)
                i += length
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// The character of a reference starting at `i` (at its `&`), and its length through `;`.
    private static func reference(_ s: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        var name = ""
        // A name or number: ASCII letters and digits, `#` first for a number; at most 10 of them.
        while j < s.count, j - i <= 10, s[j].isASCII,
              s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) || (s[j] == "#" && j == i + 1) {
            name.unicodeScalars.append(s[j])
            j += 1
        }
        guard j < s.count, s[j] == ";", !name.isEmpty else { return nil }
        let length = j - i + 1
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            // Control characters and surrogates are not text.
            guard let value, value >= 0x20, let scalar = Unicode.Scalar(value) else { return nil }
            return (scalar, length)
        }
        return named[name].map { ($0, length) }
    }
}
