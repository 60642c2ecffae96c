// Uniform row access to a string operand (a String column or a constant) and a builder for
// string results, so string functions are written once for column and constant arguments and
// produce offsets + bytes directly.

import LoupeCore

/// The rows of a string argument as byte ranges into one buffer.
struct StringArgument {
    let offsets: [Int]
    let bytes: [UInt8]
    /// True for a constant: every row is row 0.
    let isConstant: Bool

    init(_ operand: Operand) {
        switch operand {
        case .constant(let v, _):
            let text = Array(StringComparison.text(v.isNull ? .string("") : v).utf8)
            offsets = [0, text.count]
            bytes = text
            isConstant = true
        case .column(let c):
            if case .string(let o, let b) = c.data {
                offsets = o
                bytes = b
            } else {
                // Not a string column: read its text form.
                guard case .string(let o, let b) = TextConversion.format(c, as: c.type.nonNullable) else {
                    preconditionFailure("text form of a column is a string layout")
                }
                offsets = o
                bytes = b
            }
            isConstant = false
        }
    }

    /// The byte range of row `i`.
    @inline(__always)
    func range(_ i: Int) -> Range<Int> {
        let r = isConstant ? 0 : i
        return offsets[r]..<offsets[r + 1]
    }

    /// The bytes of row `i`.
    @inline(__always)
    func row(_ i: Int) -> ArraySlice<UInt8> { bytes[range(i)] }
}

/// Accumulates a string column row by row.
struct StringBuffer {
    private(set) var offsets: [Int]
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        offsets = [0]
        offsets.reserveCapacity(capacity + 1)
    }

    /// Ends a row made of `row`.
    mutating func append<C: Collection<UInt8>>(_ row: C) {
        bytes.append(contentsOf: row)
        offsets.append(bytes.count)
    }

    /// Adds bytes to the current row without ending it.
    mutating func extend<C: Collection<UInt8>>(_ part: C) {
        bytes.append(contentsOf: part)
    }

    /// Ends the current row.
    mutating func endRow() {
        offsets.append(bytes.count)
    }

    /// The column of `type`.
    func column(_ type: DataType) -> Column {
        Column(type: type, data: .string(offsets: offsets, bytes: bytes))
    }
}
