import VietnameseText

/// How many passages hold each adjacent pair of frequent words: what a question's pair bonus
/// weighs (`Ranking.pairWeight`), which FTS5 can only count by matching the pair as a phrase.
///
/// A question of a dozen words has a dozen pairs, and most join two common words (`có thể`,
/// `sinh viên`, `nào thì`): FTS5 walks both words' doclists to count each, about 70 ms of a
/// question on the whole corpus, more than the ranking itself, and growing with the archive. The
/// index keeps the counts of the pairs of `words` (the 1,024 most frequent words of Vietnamese news,
/// every one at least 1,350 of the corpus's 677,208 passages) in `pairs`; a pair with a rarer word
/// is still counted by FTS5, in time bounded by that word's few rows.
///
/// The counts are those of FTS5's phrase match (`PairCountsTests`): a passage holds `a b` where a
/// token `a` and a token `b` stand at consecutive positions, colocated tokens included (`StoredTokens`).
/// The reading thread finds each passage's pairs (`ImpactLists.Tally`), the writing thread adds them
/// as it stores the passage and takes away those of a passage it removes, and the run writes the
/// changed counts at its end. Meta `pair_rows`, the largest passage id when they were written,
/// says they are current; a run that finds them otherwise (an index from before them, a crash)
/// counts them all again (`recount`), and until then searches ask FTS5.
enum PairCounts {
    /// The listed words, folded, most frequent first.
    static let words: [String] = """
        co va cua trong la cho da nhung mot do cac duoc khong voi nay tu de nguoi the cung dong doi dau
        ban khi nam tai cong ve thu o chi so dung gia toi nhan qua con thi van su moi se quan den ra
        noi bo lam thanh nhu dang tinh bi vi vao dinh lai nhieu tien du phai hien ngay nha anh an sau
        tren day bao ho ca truong nhat chung biet hoi theo viec dan hang hai ong hon thuc thuong dien
        phan chinh thang dieu mat minh san thong ma can nuoc di truoc chuyen thoi chu vien dai trung
        cao cau phat lan bang 2 to duong thay vu nang ki hoa rat bat hop tam tro ngoai tuong luc nen
        quoc 3 cu chua 1 khac dao nguyen loi li phong danh tham hanh dat ti cam giai rang phu tran tri
        len chuc nao hoc ket cach ke cuoc tiep viet song nghi neu trinh binh dua tang cap tin hay y
        sang may yeu diem luong tay hinh canh sinh pham trang giam gioi gian te xuat mi mo tra vo toan
        le lien kien nhien kinh tan lon bien giao tuy dich nghe ha hieu pho tac 4 vay than nghiep doc
        bong huong mua ba tuc vong gio mang gan no 5 tuyen chan thuoc he muc kho 10 nho doan don quyet
        roi loai phuong lo tao kha tieu cai si tim phap chat tuoi tap dam tung tong ta gi han qui xa
        muon bac deu khach tich phuc that chong cuoi kiem benh manh trieu khoang khoi xay cuu thiet ben
        chien tre duc mau vua lap hoac boi doanh trai ung hoan gay che khu sat mai long tat them 6
        tranh tp dia sao nua thai bay vai trien het gap tphcm quyen bai tot nhiem nhau suc hom ngan
        choi khan 12 hau vn giup dac xe xu nu giua thieu khai hoat tuan a vat 2005 mac tieng hcm phi
        sach mon 7 chau quang chuong chang goi me nghiem thich vuc em lanh lieu nhap it khien buoc 11
        tho ai ngoi lang 2004 cang dem duoi ro pha nhac 8 chieu am cuc hoang chon thuat lay ten khau 20
        khoa xem xuong truc vang chay be vung linh thua bieu cham truyen ngu 30 man giu 9 nham khang
        xet tru ay hong ngo lua nghien xac luon phut thao chiec usd hung rieng hat thap 15 ap lau nong
        nhanh nhom luat ton thien dep nan phim phia chiu chuan hlv toc lao thuy rong phep thoai lich
        tiet toa mong luan thuan mien nganh gai dap uong gom ao giay huy kem ghi dot sai luu sac nga
        trach cuong niem nguy thue chap giong nguon nhin hiem chet h von xin coi gianh kich huu nghia
        hoach vuot keo hiep cay kim m chac duy gui 23 chia giang quen phoi 0 huyen hi son on phien 14
        18 sung cat ngon tram khung uy trao tron 16 vinh khoan ham buon ninh au troi ngoc u giac kieu
        xep vui buoi 13 som go xuc cup tau 50 bau 17 hut lac khoe chiem quay goc luot 100 sua sap ngai
        nien 2003 lop gop nhe 25 phe buc xuyen mem nhi 2006 xung rut 21 mu tuyet xuan quanh 22 ga luoi
        19 loan bon clb 24 dut khuyen yen iraq suot sut luyen 40 phieu hao suy hap league suat gang
        loat uu thac lung giau cha truy kham thoa c ubnd vuong nuoi gon soat soi khao mach mui doat e
        kip bung bot nguoc g xanh vot soc nhiet chut que sot re chelsea xong nhay thoat com lenh liet
        ngam cum thuyet bui 60 uoc bom moc net tiem cot khanh huyet b 2000 26 28 dh v mieng rung boc
        met lot internet chao milan sieu cuon tiec ngung ngang viem ep 27 keu huynh dip loc tet real
        bam kia ghe bach ngua virus ich thit 31 mung thung d tha hue huan khap 2002 giet khuc xau hen
        singapore bu 29 km nhuong sam nau games muoi bua ngot ngheo lat thach vuon 200 05 banh ruou sea
        arsenal xi t doa xo tui nop tom xoa nghin rau ac indonesia chim italy thon vet vnexpress 80 sa
        treo 45 web i luoc 70 guong in xam champions australia rua liverpool chot nui non 500 01 90 leo
        kg new express ne coc rac lu om hua nai microsoft 2001 thinh malaysia 35 bush madrid 04 khuon
        ruot brazil chup rao khat hoai n thep world say game oto cuop 1000 thau duyet 300 trich buu 03
        al kin xua khich x juventus p sanh q inter eu 32 euro london nhon gao diep chanh israel phau
        beo men khieu xang deo ven khoc s hu nhuan thoang giat gat barcelona uc ru nhang 02 nld ran
        philippines iran kenh mc lui windows website tand tt rai ngac na 06 mail slna khuan bia kong
        diet quat thuyen det suong trat album phuoc chin 34 rap dt cd thiep lg nhip chai duyen
        palestine muu 33 washington nguc vdv john xao 36 07 triet wto ngap ngat file 400 ii nem oc nut
        but ngach mao 08 hep david oi 10000 menh chuot khiem ldbd khe lech campuchia ganh trac khoai
        roma vitamin xoay chen video ukraina nhuc giap acb 09 khop buong ron 37 bep trua phao gieng
        thom argentina chuoi k diu 1999 trom 38 mam f ngoan tdtt quynh hn gach tach l serie khuyet kiet
        canada pc nguong rot set www nhua nuong barca 75 ray paris nat michael gam tour xach riedl xinh
        cm ua 150 55 york 42 65 soan hagl 100000 valencia pakistan khen ubndtp nap 3000 ram rui xom
        phung kheo 5000 1998 vach top tia ranh trum bayern tnhh ronaldo chui ret 64 paul show giuong 43
        41 arap at sen chenh myanmar choc min newcastle saddam quet suu 44 hc hoanh 39 buyt 52 of 48 46
        sup
        """.wordLists(separator: nil)[0]

    /// Calls `body` with the words (split at spaces and line ends) of each part of `text` between
    /// two `separator`s, in order, skipping parts without words. Read as bytes: `split` on
    /// `Character`s, whose Unicode properties are looked up, cost milliseconds at a process's first
    /// search.
    static func forEachGroup(of text: String, separator: UInt8, _ body: ([String]) -> Void) {
        for words in text.wordLists(separator: separator) where !words.isEmpty { body(words) }
    }

    static let size = words.count

    /// Each listed word's number (its place in `words`).
    static let numbers: [String: Int] = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, $0) })

    /// The key of the pair `a b` of listed words.
    @inline(__always) static func key(_ a: Int, _ b: Int) -> UInt32 { UInt32(a * size + b) }

    /// The key of the pair of folded words, when both are listed.
    static func key(_ a: String, _ b: String) -> UInt32? {
        guard let x = numbers[a], let y = numbers[b] else { return nil }
        return key(x, y)
    }

    /// Finds the pairs of one passage from its stored tokens in order: feed each token's listed
    /// number (nil when not listed) and whether it takes a position, then `finish`.
    struct Finder {
        private var previous: [Int] = [], current: [Int] = []
        private var found: [UInt32] = []

        @inline(__always) mutating func token(_ number: Int?, takesPosition: Bool) {
            if takesPosition {
                swap(&previous, &current)
                current.removeAll(keepingCapacity: true)
            }
            guard let number else { return }
            current.append(number)
            for a in previous { found.append(PairCounts.key(a, number)) }
        }

        /// The passage's pairs, each once, ascending, in an array of their size (hundreds of
        /// articles' wait in the reading thread's queue); ready for the next passage.
        mutating func finish() -> [UInt32] {
            found.sort()
            var n = 0
            // In place (by index: iterating the array itself would copy it as it is written).
            for i in found.indices where n == 0 || found[n - 1] != found[i] {
                found[n] = found[i]
                n += 1
            }
            // A copy of exactly n keys: `Array(found[..<n])` shares `found`'s buffer when nothing was
            // a duplicate, and every passage waiting in the queue then held a buffer as large as the
            // largest passage's (indexing the corpus peaked at 315 MB instead of 138).
            let out = [UInt32](unsafeUninitializedCapacity: n) { buffer, count in
                found.withUnsafeBufferPointer { _ = buffer.initialize(from: $0[..<n]) }
                count = n
            }
            found.removeAll(keepingCapacity: true)
            previous.removeAll(keepingCapacity: true)
            current.removeAll(keepingCapacity: true)
            return out
        }
    }

    /// The pairs of a text as the index stores it.
    static func pairs(in text: String, _ tokenizer: StoredTokenizer) -> [UInt32] {
        var finder = Finder()
        tokenizer.tokenize(text) { token in
            let number = token.kind == .boundary ? nil
                : numbers[String(decoding: token.bytes, as: UTF8.self)]
            finder.token(number, takesPosition: token.kind.takesPosition)
            return true
        }
        return finder.finish()
    }

    // MARK: - Storage: one row per listed first word, its pairs in one blob.

    /// The counts of the pairs starting with one word, by second word: each held pair as the gap
    /// from the previous second word's number (+1) and the count, varints (1.7 MB for the corpus,
    /// where a row per pair took 5.0 MB).
    static func encode(_ counts: UnsafeBufferPointer<Int32>) -> [UInt8] {
        var out: [UInt8] = []
        var last = -1
        for (b, count) in counts.enumerated() where count > 0 {
            Varint.append(UInt64(b - last), to: &out)
            Varint.append(UInt64(count), to: &out)
            last = b
        }
        return out
    }

    /// Adds the counts of a stored blob to `counts` (by second word); false when it is not one.
    static func decode(_ bytes: UnsafeRawBufferPointer, into counts: UnsafeMutableBufferPointer<Int32>) -> Bool {
        var reader = Varint.Reader(bytes)
        var b = -1
        while !reader.atEnd {
            guard let gap = reader.next(), let count = reader.next(), gap > 0, gap <= UInt64(counts.count - b - 1),
                  count <= UInt64(Int32.max) else { return false }
            b += Int(gap)
            counts[b] &+= Int32(count)
        }
        return true
    }

    /// On the writing thread: how the run changed each count, written at its end. Two bytes a
    /// pair (2 MB), the part of a change beyond them kept aside (`large`): a run's memory stays flat.
    final class Builder {
        private var delta: [Int16] = []
        private var large: [UInt32: Int32] = [:]

        func add(_ pairs: [UInt32]) { change(pairs, by: 1) }
        func remove(_ pairs: [UInt32]) { change(pairs, by: -1) }

        private func change(_ pairs: [UInt32], by step: Int16) {
            guard !pairs.isEmpty else { return }
            if delta.isEmpty { delta = Array(repeating: 0, count: PairCounts.size * PairCounts.size) }
            delta.withUnsafeMutableBufferPointer { d in
                for key in pairs {
                    let (sum, overflow) = d[Int(key)].addingReportingOverflow(step)
                    if overflow {
                        large[key, default: 0] += Int32(d[Int(key)])
                        d[Int(key)] = step
                    } else {
                        d[Int(key)] = sum
                    }
                }
            }
        }

        /// Adds the run's changes to the stored counts, inside the caller's transaction: the rows
        /// of the first words whose pairs changed, read, changed and written again.
        func write(_ db: Database) throws {
            guard !delta.isEmpty else { return }
            let read = try db.prepare("SELECT data FROM pairs WHERE first = ?")
            let write = try db.prepare("INSERT OR REPLACE INTO pairs(first, data) VALUES (?, ?)")
            let drop = try db.prepare("DELETE FROM pairs WHERE first = ?")
            let n = PairCounts.size
            var largeRows: [Int: [(b: Int, change: Int32)]] = [:]
            for (key, change) in large { largeRows[Int(key) / n, default: []].append((Int(key) % n, change)) }
            var counts = [Int32](repeating: 0, count: n)
            for a in 0..<n {
                // The row's changes, then what is stored added to them.
                for b in 0..<n { counts[b] = Int32(delta[a * n + b]) }
                for (b, change) in largeRows[a] ?? [] { counts[b] += change }
                guard counts.contains(where: { $0 != 0 }) else { continue }
                try read.bind(.int(Int64(a)))
                if try read.step() {
                    let stored = read.blob(0)
                    let ok = stored.withUnsafeBytes { bytes in counts.withUnsafeMutableBufferPointer { PairCounts.decode(bytes, into: $0) } }
                    guard ok else {
                        read.reset()
                        throw IndexError.query("the stored pair counts of \(PairCounts.words[a]) are damaged: index again with --rebuild")
                    }
                }
                read.reset()
                let data = counts.withUnsafeBufferPointer { PairCounts.encode($0) }
                if data.isEmpty {
                    try drop.run(.int(Int64(a)))
                } else {
                    try write.bind(.int(Int64(a)))
                    try data.withUnsafeBytes { try write.bindBlob(2, $0) }
                    while try write.step() {}
                }
            }
            delta = []
            large = [:]
        }
    }

    /// The stored count of a pair, from the row of its first word.
    static func passages(_ key: UInt32, statement read: Statement) throws -> Int {
        let a = Int(key) / size, b = Int(key) % size
        try read.bind(.int(Int64(a)))
        defer { read.reset() }
        guard try read.step() else { return 0 }
        var counts = [Int32](repeating: 0, count: size)
        let ok = read.blob(0).withUnsafeBytes { bytes in counts.withUnsafeMutableBufferPointer { decode(bytes, into: $0) } }
        return ok ? Int(counts[b]) : 0
    }

    /// Counts every stored passage's pairs again, inside the caller's transaction.
    static func recount(_ db: Database) throws {
        try db.execute("DELETE FROM pairs")
        let builder = Builder()
        let tokenizer = StoredTokenizer()
        try forEachPassage(db) { builder.add(pairs(in: $0, tokenizer)) }
        try builder.write(db)
    }

    /// The text of every stored passage (the paragraphs, and the titles that are passages).
    static func forEachPassage(_ db: Database, _ body: (String) -> Void) throws {
        let texts = try db.prepare("""
            SELECT text FROM paragraphs UNION ALL SELECT title FROM articles WHERE title_passage
            """)
        while try texts.step() { body(texts.text(0) ?? "") }
    }

    /// For `vietsearch check`: how many pairs' stored counts differ from those of the stored text
    /// (nil when the counts are not current, and not used).
    static func mismatches(_ db: Database) throws -> Int? {
        guard try MetaKey.pairRows.read(in: db) == String(try db.scalar(Searcher.passageCountSQL)) else { return nil }
        var counts = [Int32](repeating: 0, count: size * size)
        let tokenizer = StoredTokenizer()
        try forEachPassage(db) { text in for key in pairs(in: text, tokenizer) { counts[Int(key)] += 1 } }
        let rows = try db.prepare("SELECT first, data FROM pairs")
        var wrong = 0
        try counts.withUnsafeMutableBufferPointer { c in
            while try rows.step() {
                let a = Int(rows.int(0))
                guard a >= 0 && a < size else { wrong += 1; continue }
                // The stored counts are taken away from the text's: what is left differs.
                var stored = [Int32](repeating: 0, count: size)
                let ok = rows.blob(1).withUnsafeBytes { b in stored.withUnsafeMutableBufferPointer { decode(b, into: $0) } }
                if !ok { wrong += 1; continue }
                for b in 0..<size { c[a * size + b] -= stored[b] }
            }
            wrong += c.count { $0 != 0 }
        }
        return wrong
    }
}

extension String {
    /// The words of each part between two `separator`s (nil: one part), split at spaces and line ends.
    fileprivate func wordLists(separator: UInt8?) -> [[String]] {
        var copy = self
        return copy.withUTF8 { bytes in
            var lists: [[String]] = [[]]
            var start = 0
            for i in 0...bytes.count {
                let byte: UInt8 = i < bytes.count ? bytes[i] : 0x20
                guard byte == 0x20 || byte == 0x0A || byte == separator else { continue }
                if i > start { lists[lists.count - 1].append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) }
                if byte == separator { lists.append([]) }
                start = i + 1
            }
            return lists
        }
    }
}
