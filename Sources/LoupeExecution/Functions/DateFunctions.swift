// Time functions, all in UTC: now() and today() (the statement's start time, the same in every
// row and batch of one statement), the calendar parts of a Date or DateTime (toYear, toMonth,
// toDayOfMonth, toDayOfWeek with Monday = 1, toHour, toMinute, toSecond, toYYYYMM) and truncations
// (toStartOfYear, toStartOfMonth, toStartOfDay, toStartOfHour), plus toUnixTimestamp.

import LoupeCore

/// Time functions.
enum DateFunctions {
    static let entries: [String: FunctionEntry] = [
        "now": FunctionEntry { call in
            try call.expectArguments(0, 1)
            return call.constantColumn(.dateTime(call.context.statementTime))
        },
        "today": FunctionEntry { call in
            try call.expectArguments(0)
            return call.constantColumn(.date(Int32(days(ofSeconds: call.context.statementTime))))
        },
        "toYear": part { t in Int64(civil(t).0) },
        "toMonth": part { t in Int64(civil(t).1) },
        "toDayOfMonth": part { t in Int64(civil(t).2) },
        "toYYYYMM": part { t in Int64(civil(t).0 * 100 + civil(t).1) },
        "toDayOfWeek": part { t in (days(ofSeconds: t) % 7 + 10) % 7 + 1 },
        "toHour": part { t in seconds(ofDay: t) / 3600 },
        "toMinute": part { t in seconds(ofDay: t) / 60 % 60 },
        "toSecond": part { t in seconds(ofDay: t) % 60 },
        "toUnixTimestamp": part { t in t },
        "toStartOfDay": part { t in t &- seconds(ofDay: t) },
        "toStartOfHour": part { t in t &- seconds(ofDay: t) % 3600 },
        "toStartOfMonth": part { t in
            let (y, m, _) = civil(t)
            return ValueFormatter.daysFromCivil(year: y, month: m, day: 1)
        },
        "toStartOfYear": part { t in ValueFormatter.daysFromCivil(year: civil(t).0, month: 1, day: 1) },
    ]

    /// A function of the argument's time in seconds since the epoch (a Date counts as its midnight);
    /// results of Date type are days, of DateTime type seconds, of other types plain numbers.
    private static func part(_ f: @escaping @Sendable (Int64) -> Int64) -> FunctionEntry {
        FunctionEntry { call in
            try call.expectArguments(1, 2)
            let arg = call.arguments[0]
            let perDay: Int64 = arg.type.nonNullable == .date ? 86400 : 1
            let values = NumericKernels.unary(arg.int64Lane(), count: call.count) { f($0 &* perDay) }
            return NumericKernels.column(int64: values, type: call.resultType, nulls: nil)
        }
    }

    /// Whole days since the epoch of a time in seconds (rounding down).
    private static func days(ofSeconds t: Int64) -> Int64 {
        ValueFormatter.days(ofSeconds: t)
    }

    /// Seconds since midnight.
    private static func seconds(ofDay t: Int64) -> Int64 {
        ValueFormatter.secondsOfDay(t)
    }

    /// (year, month, day) of a time in seconds.
    private static func civil(_ t: Int64) -> (Int, Int, Int) {
        ValueFormatter.civilFromDays(days(ofSeconds: t))
    }
}
