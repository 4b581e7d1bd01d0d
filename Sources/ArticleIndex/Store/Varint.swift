/// The unsigned LEB128 varints of the stored blobs (`ImpactLists`, `PairCounts`): 7 bits a byte,
/// low bits first, the high bit set on every byte but the last.
enum Varint {
    static func append(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    /// Reads varints one after another from a blob.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        private(set) var offset = 0

        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        var atEnd: Bool { offset >= bytes.count }

        /// The next varint; nil when the blob ends inside one or it runs past 64 bits.
        mutating func next() -> UInt64? {
            var v: UInt64 = 0, shift: UInt64 = 0
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                v |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return v }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }
    }
}
