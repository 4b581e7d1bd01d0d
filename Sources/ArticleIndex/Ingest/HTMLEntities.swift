/// HTML left in scraped text: character references (`Sở GD&amp;ĐT`, `&gt;&gt; Xem tiếp`,
/// `&nbsp;`) are decoded and tags (`<P>`, `<td width="473">`) dropped as the text is read, as a
/// legacy encoding is converted, so that the index, the results and every export hold what the page
/// showed. 1,178 `&amp;` and 938 `&gt;` stood in the shared corpus's text. A reference that is not
/// well formed, or names no character in `named`, stays as written; so does a `<` that opens no
/// tag of a known element.
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

    /// HTML elements whose tags scraped pages leave in the text (`<P>`, `<td width="473">`,
    /// `</TABLE>`; 423 lines of the corpus). An inline element's tag is dropped; any other's stands
    /// for a space, so that the words of two cells do not run together.
    static let inline: Set<String> = ["a", "b", "i", "u", "em", "strong", "span", "font", "sup", "sub", "small", "big"]
    static let block: Set<String> = ["p", "br", "div", "table", "tbody", "thead", "tr", "td", "th", "img", "ul", "ol",
                                     "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "center", "blockquote"]

    /// `text` without HTML tags and with its character references decoded (a `&lt;p&gt;` the page
    /// showed as text stays `<p>`); `text` itself when it holds neither.
    static func decoded(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(UInt8(ascii: "&")) || utf8.contains(UInt8(ascii: "<")) else { return text }
        return references(withoutTags(text))
    }

    /// `text` without the tags of `inline` and `block` elements: `<name`, then ` `, `/` or `>`,
    /// then anything but `<` up to the first `>` (at most 1,000 characters). Other `<` stay.
    static func withoutTags(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "<")) else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            guard s[i] == "<" else { out.append(s[i]); i += 1; continue }
            var j = i + 1
            if j < s.count && s[j] == "/" { j += 1 }
            var name = ""
            while j < s.count, isNameScalar(s[j]), name.count < 10 {
                name.unicodeScalars.append(s[j])
                j += 1
            }
            name = name.lowercased()
            var end = j
            while end < s.count, end - i < 1_000, s[end] != ">", s[end] != "<" { end += 1 }
            let known = inline.contains(name) || block.contains(name)
            guard known, j < s.count, s[j] == " " || s[j] == "/" || s[j] == ">" || s[j] == "\t", end < s.count, s[end] == ">" else {
                out.append(s[i])
                i += 1
                continue
            }
            if block.contains(name), let last = out.last, !last.properties.isWhitespace,
               end + 1 < s.count, !s[end + 1].properties.isWhitespace {
                out.append(" ")
            }
            i = end + 1
        }
        return String(out)
    }

    /// An ASCII letter or digit: what the name of a tag or a reference is made of.
    private static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c))
    }

    /// `text` with its character references decoded.
    static func references(_ text: String) -> String {
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
        while j < s.count, j - i <= 10, isNameScalar(s[j]) || (s[j] == "#" && j == i + 1) {
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
