// The `.fvecs` / `.ivecs` files of the shared data set (the format of the ANN benchmarks): each
// row is a little-endian int32 dimension followed by that many float32 (or int32) values. The
// values land in an array whose large pages are advised to be huge pages before they are first
// touched, as a part's vector pages are in Loupe's page cache.

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a `.fvecs` or `.ivecs` file into rows of floats (ivecs values converted).
func readVecs(_ path: String, integers: Bool) throws -> (rows: Int, columns: Int, values: [Float]) {
    let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    return try data.withUnsafeBytes { bytes in
        guard bytes.count >= 4 else { throw BenchError("\(path): empty") }
        let columns = Int(bytes.loadUnaligned(as: Int32.self))
        let rowBytes = 4 * (columns + 1)
        guard columns > 0, bytes.count % rowBytes == 0 else { throw BenchError("\(path): not whole rows") }
        let rows = bytes.count / rowBytes
        let values = [Float](unsafeUninitializedCapacity: rows * columns) { out, initialized in
            adviseHugePages(UnsafeMutableRawBufferPointer(out))
            for r in 0..<rows {
                for c in 0..<columns {
                    let offset = r * rowBytes + 4 * (c + 1)
                    out[r * columns + c] =
                        integers
                        ? Float(bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self))
                        : bytes.loadUnaligned(fromByteOffset: offset, as: Float.self)
                }
            }
            initialized = rows * columns
        }
        return (rows, columns, values)
    }
}

/// Advises the whole 2 MiB pages inside `buffer` to be transparent huge pages.
private func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    guard let base = buffer.baseAddress else { return }
    let hugePage = 2 << 20
    let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
    let end = (Int(bitPattern: base) + buffer.count) & ~(hugePage - 1)
    // [start, end) lies inside the buffer; advice never changes its contents or validity.
    if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
}
