// The on-disk `TableStore`: a table is a directory holding a manifest and a `parts/` directory of
// immutable parts. Every change writes what it needs (new parts, new delete masks) durably, then
// swaps the manifest in one atomic rename; that rename is the commit. Readers take the list of
// live parts under a short lock and never wait for writers. This file holds the state, opening and
// the commit step; the mutations, appends and merges live in their own files.

import Foundation
import LoupeCore

/// A table's rows in immutable parts on disk behind a manifest.
public final class DiskTableStore: TableStore, @unchecked Sendable {
    /// The column types, in table order.
    public let types: [DataType]
    /// The column whose per-page bounds parts keep, for key-range scans.
    public let sortKeyColumn: Int?
    /// The table's directory.
    public let directory: String
    let context: StorageContext
    let lifetime = TableLifetime()
    /// Serializes commits. DELETE and UPDATE hold it while they scan; appends and merges only
    /// while they swap the manifest.
    let commitLock = NSLock()
    /// Guards `indexSpecs` and `indexBuild`.
    let indexLock = NSLock()
    /// The vector indexes every part should have.
    var indexSpecs: [VectorIndexSpec] = []
    /// The build running now: its index file name, the part's rows and the fraction done.
    var indexBuild: (fileName: String, rows: Int, fraction: Double)?
    private let stateLock = NSLock()
    // Guarded by `stateLock`.
    private var live: [LivePart]
    private var sequence: UInt64
    private var nextPartNumber: UInt64
    private var committedManifest: [UInt8]
    private var failure: LoupeError?

    private init(
        directory: String, types: [DataType], sortKeyColumn: Int?, context: StorageContext, manifest: Manifest,
        manifestBytes: [UInt8], live: [LivePart]
    ) {
        self.directory = directory
        self.types = types
        self.sortKeyColumn = sortKeyColumn
        self.context = context
        self.live = live
        sequence = manifest.sequence
        nextPartNumber = manifest.nextPartNumber
        committedManifest = manifestBytes
    }

    var partsDirectory: String { joinPath(directory, "parts") }
    private var manifestPath: String { joinPath(directory, Manifest.fileName) }
    private var temporaryManifestPath: String { joinPath(directory, Manifest.temporaryFileName) }
    var io: FileIO { context.io }

    // MARK: Creating and opening

    /// Creates an empty table in `directory` (replacing anything there), durably.
    static func create(directory: String, types: [DataType], sortKeyColumn: Int?, context: StorageContext) throws
        -> DiskTableStore
    {
        let io = context.io
        let manifest = Manifest(sequence: 1, nextPartNumber: 1, types: types, sortKeyColumn: sortKeyColumn, parts: [])
        let bytes = manifest.encoded()
        do {
            try io.removeRecursively(directory)
            try io.createDirectory(directory)
            try io.createDirectory(joinPath(directory, "parts"))
            try io.writeFileDurably(joinPath(directory, Manifest.fileName), bytes)
            try io.syncDirectory(directory)
            try io.syncDirectory(parentDirectory(of: directory))
        } catch {
            try? io.removeRecursively(directory)
            throw error
        }
        return DiskTableStore(
            directory: directory, types: types, sortKeyColumn: sortKeyColumn, context: context, manifest: manifest,
            manifestBytes: bytes, live: [])
    }

    /// Opens the table in `directory`: reads and checks the manifest, every live part's index and
    /// mask, then removes what the manifest does not name (unfinished parts, old masks and
    /// manifests, parts dropped before a crash).
    static func open(directory: String, types: [DataType], sortKeyColumn: Int?, context: StorageContext) throws
        -> DiskTableStore
    {
        let io = context.io
        guard io.kind(of: directory) == .directory else {
            throw LoupeError(.corrupt, "Table directory \(directory) is missing", file: directory)
        }
        let manifestPath = joinPath(directory, Manifest.fileName)
        guard io.kind(of: manifestPath) == .file else {
            throw LoupeError(.corrupt, "Manifest \(manifestPath) is missing", file: manifestPath)
        }
        let bytes = try io.readFile(manifestPath)
        let manifest = try Manifest.decode(bytes, path: manifestPath)
        guard manifest.types == types else {
            throw LoupeError(
                .corrupt,
                "The manifest \(manifestPath) lists columns (\(manifest.types.map(\.description).joined(separator: ", "))), "
                    + "the catalog (\(types.map(\.description).joined(separator: ", ")))", file: manifestPath)
        }
        let store = DiskTableStore(
            directory: directory, types: types, sortKeyColumn: sortKeyColumn, context: context, manifest: manifest,
            manifestBytes: bytes, live: [])
        var parts: [LivePart] = []
        for entry in manifest.parts {
            guard let number = PartName.number(of: entry.name), number < manifest.nextPartNumber else {
                throw LoupeError(
                    .corrupt, "The manifest \(manifestPath) names part \(entry.name) beyond its part counter",
                    file: manifestPath)
            }
            let partDirectory = joinPath(store.partsDirectory, entry.name)
            let part = try Part.open(
                name: entry.name, directory: partDirectory, types: types, context: context, table: store.lifetime)
            guard part.rowCount == entry.rowCount else {
                let indexPath = joinPath(partDirectory, PartIndex.fileName)
                throw LoupeError(
                    .corrupt, "Part \(partDirectory) holds \(part.rowCount) rows, the manifest says \(entry.rowCount)",
                    file: indexPath)
            }
            var mask: DeleteMask?
            if let maskName = entry.mask {
                let maskPath = joinPath(partDirectory, maskName)
                guard io.kind(of: maskPath) == .file else {
                    throw LoupeError(.corrupt, "Delete mask \(maskPath) is missing", file: maskPath)
                }
                mask = try DeleteMask.decode(
                    try io.readFile(maskPath), path: maskPath, fileName: maskName, rowCount: part.rowCount)
            }
            parts.append(LivePart(part, mask: mask))
        }
        store.stateLock.withLock { store.live = parts }
        store.removeGarbage(manifest)
        return store
    }

    /// Removes every file of the table directory the manifest does not name (best effort).
    private func removeGarbage(_ manifest: Manifest) {
        for name in (try? io.contentsOfDirectory(directory)) ?? [] where name != Manifest.fileName && name != "parts" {
            try? io.removeRecursively(joinPath(directory, name))
        }
        if io.kind(of: partsDirectory) != .directory { try? io.createDirectory(partsDirectory) }
        let masks = Dictionary(manifest.parts.map { ($0.name, $0.mask) }, uniquingKeysWith: { first, _ in first })
        for name in (try? io.contentsOfDirectory(partsDirectory)) ?? [] {
            let path = joinPath(partsDirectory, name)
            guard let mask = masks[name] else {
                try? io.removeRecursively(path)
                continue
            }
            for file in (try? io.contentsOfDirectory(path)) ?? [] where DeleteMask.isMaskFile(file) && file != mask {
                try? io.removeRecursively(joinPath(path, file))
            }
        }
    }

    // MARK: State

    /// The live parts, in order.
    func currentParts() -> [LivePart] {
        stateLock.withLock { live }
    }

    /// The sequence number of the committed manifest.
    var currentSequence: UInt64 {
        stateLock.withLock { sequence }
    }

    public var rowCount: Int {
        currentParts().reduce(0) { $0 + $1.liveRows }
    }

    /// Number of live parts.
    public var partCount: Int {
        currentParts().count
    }

    public func snapshot() -> TableSnapshot {
        DiskSnapshot(parts: currentParts())
    }

    /// Throws when the table no longer accepts changes: the database is closed, the table was
    /// dropped, or an earlier failure left its manifest in doubt.
    func checkWritable() throws {
        try context.checkOpen()
        guard lifetime.isLive else { throw LoupeError(.io, "Table \(directory) was removed", file: directory) }
        if let failure = stateLock.withLock({ failure }) { throw failure }
    }

    /// Stops the store from changing or deleting anything in its directory (the table is being
    /// dropped or replaced, or the database closed).
    func invalidate() {
        lifetime.end()
    }

    /// A writer for a new part with a fresh name.
    func makeWriter(level: Int) throws -> PartWriter {
        let number = stateLock.withLock {
            defer { nextPartNumber += 1 }
            return nextPartNumber
        }
        return try PartWriter(
            partsDirectory: partsDirectory, name: PartName.make(number), types: types, sortKeyColumn: sortKeyColumn,
            level: level, context: context, table: lifetime)
    }

    // MARK: Committing

    /// Makes `parts` the live parts with one manifest swap (caller holds `commitLock`). When it
    /// throws, the previous manifest is still in force and `newParts` and `newMasks` (paths) are
    /// removed. Parts that drop out are deleted once no snapshot uses them; masks that are
    /// replaced are deleted now (snapshots hold their bitmaps in memory).
    func install(_ parts: [LivePart], newParts: [Part], newMasks: [String]) throws {
        let (previous, previousSequence, next, previousBytes) = stateLock.withLock {
            (live, sequence, nextPartNumber, committedManifest)
        }
        let manifest = Manifest(
            sequence: previousSequence + 1, nextPartNumber: next, types: types, sortKeyColumn: sortKeyColumn,
            parts: parts.map { Manifest.Entry(name: $0.part.name, rowCount: $0.part.rowCount, mask: $0.mask?.fileName) })
        let bytes = manifest.encoded()
        var renamed = false
        do {
            try checkWritable()
            try io.replaceFileAtomically(manifestPath, with: bytes, temporary: temporaryManifestPath, renamed: &renamed)
        } catch {
            if renamed {
                // The new manifest is in place but its directory entry may not be durable: put the
                // old one back so memory and disk agree on the old state.
                var restored = false
                try? io.replaceFileAtomically(
                    manifestPath, with: previousBytes, temporary: temporaryManifestPath, renamed: &restored)
                if !restored {
                    stateLock.withLock {
                        failure = LoupeError(
                            .io, "Table \(directory) must be reopened: its manifest is in doubt after \(error)",
                            file: manifestPath)
                    }
                    throw error
                }
            }
            discard(newParts, masks: newMasks)
            throw error
        }
        stateLock.withLock {
            live = parts
            sequence = manifest.sequence
            committedManifest = bytes
        }
        retire(previous, keeping: parts)
        scheduleIndexBuilds()
    }

    /// Marks the parts of `previous` that `current` dropped obsolete and deletes replaced masks.
    private func retire(_ previous: [LivePart], keeping current: [LivePart]) {
        let keptParts = Set(current.map { ObjectIdentifier($0.part) })
        let keptMasks = Set(current.compactMap { $0.mask.map(ObjectIdentifier.init) })
        for old in previous {
            if !keptParts.contains(ObjectIdentifier(old.part)) {
                old.part.markObsolete()
            } else if let mask = old.mask, !keptMasks.contains(ObjectIdentifier(mask)) {
                try? io.removeRecursively(joinPath(old.part.directory, mask.fileName))
            }
        }
    }

    /// Deletes parts and mask files no manifest names (best effort; the next open retries).
    func discard(_ parts: [Part], masks: [String] = []) {
        guard lifetime.isLive else { return }
        for part in parts { try? io.removeRecursively(part.directory) }
        for mask in masks { try? io.removeRecursively(mask) }
    }
}
