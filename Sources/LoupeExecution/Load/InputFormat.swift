// The text formats `INSERT ... FROM INFILE` reads, named as ClickHouse names them, the format a
// file name implies when the statement names none (as clickhouse-client infers it from the
// extension), and the input settings that change how rows are read.

import LoupeCore

/// A format of loaded files.
public enum InputFormat: String, Sendable, CaseIterable {
    case tsv = "TSV"
    case tsvWithNames = "TSVWithNames"
    case csv = "CSV"
    case csvWithNames = "CSVWithNames"
    case jsonEachRow = "JSONEachRow"

    /// The format called `name` (any letter case; `TabSeparated`, `TabSeparatedWithNames`,
    /// `JSONLines` and `NDJSON` are ClickHouse's other names), or nil.
    public init?(name: String) {
        switch name.lowercased() {
        case "tsv", "tabseparated": self = .tsv
        case "tsvwithnames", "tabseparatedwithnames": self = .tsvWithNames
        case "csv": self = .csv
        case "csvwithnames": self = .csvWithNames
        case "jsoneachrow", "jsonlines", "ndjson": self = .jsonEachRow
        default: return nil
        }
    }

    /// The format named in a statement, or implied by `path`'s extension when `name` is nil.
    static func resolve(name: String?, path: String) throws -> InputFormat {
        if let name {
            guard let format = InputFormat(name: name) else {
                throw LoupeError(
                    .unsupported,
                    "Unknown input format '\(name)'; expected one of "
                        + InputFormat.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return format
        }
        let base = FileCompression.strippingExtension(path)
        let ext = base.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "tsv", "tab": return .tsv
        case "csv": return .csv
        case "jsonl", "ndjson": return .jsonEachRow
        default:
            throw LoupeError(
                .unsupported,
                "Cannot determine the format of '\(path)' from its extension; add FORMAT (TSV, CSV, JSONEachRow, ...)")
        }
    }

    /// Whether the first row names the columns.
    var hasHeader: Bool { self == .tsvWithNames || self == .csvWithNames }
}

/// Input settings, from `SETTINGS` of the statement, with ClickHouse's defaults.
struct LoadOptions: Sendable {
    var allowErrorsNum = 0
    var allowErrorsRatio = 0.0
    var skipUnknownFields = true
    var useHeader = true
    var nullAsDefault = true
    var csvEmptyAsDefault = true
    var tsvEmptyAsDefault = false
    var defaultsForOmittedFields = true
    var csvDelimiter = UInt8(ascii: ",")
    var csvSingleQuotes = false
    var csvDoubleQuotes = true
    var parallel = true

    init(_ settings: [String: Value]) throws {
        func int(_ name: String) throws -> Int? {
            guard let value = settings[name] else { return nil }
            guard let n = value.int64Value ?? value.doubleValue.map({ Int64($0) }), n >= 0 else {
                throw LoupeError(
                    .type,
                    "Setting \(name) must be a non-negative integer, got \(ValueFormatter.text(value, quoteStrings: true))"
                )
            }
            return Int(n)
        }
        func flag(_ name: String) throws -> Bool? {
            guard let value = settings[name] else { return nil }
            if case .string(let s) = value {
                switch s.lowercased() {
                case "1", "true": return true
                case "0", "false": return false
                default: break
                }
            }
            guard let n = value.int64Value else {
                throw LoupeError(
                    .type, "Setting \(name) must be 0 or 1, got \(ValueFormatter.text(value, quoteStrings: true))")
            }
            return n != 0
        }
        allowErrorsNum = try int("input_format_allow_errors_num") ?? 0
        if let ratio = settings["input_format_allow_errors_ratio"] {
            guard let r = ratio.doubleValue, r >= 0 else {
                throw LoupeError(.type, "Setting input_format_allow_errors_ratio must be a number in [0, 1]")
            }
            allowErrorsRatio = r
        }
        skipUnknownFields = try flag("input_format_skip_unknown_fields") ?? true
        useHeader = try flag("input_format_with_names_use_header") ?? true
        nullAsDefault = try flag("input_format_null_as_default") ?? true
        csvEmptyAsDefault = try flag("input_format_csv_empty_as_default") ?? true
        tsvEmptyAsDefault = try flag("input_format_tsv_empty_as_default") ?? false
        defaultsForOmittedFields = try flag("input_format_defaults_for_omitted_fields") ?? true
        csvSingleQuotes = try flag("format_csv_allow_single_quotes") ?? false
        csvDoubleQuotes = try flag("format_csv_allow_double_quotes") ?? true
        parallel = try flag("input_format_parallel_parsing") ?? true
        if let delimiter = settings["format_csv_delimiter"] {
            guard case .string(let s) = delimiter, s.utf8.count == 1, let byte = s.utf8.first else {
                throw LoupeError(.type, "Setting format_csv_delimiter must be a single character")
            }
            csvDelimiter = byte
        }
    }
}
