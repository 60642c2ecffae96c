// What a store needs to know to keep a vector index on its parts, and what it reports back. The
// engine turns a table's `VECTOR INDEX` definitions into specs; the store builds an index file in
// every part that lacks one (in the background) and answers status queries for
// `system.vector_indices`.

import LoupeCore
import LoupeIndex

/// One vector index a table keeps on its parts.
public struct VectorIndexSpec: Hashable, Sendable {
    /// The index name (unique within the table).
    public var name: String
    /// The indexed column's position in the table.
    public var column: Int
    /// Floats per vector (the column's CHECK length).
    public var dimension: Int
    public var metric: Metric
    /// `.flat` for exact search, `.graph` for MSTG and its aliases.
    public var kind: VectorIndexKind
    public var parameters: GraphParameters

    public init(
        name: String, column: Int, dimension: Int, metric: Metric, kind: VectorIndexKind,
        parameters: GraphParameters = GraphParameters()
    ) {
        self.name = name
        self.column = column
        self.dimension = dimension
        self.metric = metric
        self.kind = kind
        self.parameters = parameters
    }

    /// The name of this index's file in a part: a checksum of everything that shapes the index,
    /// so that an index dropped and re-created differently never reuses an old file.
    var fileName: String {
        let identity =
            "\(name)\u{0}\(column)\u{0}\(dimension)\u{0}\(metric.rawValue)\u{0}\(kind.rawValue)\u{0}"
            + "\(parameters.degree)\u{0}\(parameters.efConstruction)"
        let crc = CRC32C.checksum(Array(identity.utf8))
        return Self.filePrefix + String(crc, radix: 16) + Self.fileSuffix
    }

    static let filePrefix = "vindex_"
    static let fileSuffix = ".lpvx"

    /// Whether `name` is a vector index file name.
    static func isIndexFile(_ name: String) -> Bool {
        name.hasPrefix(filePrefix) && name.hasSuffix(fileSuffix)
    }
}

/// The state of one vector index across a table's live parts.
public struct VectorIndexStatus: Hashable, Sendable {
    /// Live parts.
    public var totalParts = 0
    /// Live parts whose index is built and loadable.
    public var builtParts = 0
    /// Rows in live parts, and in those whose index is built.
    public var totalRows = 0
    public var builtRows = 0
    /// Bytes the loaded indexes hold beyond the vectors, and their files' bytes.
    public var memoryBytes = 0
    public var diskBytes = 0
    /// Seconds spent building the indexes of live parts (this process).
    public var buildSeconds = 0.0
    /// The last build error, if the last build of some live part failed.
    public var error: String?
    /// Rows of the part being built now times the fraction of its build done.
    public var rowsInProgress = 0.0

    /// Fraction of the rows indexed, counting the running build's progress, in [0, 1].
    public var progress: Double {
        guard totalRows > 0 else { return 1 }
        return min(1, (Double(builtRows) + rowsInProgress) / Double(totalRows))
    }

    public init() {}
}
