// The one owner of a graph index's bytes (its payload layout, see `GraphLayout`): either memory
// the build allocated, freed when the index goes, or a decoded file's bytes, kept alive by
// holding whatever owns them (a mapping). Nothing else frees or retains the graph's memory.
// A large allocation is aligned to 2 MiB and advised to use transparent huge pages: a walk
// touches code rows all over the index, and with 4 KiB pages nearly every row costs a TLB miss.

#if canImport(Glibc)
    import Glibc
#endif

/// Owner of a graph payload's memory.
final class GraphStorage: @unchecked Sendable {
    /// The payload's first byte, 64-byte aligned when allocated here.
    let base: UnsafeRawPointer
    let byteCount: Int
    private let allocation: UnsafeMutableRawPointer?
    private let owner: AnyObject?

    /// Zeroed memory for a payload of `byteCount` bytes, owned here.
    init(allocating byteCount: Int) {
        let memory = Self.allocateZeroed(byteCount)
        allocation = memory
        base = UnsafeRawPointer(memory)
        self.byteCount = byteCount
        owner = nil
    }

    /// Borrowed bytes, valid while `owner` lives.
    init(borrowing bytes: UnsafeRawBufferPointer, owner: AnyObject?) {
        precondition(bytes.baseAddress != nil, "borrowed payload has no address")
        // Non-nil checked above; the caller guarantees `owner` keeps the bytes valid.
        base = bytes.baseAddress!
        byteCount = bytes.count
        allocation = nil
        self.owner = owner
    }

    /// Zeroed memory of `byteCount` bytes (at least 1), 64-byte aligned, 2 MiB aligned and advised
    /// to use huge pages when large; the caller frees it with `deallocate()`.
    static func allocateZeroed(_ byteCount: Int) -> UnsafeMutableRawPointer {
        let hugePage = 2 << 20
        let large = byteCount >= hugePage
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: large ? hugePage : 64)
        #if canImport(Glibc)
            // Advice only; the memory is ours and stays valid whatever the kernel decides.
            if large { _ = madvise(memory, byteCount / hugePage * hugePage, MADV_HUGEPAGE) }
        #endif
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: max(byteCount, 1))
        return memory
    }

    /// The allocated memory, writable while the index is being built (nil when borrowed).
    var mutableBase: UnsafeMutableRawPointer? { allocation }

    deinit {
        allocation?.deallocate()
    }
}
