// A graph index to and from its file payload. The payload is the index's own memory layout
// (`GraphLayout`), so encoding copies it out and decoding borrows the mapped bytes in place: the
// codes and the adjacency lists are never copied. Decoding first checks everything a walk will
// trust (header, section sizes, quantizer values, every list's length, every neighbour id below
// count), so a damaged or crafted payload is rejected with `IndexFormatError` rather than read
// out of bounds.

import LoupeCore
import LoupeVector

extension GraphIndex {
    public func encodedPayload() -> [UInt8] {
        [UInt8](UnsafeRawBufferPointer(start: storage.base, count: storage.byteCount))
    }

    /// An index decoded from a file payload (see `VectorIndexFile`). The payload's bytes are used
    /// in place and must stay valid while `owner` lives; a payload that is not 4-byte aligned (never
    /// the case in a mapped file, where it starts at byte 64) is copied first.
    convenience init(
        decoding payload: UnsafeRawBufferPointer, owner: AnyObject?, metric: Metric, count: Int, dimension: Int
    ) throws {
        let header = try GraphHeader(payload, metric: metric, count: count, dimension: dimension)
        let layout = header.layout
        let storage: GraphStorage
        if let base = payload.baseAddress, Int(bitPattern: base) % 4 == 0 {
            storage = GraphStorage(borrowing: payload, owner: owner)
        } else {
            storage = GraphStorage(allocating: payload.count)
            // Allocated just above with payload.count bytes.
            storage.mutableBase!.copyMemory(from: payload.baseAddress!, byteCount: payload.count)
        }
        let bytes = UnsafeRawBufferPointer(start: storage.base, count: storage.byteCount)
        let quantizer = try Self.decodeQuantizer(bytes, layout: layout)
        try Self.validateLists(GraphView(base: storage.base, layout: layout), layout: layout)
        self.init(
            storage: storage, layout: layout, metric: metric, quantizer: quantizer, entry: header.entry,
            efConstruction: header.efConstruction)
    }

    private static func decodeQuantizer(_ bytes: UnsafeRawBufferPointer, layout: GraphLayout) throws -> ScalarQuantizer
    {
        let dimension = layout.dimension
        func float(_ i: Int) -> Float {
            Float(
                bitPattern: UInt32(
                    littleEndian: bytes.loadUnaligned(fromByteOffset: layout.quantizerOffset + 4 * i, as: UInt32.self)))
        }
        let offsets = (0..<dimension).map { float($0) }
        let scales = (0..<dimension).map { float(dimension + $0) }
        for d in 0..<dimension where !offsets[d].isFinite || !scales[d].isFinite || scales[d] < 0 {
            throw IndexFormatError("quantizer of dimension \(d) is invalid (offset \(offsets[d]), scale \(scales[d]))")
        }
        return ScalarQuantizer(offsets: offsets, scales: scales)
    }

    /// Checks every adjacency list: at most `degree` neighbours, each a node other than itself.
    private static func validateLists(_ view: GraphView, layout: GraphLayout) throws {
        let count = UInt32(truncatingIfNeeded: layout.count)
        for node in 0..<layout.count {
            let list = view.list(UInt32(node))
            let n = view.neighborCount(list)
            guard n <= layout.degree else {
                throw IndexFormatError("node \(node) has \(n) neighbours, more than the degree \(layout.degree)")
            }
            for i in 0..<n {
                let id = view.neighbor(list, i)
                guard id < count, Int(id) != node else {
                    throw IndexFormatError("node \(node) links to \(id), not a valid neighbour among \(count) nodes")
                }
            }
        }
    }
}
