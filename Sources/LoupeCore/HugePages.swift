// Memory advice for large vector buffers. An exact scan streams every byte of a vector column,
// and with 4 KiB pages the CPU's prefetchers stop at every page boundary and each page costs a TLB
// entry; with 2 MiB transparent huge pages the same 100k × 512 scan runs 1.3× faster on our
// benchmark machine (docs/decisions/0201). Linux only gives huge pages to memory advised with
// MADV_HUGEPAGE when `transparent_hugepage` is `madvise` (the common default); elsewhere this is a
// no-op.

#if canImport(Glibc)
    import Glibc
#endif

/// Transparent-huge-page advice for buffers of vectors.
public enum HugePages {
    /// Buffers smaller than this gain nothing from advice (one huge page is 2 MiB).
    public static let minimumByteCount = 4 << 20

    /// Advises the kernel to back the page-aligned interior of `buffer` with huge pages. Call it
    /// on a fresh allocation before writing to it: pages already touched are only merged later,
    /// in the background. Harmless (and skipped) for small buffers and where unsupported.
    public static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
            guard let base = buffer.baseAddress, buffer.count >= minimumByteCount else { return }
            let page = 4096
            let start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
            let end = (Int(bitPattern: base) + buffer.count) & ~(page - 1)
            // [start, end) lies inside `buffer`; madvise only changes how those pages are backed.
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
        #endif
    }

    /// `count` floats in a new array advised for huge pages, filled by `initialize`, which must
    /// initialize every element of the buffer it is given.
    public static func floatArray(
        count: Int, initializingWith initialize: (UnsafeMutableBufferPointer<Float>) -> Void
    ) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            advise(UnsafeMutableRawBufferPointer(buffer))
            initialize(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
            initialized = count
        }
    }
}
