// Array functions and the size functions shared with strings: array (the constructor),
// arrayElement (1-based, negative from the end, out of range gives the element type's default),
// has, indexOf, arraySum, and length / empty / notEmpty (bytes of a string, elements of an array).

import LoupeCore

/// Array functions.
enum ArrayFunctions {
    static let entries: [String: FunctionEntry] = [
        "length": FunctionEntry { call in
            try call.expectArguments(1)
            let sizes = try rowSizes(call.arguments[0], count: call.count).map { UInt64($0) }
            return NumericKernels.column(uint64: sizes, type: call.resultType, nulls: nil)
        },
        "empty": FunctionEntry { call in
            try call.expectArguments(1)
            let sizes = try rowSizes(call.arguments[0], count: call.count)
            return Column(type: call.resultType, data: .int64(sizes.map { $0 == 0 ? 1 : 0 }))
        },
        "notEmpty": FunctionEntry { call in
            try call.expectArguments(1)
            let sizes = try rowSizes(call.arguments[0], count: call.count)
            return Column(type: call.resultType, data: .int64(sizes.map { $0 == 0 ? 0 : 1 }))
        },
        "array": FunctionEntry(.custom, construct),
        "arrayElement": FunctionEntry(element),
        "has": FunctionEntry(.custom) { call in
            Column(type: call.resultType, data: .int64(try positions(call).map { $0 > 0 ? 1 : 0 }))
        },
        "indexOf": FunctionEntry(.custom) { call in
            NumericKernels.column(uint64: try positions(call).map { UInt64($0) }, type: call.resultType, nulls: nil)
        },
        "arraySum": FunctionEntry(arraySum),
    ]

    /// Bytes per string row or elements per array row.
    private static func rowSizes(_ operand: Operand, count: Int) throws -> [Int] {
        if operand.type.nonNullable.physicalKind == .array {
            let a = ArrayArgument(operand)
            return (0..<count).map { a.range($0).count }
        }
        guard operand.type.isString || operand.type.nonNullable == .nothing else {
            throw LoupeError(.type, "length of \(operand.type) is not defined")
        }
        let s = StringArgument(operand)
        return (0..<count).map { s.range($0).count }
    }

    /// `array(a, b, ...)`: one array per row from the arguments' values in that row.
    private static func construct(_ call: FunctionCall) throws -> Column {
        let n = call.count
        let k = call.arguments.count
        let elementType = call.resultType.elementType ?? .nothing
        let offsets = (0...n).map { $0 * k }
        guard k > 0 else {
            return Column(type: call.resultType, data: .array(offsets: offsets, elements: Column.empty(elementType)))
        }
        let columns = try call.arguments.map { try $0.converted(to: elementType).materialize(count: n) }
        var order = [Int]()
        order.reserveCapacity(n * k)
        for i in 0..<n {
            for j in 0..<k { order.append(j * n + i) }
        }
        let elements = Column.concatenate(columns, type: elementType).gather(order)
        return Column(type: call.resultType, data: .array(offsets: offsets, elements: elements))
    }

    /// `arr[i]`: 1-based, negative counts from the end; 0 or out of range gives the default.
    private static func element(_ call: FunctionCall) throws -> Column {
        try call.expectArguments(2)
        let a = ArrayArgument(call.arguments[0])
        let index = call.arguments[1].int64Lane()
        var picks = [Int](repeating: -1, count: call.count)
        for i in 0..<call.count {
            let r = a.range(i)
            let k = index.at(i)
            if k > 0, k <= r.count {
                picks[i] = r.lowerBound + Int(k) - 1
            } else if k < 0, k >= -Int64(r.count) {
                picks[i] = r.upperBound + Int(k)
            }
        }
        let picked = a.elements.gather(picks)
        let type = call.resultType
        if picked.type == type { return picked }
        if picked.type.nonNullable == type.nonNullable {
            return Column(type: type, data: picked.data, nulls: type.isNullable ? picked.nulls : nil)
        }
        return try Cast.convert(picked, to: type.isNullable || picked.nulls == nil ? type : type.asNullable)
    }

    /// For `has(arr, x)` and `indexOf(arr, x)`: the 1-based position of the first element equal
    /// to x in each row (0 when absent; a NULL x finds a NULL element).
    private static func positions(_ call: FunctionCall) throws -> [Int] {
        try call.expectArguments(2)
        let a = ArrayArgument(call.arguments[0])
        let elementType = a.elements.type
        let needle = try call.arguments[1].converted(to: elementType.asNullable).materialize(count: call.count)
        return (0..<call.count).map { i in
            let r = a.range(i)
            let hit: Int?
            if needle.isNull(i) {
                hit = r.first { a.elements.isNull($0) }
            } else {
                hit = r.first { !a.elements.isNull($0) && a.elements.rowEquals($0, needle, i) }
            }
            return hit.map { $0 - r.lowerBound + 1 } ?? 0
        }
    }

    /// The sum of each array's elements (NULL elements skipped).
    private static func arraySum(_ call: FunctionCall) throws -> Column {
        try call.expectArguments(1)
        let a = ArrayArgument(call.arguments[0])
        let type = call.resultType
        let e = Operand.column(a.elements)
        switch type.physicalKind {
        case .float64, .float32:
            guard case .array(let v) = e.doubleLane() else { preconditionFailure("column lane") }
            let sums = (0..<call.count).map { i in a.range(i).reduce(0.0) { a.elements.isNull($1) ? $0 : $0 + v[$1] } }
            return NumericKernels.column(double: sums, type: type, nulls: nil)
        case .uint64:
            guard case .array(let v) = e.uint64Lane() else { preconditionFailure("column lane") }
            let sums = (0..<call.count).map { i in
                a.range(i).reduce(UInt64(0)) { a.elements.isNull($1) ? $0 : $0 &+ v[$1] }
            }
            return NumericKernels.column(uint64: sums, type: type, nulls: nil)
        default:
            guard case .array(let v) = e.int64Lane() else { preconditionFailure("column lane") }
            let sums = (0..<call.count).map { i in
                a.range(i).reduce(Int64(0)) { a.elements.isNull($1) ? $0 : $0 &+ v[$1] }
            }
            return NumericKernels.column(int64: sums, type: type, nulls: nil)
        }
    }
}

/// Uniform row access to an array operand (an array column or a constant array).
struct ArrayArgument {
    let offsets: [Int]
    let elements: Column
    /// True for a constant: every row is row 0.
    let isConstant: Bool

    init(_ operand: Operand) {
        let column: Column
        switch operand {
        case .constant(let v, let t):
            let type = t.nonNullable
            column = Column(type: type, values: [v.isNull ? type.defaultValue : v])
            isConstant = true
        case .column(let c):
            column = c
            isConstant = false
        }
        guard case .array(let o, let e) = column.data else {
            preconditionFailure("array argument of type \(column.type)")
        }
        offsets = o
        elements = e
    }

    /// The element positions of row `i`.
    @inline(__always)
    func range(_ i: Int) -> Range<Int> {
        let r = isConstant ? 0 : i
        return offsets[r]..<offsets[r + 1]
    }
}

extension Column {
    /// True when row `i` equals row `j` of `other` (same layout; NULL flags not consulted).
    func rowEquals(_ i: Int, _ other: Column, _ j: Int) -> Bool {
        switch (data, other.data) {
        case (.int64(let a), .int64(let b)): return a[i] == b[j]
        case (.uint64(let a), .uint64(let b)): return a[i] == b[j]
        case (.float32(let a), .float32(let b)): return a[i] == b[j]
        case (.float64(let a), .float64(let b)): return a[i] == b[j]
        case (.string(let ao, let ab), .string(let bo, let bb)):
            return ab[ao[i]..<ao[i + 1]].elementsEqual(bb[bo[j]..<bo[j + 1]])
        default:
            return ValueOrder.equal(value(at: i), other.value(at: j))
        }
    }
}
