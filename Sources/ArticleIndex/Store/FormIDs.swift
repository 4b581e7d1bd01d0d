import Foundation

/// Small ids for byte strings (folded and exact forms), from an open-addressing hash table over one
/// byte arena: looking up a token's bytes allocates nothing (a `[UInt8]`-keyed dictionary would
/// build an array per token, 40 million times for the corpus). Ids are dense, from 0, in the order
/// the strings were first seen. Not thread-safe: one per thread.
struct FormIDs {
    private var arena: [UInt8] = []
    /// Each id's start in `arena`, and one past its end at `starts[id + 1]`.
    private var starts: [Int] = [0]
    /// id + 1 in each slot, 0 for empty; the capacity is a power of two, kept at most half full.
    private var slots: [Int32] = Array(repeating: 0, count: 1 << 12)
    private var hashes: [UInt32] = []

    var count: Int { starts.count - 1 }

    /// The bytes of `id`.
    func bytes(_ id: Int32) -> ArraySlice<UInt8> { arena[starts[Int(id)]..<starts[Int(id) + 1]] }

    @inline(__always) static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for c in b { h = (h ^ UInt32(c)) &* 16_777_619 }
        return h
    }

    /// The id of `b`, added if new; `isNew` says which.
    @inline(__always) mutating func id(_ b: UnsafeBufferPointer<UInt8>) -> (id: Int32, isNew: Bool) {
        let h = Self.hash(b)
        let mask = slots.count - 1
        var i = Int(h) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            let id = Int(s - 1)
            if hashes[id] == h, starts[id + 1] - starts[id] == b.count,
               arena.withUnsafeBufferPointer({ a in memcmp(a.baseAddress! + starts[id], b.baseAddress!, b.count) == 0 }) {
                return (Int32(id), false)
            }
            i = (i + 1) & mask
        }
        let id = Int32(count)
        arena.append(contentsOf: b)
        starts.append(arena.count)
        hashes.append(h)
        slots[i] = id + 1
        if count * 2 > slots.count { grow() }
        return (id, true)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for id in 0..<count {
            var i = Int(hashes[id]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(id + 1)
        }
    }
}
