// toInt8 … toUInt64, toFloat32/64, toBool, toString (which drops a FixedString's padding),
// toFixedString, toDate, toDateTime, their OrZero / OrNull forms, and toTypeName. Each converts
// through `Cast` to the declared result type; the OrZero / OrNull forms retry row by row when the
// whole column does not convert.

import LoupeCore

/// Conversion functions.
enum ConversionFunctions {
    static let entries: [String: FunctionEntry] = {
        var all: [String: FunctionEntry] = [:]
        let targets = [
            "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float32", "Float64", "Date",
            "DateTime",
        ]
        for name in targets {
            all["to" + name] = FunctionEntry(convert)
            all["to" + name + "OrZero"] = FunctionEntry { try convertOrDefault($0, null: false) }
            all["to" + name + "OrNull"] = FunctionEntry(.custom) { try convertOrDefault($0, null: true) }
        }
        all["toBool"] = FunctionEntry(convert)
        all["toString"] = FunctionEntry(toString)
        all["toFixedString"] = FunctionEntry(convert)
        all["toTypeName"] = FunctionEntry(.custom) { call in
            try call.expectArguments(1)
            return call.constantColumn(.string(call.arguments[0].type.description))
        }
        return all
    }()

    /// The first argument converted to the result type (extra arguments, like toFixedString's
    /// length, are already part of that type).
    private static func convert(_ call: FunctionCall) throws -> Column {
        try call.expectArguments(1, 2)
        let arg = call.arguments[0]
        let target = arg.type.isNullable ? call.resultType.asNullable : call.resultType
        let c = try arg.converted(to: target).materialize(count: call.count)
        return Column(type: call.resultType, data: c.data, nulls: call.resultType.isNullable ? c.nulls : nil)
    }

    /// `toString(x)`; of a FixedString, without its trailing zero bytes (ClickHouse:
    /// `length(toString(toFixedString('ab', 4)))` is 2, while `length` of the FixedString is 4).
    private static func toString(_ call: FunctionCall) throws -> Column {
        let converted = try convert(call)
        guard case .fixedString = call.arguments[0].type.nonNullable,
            case .string(let offsets, let bytes) = converted.data
        else { return converted }
        var out = StringBuffer(capacity: call.count)
        for i in 0..<call.count {
            var end = offsets[i + 1]
            while end > offsets[i], bytes[end - 1] == 0 { end -= 1 }
            out.append(bytes[offsets[i]..<end])
        }
        return Column(type: converted.type, data: out.column(converted.type).data, nulls: converted.nulls)
    }

    /// Conversion where rows that do not convert become the type default (OrZero) or NULL (OrNull).
    private static func convertOrDefault(_ call: FunctionCall, null: Bool) throws -> Column {
        try call.expectArguments(1)
        let arg = call.arguments[0]
        let target = call.resultType.asNullable
        let column = arg.materialize(count: call.count)
        if let whole = try? Cast.convert(column, to: target) {
            return Column(
                type: call.resultType, data: whole.data, nulls: call.resultType.isNullable ? whole.nulls : nil)
        }
        var builder = ColumnBuilder(type: call.resultType, capacity: call.count)
        for i in 0..<call.count {
            let one = column.slice(i..<(i + 1))
            if let v = try? Cast.convert(one, to: target), !v.isNull(0) {
                builder.append(v.value(at: 0))
            } else if null || column.isNull(i) {
                builder.appendNull()
            } else {
                builder.append(call.resultType.nonNullable.defaultValue)
            }
        }
        return builder.finish()
    }
}
