// The knobs of a database on disk: how much decoded data the page cache keeps, how big parts
// grow before an append starts a new one, and when and how far background merges go.

import Foundation

/// Settings of a `DiskDatabase`.
public struct DiskOptions: Sendable {
    /// Bytes of decoded pages the cache keeps (shared by every table of the database). Default:
    /// a quarter of physical memory, at most 4 GiB.
    public var pageCacheBytes: Int
    /// Rows after which a streaming append closes its part and starts another.
    public var partRows: Int
    /// Raw (decoded) bytes after which a streaming append closes its part and starts another.
    public var partBytes: Int
    /// Background merges run while a table has more parts than this.
    public var mergeThreshold: Int
    /// Most parts one merge combines.
    public var maxPartsPerMerge: Int
    /// Largest total size (bytes on disk) of the parts one background merge combines.
    public var maxMergeBytes: Int
    /// Whether merges run in the background after commits (`optimize` always merges).
    public var backgroundMerges: Bool

    public init(
        pageCacheBytes: Int = DiskOptions.defaultPageCacheBytes, partRows: Int = 1_048_576,
        partBytes: Int = 256 << 20, mergeThreshold: Int = 10, maxPartsPerMerge: Int = 10,
        maxMergeBytes: Int = 4 << 30, backgroundMerges: Bool = true
    ) {
        precondition(partRows > 0 && partBytes > 0 && maxPartsPerMerge >= 2 && mergeThreshold >= 1)
        self.pageCacheBytes = pageCacheBytes
        self.partRows = partRows
        self.partBytes = partBytes
        self.mergeThreshold = mergeThreshold
        self.maxPartsPerMerge = maxPartsPerMerge
        self.maxMergeBytes = maxMergeBytes
        self.backgroundMerges = backgroundMerges
    }

    /// A quarter of physical memory, at most 4 GiB.
    public static var defaultPageCacheBytes: Int {
        min(Int(clamping: ProcessInfo.processInfo.physicalMemory / 4), 4 << 30)
    }
}
