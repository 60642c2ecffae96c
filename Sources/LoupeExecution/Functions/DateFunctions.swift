// now() and today(): the statement's start time (the same in every row and batch of one
// statement), as DateTime seconds and Date days, both UTC.

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
            let t = call.context.statementTime
            return call.constantColumn(.date(Int32(t >= 0 ? t / 86400 : (t - 86399) / 86400)))
        },
    ]
}
