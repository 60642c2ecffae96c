// A float32 matrix read from a NumPy `.npy` file (the shared data set's base.npy / query.npy)
// into memory the benchmark owns. The memory is an anonymous mapping advised to use transparent
// huge pages, as NumPy does for large arrays, so Loupe's scan and the peers' scans run on equally
// backed memory.

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `rows × columns` float32 values, row-major, in one page-aligned mapping.
final class FloatMatrix {
    let rows: Int
    let columns: Int
    /// The first value; row r starts at `base + r * columns`.
    let base: UnsafeMutablePointer<Float>
    private let mappedBytes: Int

    /// Reads a little-endian float32 (`<f4`) or int32 (`<i4`, converted) C-order `.npy` file.
    init(npy path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        guard data.count >= 10, data.prefix(6) == Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) else {
            throw BenchError("\(path): not a .npy file")
        }
        let major = data[data.startIndex + 6]
        let headerLength: Int
        let headerStart: Int
        if major == 1 {
            headerLength = Int(data[data.startIndex + 8]) | Int(data[data.startIndex + 9]) << 8
            headerStart = 10
        } else {
            headerLength = (0..<4).reduce(0) { $0 | Int(data[data.startIndex + 8 + $1]) << (8 * $1) }
            headerStart = 12
        }
        let header = String(
            decoding: data[(data.startIndex + headerStart)..<(data.startIndex + headerStart + headerLength)],
            as: UTF8.self)
        guard !header.contains("'fortran_order': True") else { throw BenchError("\(path): Fortran order") }
        let isInt32 = header.contains("'<i4'")
        guard header.contains("'<f4'") || isInt32 else { throw BenchError("\(path): not float32 or int32") }
        guard let open = header.firstIndex(of: "("), let close = header.firstIndex(of: ")") else {
            throw BenchError("\(path): no shape")
        }
        let shape = header[header.index(after: open)..<close].split(separator: ",").compactMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        rows = shape.first ?? 0
        columns = shape.count > 1 ? shape[1] : 1
        let count = rows * columns
        guard data.count - headerStart - headerLength >= count * 4 else { throw BenchError("\(path): truncated") }
        mappedBytes = max(count * 4, 1)
        guard let raw = mmap(nil, mappedBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            raw != MAP_FAILED
        else { throw BenchError("mmap of \(mappedBytes) bytes failed") }
        _ = madvise(raw, mappedBytes, MADV_HUGEPAGE)
        base = raw.bindMemory(to: Float.self, capacity: count)
        data.withUnsafeBytes { bytes in
            // The guard above checked that `count` 4-byte values follow the header.
            let payload = bytes.baseAddress! + headerStart + headerLength
            if isInt32 {
                for i in 0..<count { base[i] = Float(payload.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)) }
            } else {
                UnsafeMutableRawPointer(base).copyMemory(from: payload, byteCount: count * 4)
            }
        }
    }

    deinit { munmap(base, mappedBytes) }

    /// Row `r` as a pointer to its `columns` values.
    func row(_ r: Int) -> UnsafeMutablePointer<Float> { base + r * columns }

    /// Row `r` copied into an array.
    func rowArray(_ r: Int) -> [Float] { Array(UnsafeBufferPointer(start: row(r), count: columns)) }
}

/// A benchmark that cannot run (missing or malformed input).
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
