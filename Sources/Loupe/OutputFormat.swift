// The result formats shared by the library and the `loupe` command, named as clickhouse-client
// names them.

/// How a result is written as text.
public enum OutputFormat: String, CaseIterable, Sendable {
    case pretty = "Pretty"
    case prettyCompact = "PrettyCompact"
    case tsv = "TSV"
    case tsvWithNames = "TSVWithNames"
    case csv = "CSV"
    case csvWithNames = "CSVWithNames"
    case jsonEachRow = "JSONEachRow"
    case vertical = "Vertical"

    /// Parses a format name case-insensitively (`TabSeparated` is accepted for TSV).
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "tabseparated" { self = .tsv; return }
        if lowered == "tabseparatedwithnames" { self = .tsvWithNames; return }
        guard let match = OutputFormat.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else {
            return nil
        }
        self = match
    }
}
