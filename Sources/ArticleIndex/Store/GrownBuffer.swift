extension UnsafeMutablePointer {
    /// A new buffer of `capacity` elements holding this one's first `count`, moved; this one is
    /// deallocated. For the raw buffers that grow on hot paths (`FormIDs`, `vrank`'s scratch).
    func grown(keeping count: Int, to capacity: Int) -> UnsafeMutablePointer<Pointee> {
        let bigger = UnsafeMutablePointer<Pointee>.allocate(capacity: capacity)
        bigger.moveInitialize(from: self, count: count)
        deallocate()
        return bigger
    }
}
