import Foundation

/// Reads the dates of news inputs: ISO (`2006-03-15`, `2006-03-15T08:30:00+07:00`) and the
/// day-first forms of Vietnamese sites (`15/03/2006`, `15-3-2006`, `15.03.2006`, with a weekday
/// or a time around them: `Thứ tư, 15/03/2006, 08:30`).
public enum ArticleDate {
    /// The day as `yyyy-mm-dd`, or nil when `text` holds no date in those forms.
    public static func day(_ text: String) -> String? {
        // Runs of digits and the single separator after each.
        var runs: [(digits: String, separator: Character?)] = []
        var current = ""
        for c in text {
            if c.isASCII && c.isNumber {
                current.append(c)
            } else {
                if !current.isEmpty { runs.append((current, c)); current = "" } else if !runs.isEmpty { runs[runs.count - 1].separator = nil }
            }
        }
        if !current.isEmpty { runs.append((current, nil)) }
        guard runs.count >= 3 else { return nil }
        for i in 0...(runs.count - 3) {
            let a = runs[i], b = runs[i + 1], c = runs[i + 2]
            guard let s1 = a.separator, let s2 = b.separator, s1 == s2, "-/.".contains(s1) else { continue }
            var y = 0, m = 0, d = 0
            if a.digits.count == 4 && b.digits.count <= 2 && c.digits.count <= 2 {
                (y, m, d) = (Int(a.digits)!, Int(b.digits)!, Int(c.digits)!)
            } else if a.digits.count <= 2 && b.digits.count <= 2 && c.digits.count == 4 {
                (y, m, d) = (Int(c.digits)!, Int(b.digits)!, Int(a.digits)!)
            } else {
                continue
            }
            guard (1...12).contains(m), (1...31).contains(d), (1000...9999).contains(y) else { continue }
            return String(y) + "-" + (m < 10 ? "0" : "") + String(m) + "-" + (d < 10 ? "0" : "") + String(d)
        }
        return nil
    }
}
