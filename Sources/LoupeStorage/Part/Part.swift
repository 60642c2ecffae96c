// An immutable part: a directory of column page files plus the index that maps them. Reading a
// page goes through the database's page cache, verifies the page and reports damage as
// `.corrupt` naming the file and page. A part that a commit drops (merged away, truncated,
// rewritten) is only marked obsolete: its directory is removed when the last snapshot using it
// lets go of it, so running queries keep reading it.

import Foundation
import LoupeCore

/// One part of a table on disk.
final class Part: @unchecked Sendable {
    let name: String
    let directory: String
    let index: PartIndex
    /// Process-unique id, the page cache's key.
    let id: UInt64
    /// The part's vector indexes, mapped from their files on first use.
    let vectorIndexes = PartVectorIndexes()
    private let context: StorageContext
    private let table: TableLifetime
    private let lock = NSLock()
    // Guarded by `lock`.
    private var obsolete = false

    init(name: String, directory: String, index: PartIndex, context: StorageContext, table: TableLifetime) {
        self.name = name
        self.directory = directory
        self.index = index
        self.context = context
        self.table = table
        id = context.nextPartID()
    }

    /// Opens the part in `directory` after checking its index and that every column file exists
    /// and has the length the index gives it. Columns must be of `types`.
    static func open(
        name: String, directory: String, types: [DataType], context: StorageContext, table: TableLifetime
    ) throws -> Part {
        let io = context.io
        guard io.kind(of: directory) == .directory else {
            throw LoupeError(.corrupt, "Part directory \(directory) is missing", file: directory)
        }
        let indexPath = joinPath(directory, PartIndex.fileName)
        guard io.kind(of: indexPath) == .file else {
            throw LoupeError(.corrupt, "Part index \(indexPath) is missing", file: indexPath)
        }
        let index = try PartIndex.decode(try io.readFile(indexPath), path: indexPath)
        let stored = index.columns.map(\.type)
        guard stored == types else {
            throw LoupeError(
                .corrupt,
                "Part \(directory) holds columns of types (\(stored.map(\.description).joined(separator: ", "))), "
                    + "the table (\(types.map(\.description).joined(separator: ", ")))", file: indexPath)
        }
        for (c, column) in index.columns.enumerated() {
            let path = joinPath(directory, columnFileName(c))
            guard io.kind(of: path) == .file else {
                throw LoupeError(.corrupt, "Column file \(path) is missing", file: path)
            }
            let file = try io.open(path, mode: .read)
            defer { io.close(file) }
            let size = try io.size(file)
            guard size == column.fileSize else {
                throw LoupeError(
                    .corrupt, "Column file \(path) holds \(size) bytes, its part index says \(column.fileSize)",
                    file: path, page: size < column.fileSize ? column.sizes.count - 1 : nil)
            }
        }
        return Part(name: name, directory: directory, index: index, context: context, table: table)
    }

    /// The file name of column `c`'s pages.
    static func columnFileName(_ c: Int) -> String { "c\(c).pages" }

    var rowCount: Int { index.rowCount }

    /// The file operations of the part's database.
    var io: FileIO { context.io }

    /// Page `page` of column `column`, from the cache or the file. Merges pass `cacheResult:
    /// false` so a one-off pass does not evict the pages queries use.
    func page(column: Int, _ page: Int, cacheResult: Bool = true) throws -> Column {
        let key = PageCache.Key(part: id, column: column, page: page)
        if let hit = context.cache.value(for: key) { return hit }
        let decoded = try readPage(column: column, page)
        if cacheResult { context.cache.insert(decoded, for: key) }
        return decoded
    }

    private func readPage(column c: Int, _ p: Int) throws -> Column {
        let io = context.io
        let path = joinPath(directory, Self.columnFileName(c))
        let pages = index.columns[c]
        let rows = index.pageRows[p]
        let file: OpenFile
        do {
            file = try io.open(path, mode: .read)
        } catch {
            if io.kind(of: path) == nil {
                throw LoupeError(.corrupt, "Column file \(path) is missing", file: path, page: p)
            }
            throw error
        }
        defer { io.close(file) }
        // Each read opens the file anew, so the kernel's sequential read-ahead never warms up:
        // ask for this page and the next one explicitly, so cold scans read in large requests and
        // the next page arrives while this one is decoded.
        let readEnd = p + 1 < pages.offsets.count ? pages.offsets[p + 1] + pages.sizes[p + 1] : pages.offsets[p] + pages.sizes[p]
        io.adviseWillRead(file, offset: pages.offsets[p], length: readEnd - pages.offsets[p])
        do {
            let column: Column
            if let dimension = pages.vectorDimension {
                column = try readVectors(file, offset: pages.offsets[p], size: pages.sizes[p], rows: rows, dimension: dimension)
            } else {
                var bytes = [UInt8](repeating: 0, count: pages.sizes[p])
                let got = try bytes.withUnsafeMutableBytes { try io.readFully(file, into: $0, at: pages.offsets[p]) }
                guard got == bytes.count else { throw FormatError("the file ends \(bytes.count - got) bytes early") }
                column = try bytes.withUnsafeBytes {
                    try PageDecoder.decode($0, type: pages.type, expectedRows: rows)
                }
            }
            context.countRead(pages.sizes[p])
            return column
        } catch let error as FormatError {
            throw LoupeError(.corrupt, "Page \(p) of \(path) is damaged: \(error.message)", file: path, page: p)
        }
    }

    /// A page of raw vectors, read straight into the float buffer the column will own.
    private func readVectors(_ file: OpenFile, offset: Int, size: Int, rows: Int, dimension: Int) throws -> Column {
        let io = context.io
        var headerBytes = [UInt8](repeating: 0, count: PageHeader.size)
        let got = try headerBytes.withUnsafeMutableBytes { try io.readFully(file, into: $0, at: offset) }
        guard got == PageHeader.size else { throw FormatError("the file ends inside the page header") }
        let header = try headerBytes.withUnsafeBytes {
            try PageDecoder.verifiedHeader($0, pageSize: size, expectedRows: rows)
        }
        guard header.layout == .fixedVectors, header.codec == .plain, header.dimension == dimension,
            header.rawSize == header.storedSize, rows * dimension * MemoryLayout<Float>.stride == header.storedSize
        else { throw FormatError("the page is not \(rows) raw vectors of \(dimension) floats") }
        let count = rows * dimension
        let floats = try [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            // The buffer holds `count` floats, exactly the payload's `storedSize` bytes. Advised
            // before the first write, a 4 MiB page of vectors is backed by huge pages: fewer faults
            // on a cold read, fewer TLB misses in every exact scan that follows.
            let payload = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[0..<(count * MemoryLayout<Float>.stride)])
            HugePages.advise(payload)
            let read = try io.readFully(file, into: payload, at: offset + PageHeader.size)
            guard read == payload.count else { throw FormatError("the file ends \(payload.count - read) bytes early") }
            let crc = headerBytes.withUnsafeBytes {
                PageHeader.checksum(header: $0, payload: UnsafeRawBufferPointer(payload))
            }
            guard crc == header.checksum else { throw FormatError("checksum mismatch") }
            initialized = count
        }
        return ColumnCodec.fixedVectorColumn(floats, rows: rows, dimension: dimension)
    }

    /// The bounds of page `page` when the part keeps them for `column`.
    func bounds(page: Int, column: Int) -> PageBounds? {
        guard let keyBounds = index.keyBounds, keyBounds.column == column else { return nil }
        return keyBounds.pages[page]
    }

    /// Marks the part as no longer live: its files go when the last reference does.
    func markObsolete() {
        lock.withLock { obsolete = true }
    }

    /// Whether a commit has dropped the part.
    var isObsolete: Bool { lock.withLock { obsolete } }

    deinit {
        context.cache.removeAll(part: id)
        if lock.withLock({ obsolete }), table.isLive, !context.isClosed {
            try? context.io.removeRecursively(directory)
        }
    }
}

/// Whether a table's directory still belongs to the store that opened it. A dropped (or
/// re-created) table's parts must not delete files when they are finally released.
final class TableLifetime: @unchecked Sendable {
    private let lock = NSLock()
    private var live = true

    var isLive: Bool { lock.withLock { live } }

    func end() {
        lock.withLock { live = false }
    }
}
