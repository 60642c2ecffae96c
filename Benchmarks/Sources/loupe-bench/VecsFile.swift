// The `.fvecs` / `.ivecs` files of the shared data set (the format of the ANN benchmarks): each
// row is a little-endian int32 dimension followed by that many float32 (or int32) values.

import Foundation

/// Reads a `.fvecs` or `.ivecs` file into rows of floats (ivecs values converted).
func readVecs(_ path: String, integers: Bool) throws -> (rows: Int, columns: Int, values: [Float]) {
    let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    return try data.withUnsafeBytes { bytes in
        guard bytes.count >= 4 else { throw BenchError("\(path): empty") }
        let columns = Int(bytes.loadUnaligned(as: Int32.self))
        let rowBytes = 4 * (columns + 1)
        guard columns > 0, bytes.count % rowBytes == 0 else { throw BenchError("\(path): not whole rows") }
        let rows = bytes.count / rowBytes
        var values = [Float](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for c in 0..<columns {
                let offset = r * rowBytes + 4 * (c + 1)
                values[r * columns + c] =
                    integers
                    ? Float(bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self))
                    : bytes.loadUnaligned(fromByteOffset: offset, as: Float.self)
            }
        }
        return (rows, columns, values)
    }
}
