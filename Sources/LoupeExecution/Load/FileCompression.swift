// The compressions INSERT ... FROM INFILE reads and SELECT ... INTO OUTFILE writes, named as
// ClickHouse names them, and how a file name implies one (`.gz`, `.lz4`), as clickhouse-client
// does when no COMPRESSION clause is given.

import LoupeCore

/// How a loaded or written file is compressed.
public enum FileCompression: String, Sendable, CaseIterable {
    case none
    case gzip
    case lz4

    /// The compression `name` (`'none'`, `'gzip'`/`'gz'`, `'lz4'`, `'auto'`) asks for; `'auto'`
    /// and nil mean the one `path`'s extension implies.
    public init(name: String?, path: String) throws {
        switch name?.lowercased() {
        case nil, "auto", "": self = Self.implied(by: path)
        case "none": self = .none
        case "gzip", "gz": self = .gzip
        case "lz4": self = .lz4
        case let other?:
            throw LoupeError(
                .unsupported, "Unsupported compression '\(other)': expected 'none', 'gzip' or 'lz4'")
        }
    }

    /// The compression a file name's extension implies.
    public static func implied(by path: String) -> FileCompression {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".gz") || lowered.hasSuffix(".gzip") { return .gzip }
        if lowered.hasSuffix(".lz4") { return .lz4 }
        return .none
    }

    /// `path` without the extension of its compression (`photos.tsv.gz` → `photos.tsv`).
    static func strippingExtension(_ path: String) -> String {
        let lowered = path.lowercased()
        for suffix in [".gzip", ".gz", ".lz4"] where lowered.hasSuffix(suffix) {
            return String(path.dropLast(suffix.count))
        }
        return path
    }
}
