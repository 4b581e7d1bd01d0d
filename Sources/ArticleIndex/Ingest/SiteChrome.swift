import VietnameseText

/// Lines of site navigation that scraped pages leave at the end of an article.
/// Trailing paragraphs that equal one of these (ignoring case, accents and a final colon) are dropped.
enum SiteChrome {
    static let lines: [String] = [
        "Phản hồi",             // feedback form heading
        "Các tin khác",         // list of other stories
        "Tin khác",             // shorter form of the same
        "Mới nhất",             // latest-news box
        "Liên kết website",     // links to other sites
        "Tin liên quan",        // related stories
        "Tin cùng chuyên mục",  // same-section stories
        "Xem tiếp",             // "read on" link
        "Ý kiến của bạn",       // reader comment box
        "Ý kiến bạn đọc",       // reader comments heading
        "Bình luận",            // comments heading
        "Gửi bình luận",        // comment button
        "Gửi ý kiến",           // comment button
        "In bài viết",          // print button
        "Chia sẻ",              // share button
        "Về đầu trang",         // back-to-top link
        "Đọc nhiều nhất",       // most-read box
    ]

    private static let folded: Set<String> = Set(lines.map(VietnameseText.fold))

    static func isChrome(_ paragraph: String) -> Bool {
        paragraph.utf8.count < 64 && folded.contains(VietnameseText.fold(paragraph))
    }

    /// `paragraphs` without its trailing chrome.
    static func trimmed(_ paragraphs: [String]) -> [String] {
        var end = paragraphs.count
        while end > 0 && isChrome(paragraphs[end - 1]) { end -= 1 }
        return Array(paragraphs[..<end])
    }
}
