import ArticleIndex
import Foundation

/// The HTML of the search page and the article page, in Vietnamese. Every text from the archive
/// or the request is escaped (`escape`); scripts and styles come from `/app.js` and `/style.css`,
/// so the Content-Security-Policy can forbid inline ones.
enum Page {
    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters from the archive would make the page invalid XML-ish text; show their symbols.
                if c.value < 0x20 && c != "\n" && c != "\t" { out.unicodeScalars.append(Unicode.Scalar(0x2400 + c.value)!) } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// `text` escaped, with the byte ranges wrapped in `<mark>`.
    static func marked(_ text: String, _ ranges: [Range<Int>]) -> String {
        MatchMarks.wrap(text, ranges, open: "<mark>", close: "</mark>", escape: { escape(String($0)) })
    }

    /// A query string for links, from parameters (empty values left out).
    static func link(_ path: String, _ pairs: [(String, String?)]) -> String {
        var components = URLComponents()
        components.path = path
        let items = pairs.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : URLQueryItem(name: name, value: $0) } }
        components.queryItems = items.isEmpty ? nil : items
        // `+` stays as it is in a query item; encode it so that it is not read as a space.
        return (components.string ?? path).replacingOccurrences(of: "+", with: "%2B")
    }

    /// The parameters of the current search, for links that keep them.
    static func state(_ p: SearchParameters) -> [(String, String?)] {
        let f = p.options.filter
        return [("q", p.query), ("strict", p.options.strict ? "1" : nil), ("any", p.options.any ? "1" : nil),
                ("outlet", f.outlets.joined(separator: ",")), ("category", f.categories.joined(separator: ",")),
                ("since", f.since), ("until", f.until), ("per_article", p.options.perArticle.map(String.init)),
                ("sort", p.options.sort == .date ? "date" : nil)]
    }

    static func head(_ title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <link rel="stylesheet" href="/style.css">
        <script src="/app.js" defer></script>
        </head>
        <body>
        """
    }

    static func search(_ p: SearchParameters, response: SearchResponse?, error: String?,
                       unmet: [SearchFilter.Unmet] = []) -> String {
        let o = p.options, f = o.filter
        var html = head(p.query.map { "\($0) · VietSearch" } ?? "VietSearch: tìm kiếm tin tức")
        html += """
            <header><a class="brand" href="/">VietSearch</a></header>
            <main>
            <form id="search" action="/" method="get" role="search">
            <div class="box"><input id="q" name="q" type="search" value="\(escape(p.query ?? ""))" maxlength="\(SearchParameters.maxQueryLength)" placeholder="Tìm: nông thôn mới, nong thon moi, TP.HCM…" aria-label="Từ khóa" autofocus>
            <button type="submit">Tìm</button></div>
            <details\(f.isEmpty && !o.strict && !o.any && o.sort == .relevance ? "" : " open")><summary>Tùy chọn</summary>
            <div class="filters">
            <label><input type="checkbox" name="strict" value="1"\(o.strict ? " checked" : "")> Đúng dấu như gõ</label>
            <label><input type="checkbox" name="any" value="1"\(o.any ? " checked" : "")> Bất kỳ từ nào (câu hỏi)</label>
            <label>Báo <input name="outlet" value="\(escape(f.outlets.joined(separator: ",")))" placeholder="VNE, NLD"></label>
            <label>Chuyên mục <input name="category" value="\(escape(f.categories.joined(separator: ",")))" placeholder="the thao"></label>
            <label>Từ ngày <input name="since" value="\(escape(f.since ?? ""))" placeholder="2006-03-15"></label>
            <label>Đến ngày <input name="until" value="\(escape(f.until ?? ""))" placeholder="15/03/2006"></label>
            <label>Sắp xếp <select name="sort"><option value="relevance"\(o.sort == .relevance ? " selected" : "")>Liên quan nhất</option><option value="date"\(o.sort == .date ? " selected" : "")>Mới nhất</option></select></label>
            </div></details>
            </form>
            <div id="results" aria-live="polite">
            """
        if let error {
            html += "<p class=\"error\">\(escape(error))</p>"
        } else if let response {
            html += unmet.map { "<p class=\"hint unmet\">\(escape(notice($0)))</p>" }.joined()
            html += results(p, response)
        }
        html += "</div></main></body></html>\n"
        return html
    }

    /// A filter value no article has, said in the page's language (the script says it alike).
    static func notice(_ u: SearchFilter.Unmet) -> String {
        func known(_ values: [String]) -> String { values.isEmpty ? "" : " (chỉ mục có: \(values.joined(separator: ", ")))" }
        switch u {
        case .outlet(let value, let values): return "Không có bài nào của báo “\(value)”\(known(values))"
        case .category(let value, let values): return "Không có bài nào thuộc chuyên mục “\(value)”\(known(values))"
        case .noDates: return "Không bài nào có ngày, nên lọc theo ngày không giữ bài nào"
        }
    }

    static func results(_ p: SearchParameters, _ r: SearchResponse) -> String {
        var html = "<p class=\"count\">"
        // Lower bounds say so: "ít nhất" (at least).
        func about(_ lowerBound: Bool) -> String { lowerBound ? "ít nhất " : "" }
        if let exact = r.exactTotal, let anyTone = r.anyToneTotal, exact != anyTone {
            html += "\(about(r.exactTotalIsLowerBound))\(grouped(exact)) kết quả đúng dấu cho <b>\(escape(r.query))</b> "
                + "(\(about(r.anyToneTotalIsLowerBound))\(grouped(anyTone)) kể cả dấu khác)"
        } else {
            html += "\(about(r.totalIsLowerBound))\(grouped(r.total)) kết quả cho <b>\(escape(r.query))</b>"
        }
        html += " · \(String(format: "%.1f", r.seconds * 1000)) ms</p>"
        if let reading = r.reading, reading.unicodeScalars.contains(where: { !$0.isASCII }), !p.options.any {
            html += "<p class=\"hint\">Thường viết là <a href=\"\(escape(link("/", [("q", reading), ("strict", "1")])))\">\(escape(reading))</a></p>"
        }
        if !r.results.isEmpty {
            html += "<p class=\"exports\">Tải về: " + ["csv", "html", "markdown", "jsonl"].map { format in
                "<a href=\"\(escape(link("/api/export", state(p) + [("format", format)])))\" download>\(format.uppercased())</a>"
            }.joined(separator: " · ") + "</p>"
        }
        html += "<ol class=\"hits\" start=\"\(p.options.offset + 1)\">"
        for hit in r.results {
            let a = hit.article
            let place = hit.paragraph == 0 ? "tiêu đề" : "đoạn \(hit.paragraph)"
            let href = link("/article", [("id", a.id), ("p", String(hit.paragraph)), ("q", r.query),
                                         ("strict", p.options.strict ? "1" : nil), ("any", p.options.any ? "1" : nil)])
                + "#p\(hit.paragraph)"
            html += "<li><a class=\"title\" href=\"\(escape(href))\">\(escape(a.title.count > 120 ? a.title.prefix(120) + "…" : a.title))</a>"
            let meta = [a.outlet, a.date, a.category, place].compactMap { $0 }.map(escape).joined(separator: " · ")
            html += "<div class=\"meta\">\(meta)</div>"
            html += "<p class=\"snippet\">\(marked(hit.snippet, hit.snippetHighlights))</p></li>"
        }
        html += "</ol>"
        // Pagination: previous and next pages of the same search.
        let o = p.options
        var pages: [String] = []
        if o.offset > 0 {
            let previous = max(0, o.offset - o.limit)
            pages.append("<a rel=\"prev\" href=\"\(escape(link("/", state(p) + [("offset", previous > 0 ? String(previous) : nil), ("limit", o.limit == 10 ? nil : String(o.limit))])))\">← Trước</a>")
        }
        if o.offset + r.results.count < r.total && o.offset + o.limit <= SearchParameters.maxOffset {
            pages.append("<a rel=\"next\" href=\"\(escape(link("/", state(p) + [("offset", String(o.offset + o.limit)), ("limit", o.limit == 10 ? nil : String(o.limit))])))\">Sau →</a>")
        }
        if !pages.isEmpty { html += "<nav class=\"pages\">" + pages.joined(separator: " ") + "</nav>" }
        return html
    }

    static func article(_ info: ArticleInfo, paragraphs: [String], title marks: [Range<Int>], marks paragraphMarks: [[Range<Int>]],
                        focus: Int?, back: String) -> String {
        var html = head("\(info.title) · VietSearch")
        html += "<header><a class=\"brand\" href=\"/\">VietSearch</a> <a href=\"\(escape(back))\">← Kết quả</a></header><main><article>"
        html += "<h1 id=\"p0\"\(focus == 0 ? " class=\"focus\"" : "")>\(marked(info.title, marks))</h1>"
        let meta = [info.outlet, info.date, info.category].compactMap { $0 }.map(escape).joined(separator: " · ")
        html += "<div class=\"meta\">\(meta)"
        if let url = info.url, url.hasPrefix("http://") || url.hasPrefix("https://") {
            html += " · <a href=\"\(escape(url))\" rel=\"noreferrer noopener\">nguồn</a>"
        }
        html += "</div>"
        for (i, text) in paragraphs.enumerated() {
            let n = i + 1
            html += "<p id=\"p\(n)\"\(focus == n ? " class=\"focus\"" : "")><span class=\"num\">\(n)</span> \(marked(text, i < paragraphMarks.count ? paragraphMarks[i] : []))</p>"
        }
        html += "</article></main></body></html>\n"
        return html
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "." }
            out.append(c)
        }
        return out
    }
}
