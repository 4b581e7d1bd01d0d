import Foundation

/// Small ids for byte strings (folded and exact forms), from an open-addressing hash table over one
/// byte arena: looking up a token's bytes allocates nothing (a `[UInt8]`-keyed dictionary would
/// build an array per token, 40 million times for the corpus). Ids are dense, from 0, in the order
/// the strings were first seen. Raw buffers, not arrays: no bounds or uniqueness checks on the
/// reading thread's hot path. Not thread-safe: one per thread.
final class FormIDs {
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaUsed = 0, arenaCapacity = 1 << 16
    /// Each id's start in `arena`, and one past its end at `starts[id + 1]`; each id's hash.
    private var starts: UnsafeMutablePointer<Int>
    private var hashes: UnsafeMutablePointer<UInt32>
    private var idCapacity = 1 << 12
    /// id + 1 in each slot, 0 for empty; a power of two, kept at most half full.
    private var slots: UnsafeMutablePointer<Int32>
    private var slotCount = 1 << 13
    private(set) var count = 0

    init() {
        arena = .allocate(capacity: arenaCapacity)
        starts = .allocate(capacity: idCapacity + 1)
        starts[0] = 0
        hashes = .allocate(capacity: idCapacity)
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
    }

    deinit {
        arena.deallocate()
        starts.deallocate()
        hashes.deallocate()
        slots.deallocate()
    }

    /// The bytes of `id`.
    func bytes(_ id: Int32) -> [UInt8] {
        Array(UnsafeBufferPointer(start: arena + starts[Int(id)], count: starts[Int(id) + 1] - starts[Int(id)]))
    }

    @inline(__always) static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for c in b { h = (h ^ UInt32(c)) &* 16_777_619 }
        return h
    }

    /// The id of `b`, added if new; `isNew` says which.
    @inline(__always) func id(_ b: UnsafeBufferPointer<UInt8>) -> (id: Int32, isNew: Bool) {
        let h = Self.hash(b)
        let slots = self.slots, starts = self.starts, hashes = self.hashes, arena = self.arena
        let mask = slotCount &- 1
        var i = Int(h) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            let id = Int(s &- 1)
            if hashes[id] == h, starts[id &+ 1] &- starts[id] == b.count,
               b.count == 0 || memcmp(arena + starts[id], b.baseAddress!, b.count) == 0 {
                return (Int32(id), false)
            }
            i = (i &+ 1) & mask
        }
        return (add(b, hash: h, slot: i), true)
    }

    private func add(_ b: UnsafeBufferPointer<UInt8>, hash h: UInt32, slot: Int) -> Int32 {
        if arenaUsed + b.count > arenaCapacity {
            arenaCapacity = max(arenaCapacity * 2, arenaUsed + b.count)
            arena = arena.grown(keeping: arenaUsed, to: arenaCapacity)
        }
        if count == idCapacity {
            idCapacity *= 2
            starts = starts.grown(keeping: count + 1, to: idCapacity + 1)
            hashes = hashes.grown(keeping: count, to: idCapacity)
        }
        if let base = b.baseAddress { (arena + arenaUsed).update(from: base, count: b.count) }
        arenaUsed += b.count
        let id = count
        hashes[id] = h
        starts[id + 1] = arenaUsed
        slots[slot] = Int32(id + 1)
        count += 1
        if count * 2 > slotCount { grow() }
        return Int32(id)
    }

    private func grow() {
        slots.deallocate()
        slotCount *= 2
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        let mask = slotCount - 1
        for id in 0..<count {
            var i = Int(hashes[id]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(id + 1)
        }
    }
}
