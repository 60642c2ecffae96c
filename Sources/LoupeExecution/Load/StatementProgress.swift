// What a long-running statement reports while it reads a file, for progress displays.

/// How far a file load has got.
public struct StatementProgress: Sendable, Equatable {
    /// Rows read so far (stored, or skipped as bad).
    public var rows: Int
    /// Bytes of the file read so far (compressed bytes for a compressed file).
    public var bytesRead: Int
    /// The file's size, when known.
    public var totalBytes: Int?

    public init(rows: Int, bytesRead: Int, totalBytes: Int?) {
        self.rows = rows
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
    }
}
