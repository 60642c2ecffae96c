// Writes one part as rows arrive: rows collect until a page (`Batch.capacity` rows) is full, then
// each column's page is encoded and appended to its file, so memory stays at one page per column
// whatever the part's size. Everything is written under `tmp_<name>`; `finish` fsyncs the column
// files, writes the index, fsyncs the directory and renames it into place (then fsyncs the parent),
// so a part directory without the `tmp_` prefix is always complete.

import LoupeCore

/// Writes a new part.
final class PartWriter {
    let name: String
    let types: [DataType]
    private let partsDirectory: String
    private let temporaryDirectory: String
    private let finalDirectory: String
    private let sortKeyColumn: Int?
    private let level: Int
    private let context: StorageContext
    private let table: TableLifetime
    private var files: [OpenFile] = []
    private var columnPages: [PartIndex.ColumnPages]
    private var vectorState: [VectorState]
    private var pageRows: [Int] = []
    private var bounds: [PageBounds] = []
    /// Rows waiting for a full page: pieces of each column.
    private var pending: [[Column]]
    private var pendingRows = 0
    private var state = State.writing

    /// Rows appended so far (written or waiting for a full page).
    private(set) var rowCount = 0
    /// Raw (unencoded) payload bytes written so far.
    private(set) var rawBytes = 0

    private enum State {
        case writing, finished, abandoned
    }

    /// Whether an Array(Float32) column's pages so far all hold raw vectors of one dimension.
    private enum VectorState {
        case undecided
        case fixed(Int)
        case ragged
    }

    /// Starts part `name` in `partsDirectory`.
    init(
        partsDirectory: String, name: String, types: [DataType], sortKeyColumn: Int?, level: Int,
        context: StorageContext, table: TableLifetime
    ) throws {
        self.name = name
        self.types = types
        self.partsDirectory = partsDirectory
        temporaryDirectory = joinPath(partsDirectory, "tmp_" + name)
        finalDirectory = joinPath(partsDirectory, name)
        self.sortKeyColumn = sortKeyColumn
        self.level = level
        self.context = context
        self.table = table
        columnPages = types.map { PartIndex.ColumnPages(type: $0, vectorDimension: nil, offsets: [], sizes: []) }
        vectorState = types.map { $0 == .array(.float32) ? .undecided : .ragged }
        pending = types.map { _ in [] }
        let io = context.io
        do {
            try io.removeRecursively(temporaryDirectory)
            try io.createDirectory(temporaryDirectory)
            for c in types.indices {
                files.append(try io.open(joinPath(temporaryDirectory, Part.columnFileName(c)), mode: .create))
            }
        } catch {
            abandon()
            throw error
        }
    }

    deinit {
        if state == .writing { abandon() }
    }

    /// Appends rows `rows` of `columns` (one column per table column).
    func append(_ columns: [Column], rows: Range<Int>) throws {
        precondition(state == .writing, "append to a finished part")
        precondition(columns.count == types.count)
        var start = rows.lowerBound
        while start < rows.upperBound {
            if pendingRows == 0 && rows.upperBound - start >= Batch.capacity {
                let range = start..<(start + Batch.capacity)
                try writePage(columns.map { $0.rows(in: range) }, rows: Batch.capacity)
                start = range.upperBound
                continue
            }
            let take = min(Batch.capacity - pendingRows, rows.upperBound - start)
            let range = start..<(start + take)
            for c in columns.indices { pending[c].append(columns[c].rows(in: range)) }
            pendingRows += take
            start += take
            if pendingRows == Batch.capacity { try flushPending() }
        }
        rowCount += rows.count
    }

    private func flushPending() throws {
        guard pendingRows > 0 else { return }
        let columns = types.indices.map { Column.concatenating(pending[$0], type: types[$0]) }
        let rows = pendingRows
        pending = types.map { _ in [] }
        pendingRows = 0
        try writePage(columns, rows: rows)
    }

    /// Encodes and appends one page of every column.
    private func writePage(_ columns: [Column], rows: Int) throws {
        for c in columns.indices {
            let page = PageEncoder.encode(columns[c], type: types[c], fixedDimension: vectorDimension(c, columns[c]))
            let offset = columnPages[c].fileSize
            try page.bytes.withUnsafeBytes { try context.io.write(files[c], $0, at: offset) }
            columnPages[c].offsets.append(offset)
            columnPages[c].sizes.append(page.bytes.count)
            rawBytes += page.rawSize
        }
        if let key = sortKeyColumn { bounds.append(PageBounds(of: columns[key])) }
        pageRows.append(rows)
    }

    /// The dimension to store column `c`'s page as raw vectors with, updating the column's state.
    private func vectorDimension(_ c: Int, _ column: Column) -> Int? {
        switch vectorState[c] {
        case .ragged:
            return nil
        case .undecided, .fixed:
            let dimension = ColumnCodec.fixedDimension(of: column, type: types[c])
            switch (vectorState[c], dimension) {
            case (.undecided, let d?):
                vectorState[c] = .fixed(d)
                return d
            case (.fixed(let expected), let d?) where d == expected:
                return d
            default:
                vectorState[c] = .ragged
                return nil
            }
        }
    }

    /// Makes the part complete and durable under its final name; on failure nothing of it stays.
    func finish() throws -> Part {
        precondition(state == .writing, "finish of a finished part")
        precondition(rowCount > 0, "a part needs rows")
        let io = context.io
        do {
            try flushPending()
            for c in columnPages.indices {
                if case .fixed(let d) = vectorState[c] { columnPages[c].vectorDimension = d }
            }
            for file in files { try io.sync(file) }
            closeFiles()
            let index = PartIndex(
                rowCount: rowCount, level: level, pageRows: pageRows, columns: columnPages,
                keyBounds: sortKeyColumn.map { PartIndex.KeyBounds(column: $0, pages: bounds) })
            try io.writeFileDurably(joinPath(temporaryDirectory, PartIndex.fileName), index.encoded())
            try io.syncDirectory(temporaryDirectory)
            try io.rename(temporaryDirectory, to: finalDirectory)
            state = .finished
            try io.syncDirectory(partsDirectory)
            return Part(name: name, directory: finalDirectory, index: index, context: context, table: table)
        } catch {
            abandon()
            throw error
        }
    }

    /// Removes whatever was written (best effort: the next open removes leftovers). Once the table
    /// is gone or the database closed, the files are left for the next open.
    func abandon() {
        closeFiles()
        state = .abandoned
        guard table.isLive else { return }
        try? context.io.removeRecursively(temporaryDirectory)
        try? context.io.removeRecursively(finalDirectory)
    }

    private func closeFiles() {
        for file in files { context.io.close(file) }
        files = []
    }
}
