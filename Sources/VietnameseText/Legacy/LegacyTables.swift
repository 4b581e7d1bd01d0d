/// Conversion tables of the pre-Unicode Vietnamese encodings, one line per entry.
/// Sources: TCVN 5712:1993 (VN3, "ABC"), the VNI-Windows font layout, RFC 1456 (VIQR) and
/// Microsoft's Windows-1258 code page. Each entry maps the legacy spelling, written as the
/// Windows-1252 characters its bytes show as, to the Unicode letter.
enum LegacyTables {
    /// TCVN3: one byte per letter. Capital letters with tones do not exist in TCVN3 (they were the
    /// same codes shown in a capitals font), so they read as small letters.
    static let tcvn3: [(String, String)] = [
        ("\u{B8}", "á"), ("\u{B5}", "à"), ("\u{B6}", "ả"), ("\u{B7}", "ã"), ("\u{B9}", "ạ"),
        ("\u{A8}", "ă"), ("\u{BE}", "ắ"), ("\u{BB}", "ằ"), ("\u{BC}", "ẳ"), ("\u{BD}", "ẵ"), ("\u{C6}", "ặ"),
        ("\u{A9}", "â"), ("\u{CA}", "ấ"), ("\u{C7}", "ầ"), ("\u{C8}", "ẩ"), ("\u{C9}", "ẫ"), ("\u{CB}", "ậ"),
        ("\u{D0}", "é"), ("\u{CC}", "è"), ("\u{CE}", "ẻ"), ("\u{CF}", "ẽ"), ("\u{D1}", "ẹ"),
        ("\u{AA}", "ê"), ("\u{D5}", "ế"), ("\u{D2}", "ề"), ("\u{D3}", "ể"), ("\u{D4}", "ễ"), ("\u{D6}", "ệ"),
        ("\u{DD}", "í"), ("\u{D7}", "ì"), ("\u{D8}", "ỉ"), ("\u{DC}", "ĩ"), ("\u{DE}", "ị"),
        ("\u{E3}", "ó"), ("\u{DF}", "ò"), ("\u{E1}", "ỏ"), ("\u{E2}", "õ"), ("\u{E4}", "ọ"),
        ("\u{AB}", "ô"), ("\u{E8}", "ố"), ("\u{E5}", "ồ"), ("\u{E6}", "ổ"), ("\u{E7}", "ỗ"), ("\u{E9}", "ộ"),
        ("\u{AC}", "ơ"), ("\u{ED}", "ớ"), ("\u{EA}", "ờ"), ("\u{EB}", "ở"), ("\u{EC}", "ỡ"), ("\u{EE}", "ợ"),
        ("\u{F3}", "ú"), ("\u{EF}", "ù"), ("\u{F1}", "ủ"), ("\u{F2}", "ũ"), ("\u{F4}", "ụ"),
        ("\u{AD}", "ư"), ("\u{F8}", "ứ"), ("\u{F5}", "ừ"), ("\u{F6}", "ử"), ("\u{F7}", "ữ"), ("\u{F9}", "ự"),
        ("\u{FD}", "ý"), ("\u{FA}", "ỳ"), ("\u{FB}", "ỷ"), ("\u{FC}", "ỹ"), ("\u{FE}", "ỵ"),
        ("\u{AE}", "đ"),
        ("\u{A1}", "Ă"), ("\u{A2}", "Â"), ("\u{A3}", "Ê"), ("\u{A4}", "Ô"), ("\u{A5}", "Ơ"), ("\u{A6}", "Ư"), ("\u{A7}", "Đ"),
    ]

    /// VNI-Windows: a base letter followed by a mark byte (or one byte for ơ ư đ and some i, y).
    static let vni: [(String, String)] = {
        var rows: [(String, String)] = []
        // (mark bytes small, mark bytes capital, tone) for plain vowels a e o u y i
        let tones: [(String, String, String)] = [("ù", "Ù", "\u{301}"), ("ø", "Ø", "\u{300}"), ("û", "Û", "\u{309}"),
                                                 ("õ", "Õ", "\u{303}"), ("ï", "Ï", "\u{323}")]
        for v in ["a", "e", "o", "u", "y"] {
            for (small, capital, tone) in tones {
                if v == "y" && tone == "\u{323}" { continue }  // ỵ is one byte, below
                rows.append((v + small, v + tone))
                rows.append((v.uppercased() + capital, v.uppercased() + tone))
            }
        }
        // Circumflex (â ê ô) with tones: â á à å ã ä after the vowel.
        let hat: [(String, String, String)] = [("â", "Â", ""), ("á", "Á", "\u{301}"), ("à", "À", "\u{300}"),
                                               ("å", "Å", "\u{309}"), ("ã", "Ã", "\u{303}"), ("ä", "Ä", "\u{323}")]
        for v in ["a", "e", "o"] {
            for (small, capital, tone) in hat {
                rows.append((v + small, v + "\u{302}" + tone))
                rows.append((v.uppercased() + capital, v.uppercased() + "\u{302}" + tone))
            }
        }
        // Breve (ă) with tones: ê é è ú ü ë after a.
        let breve: [(String, String, String)] = [("ê", "Ê", ""), ("é", "É", "\u{301}"), ("è", "È", "\u{300}"),
                                                 ("ú", "Ú", "\u{309}"), ("ü", "Ü", "\u{303}"), ("ë", "Ë", "\u{323}")]
        for (small, capital, tone) in breve {
            rows.append(("a" + small, "a\u{306}" + tone))
            rows.append(("A" + capital, "A\u{306}" + tone))
        }
        // ơ (ô) and ư (ö) are one byte; their tones follow as for plain vowels.
        for (byte, capital, letter, capitalLetter) in [("ô", "Ô", "o\u{31B}", "O\u{31B}"), ("ö", "Ö", "u\u{31B}", "U\u{31B}")] {
            rows.append((byte, letter))
            rows.append((capital, capitalLetter))
            for (small, cap, tone) in tones {
                rows.append((byte + small, letter + tone))
                rows.append((capital + cap, capitalLetter + tone))
            }
        }
        rows += [("ñ", "đ"), ("Ñ", "Đ"),
                 ("í", "í"), ("ì", "ì"), ("æ", "ỉ"), ("ó", "ĩ"), ("ò", "ị"), ("î", "ỵ"),
                 ("Í", "Í"), ("Ì", "Ì"), ("Æ", "Ỉ"), ("Ó", "Ĩ"), ("Ò", "Ị"), ("Î", "Ỵ")]
        return rows.map { ($0.0, $0.1.precomposedVietnamese) }
    }()

    /// VIQR (RFC 1456): shape marks ( ^ + and dd after the letter, then tone marks ' ` ? ~ .
    static let viqrShapes: [(String, String)] = [("a(", "ă"), ("a^", "â"), ("e^", "ê"), ("o^", "ô"), ("o+", "ơ"), ("u+", "ư"),
                                                 ("A(", "Ă"), ("A^", "Â"), ("E^", "Ê"), ("O^", "Ô"), ("O+", "Ơ"), ("U+", "Ư"),
                                                 ("dd", "đ"), ("DD", "Đ"), ("Dd", "Đ")]
    static let viqrTones: [(Character, String)] = [("'", "\u{301}"), ("`", "\u{300}"), ("?", "\u{309}"), ("~", "\u{303}"), (".", "\u{323}")]

    /// Windows-1258: the bytes that differ from Windows-1252, including the five combining tones.
    static let cp1258: [(String, String)] = [
        ("\u{C3}", "Ă"), ("\u{E3}", "ă"), ("\u{D5}", "Ơ"), ("\u{F5}", "ơ"), ("\u{DD}", "Ư"), ("\u{FD}", "ư"),
        ("\u{D0}", "Đ"), ("\u{F0}", "đ"),
        ("\u{CC}", "\u{300}"), ("\u{EC}", "\u{301}"), ("\u{D2}", "\u{309}"), ("\u{DE}", "\u{303}"), ("\u{F2}", "\u{323}"),
    ]
}

extension String {
    /// NFC for Vietnamese letters written with combining marks, through the tokenizer's tables.
    var precomposedVietnamese: String {
        var out = ""
        var pending = ""
        for scalar in unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) {
                pending.unicodeScalars.append(scalar)
            } else {
                out += Self.compose(pending)
                pending = String(scalar)
            }
        }
        return out + Self.compose(pending)
    }

    private static func compose(_ letter: String) -> String {
        guard letter.unicodeScalars.count > 1 else { return letter }
        let upper = letter.first?.isUppercase ?? false
        guard let exact = VietnameseText.tokens(letter).first?.exact else { return letter }
        return upper ? exact.uppercased() : exact
    }
}
