// `INSERT INTO t FROM INFILE 'path' ...` after binding: the target table and columns, the file and
// how to read it (compression, format and input settings, as written — the execution layer
// resolves defaults from the file name), the DEFAULT expressions that fill columns a file does
// not provide, and the CHECK constraints every loaded row must pass.

import LoupeCore

/// A bound load of a file into a table.
public struct FileLoad: Hashable, Sendable {
    public var table: TableDefinition
    /// The table columns the file's fields fill, in field order: the INSERT's column list, or
    /// every column. A header row (TSVWithNames, CSVWithNames) or JSON keys name columns instead.
    public var targetColumns: [Int]
    /// The file, as written (relative paths are relative to the working directory).
    public var path: String
    /// `COMPRESSION '...'` as written; nil when the extension decides.
    public var compression: String?
    /// `FORMAT name` as written; nil when the extension decides.
    public var format: String?
    /// Input settings (`input_format_allow_errors_num`, ...), checked against the known names.
    public var settings: QuerySettings
    /// The DEFAULT expression of every table column that has one, bound over the table row: it
    /// fills rows where the file has no value for the column.
    public var defaults: [Int: BoundExpr]
    public var checks: [BoundCheck]

    public init(
        table: TableDefinition, targetColumns: [Int], path: String, compression: String?, format: String?,
        settings: QuerySettings, defaults: [Int: BoundExpr], checks: [BoundCheck]
    ) {
        self.table = table
        self.targetColumns = targetColumns
        self.path = path
        self.compression = compression
        self.format = format
        self.settings = settings
        self.defaults = defaults
        self.checks = checks
    }

    /// The settings `INSERT ... FROM INFILE` understands, as ClickHouse names them.
    public static let settingNames: Set<String> = [
        "input_format_allow_errors_num", "input_format_allow_errors_ratio", "input_format_skip_unknown_fields",
        "input_format_with_names_use_header", "input_format_null_as_default", "input_format_csv_empty_as_default",
        "input_format_tsv_empty_as_default", "input_format_defaults_for_omitted_fields",
        "format_csv_delimiter", "format_csv_allow_single_quotes", "format_csv_allow_double_quotes",
        "input_format_parallel_parsing",
    ]
}
