// The catalog's bytes on disk: `<dir>/catalog` in a checksummed envelope, replaced atomically
// (write `catalog.tmp`, fsync, rename, fsync the directory). The engine owns what the bytes mean.

import LoupeCore

/// Reads and commits a database's catalog file.
struct StoredCatalog {
    static let magic: StaticString = "LPCT"
    static let version: UInt32 = 1
    static let fileName = "catalog"
    static let temporaryFileName = "catalog.tmp"

    let directory: String
    let io: FileIO

    var path: String { joinPath(directory, Self.fileName) }
    private var temporaryPath: String { joinPath(directory, Self.temporaryFileName) }

    /// The committed catalog bytes, or nil when none was ever committed.
    func load() throws -> [UInt8]? {
        guard io.kind(of: path) != nil else { return nil }
        let bytes = try io.readFile(path)
        return try Envelope.unwrap(bytes, magic: Self.magic, version: Self.version, what: "catalog", path: path).payload
    }

    /// Replaces the catalog with `payload`. If only the final directory fsync fails, `previous`
    /// (the last committed payload) is put back, so a failed commit leaves the old catalog.
    func commit(_ payload: [UInt8], previous: [UInt8]?) throws {
        var renamed = false
        do {
            try io.replaceFileAtomically(
                path, with: Envelope.wrap(magic: Self.magic, version: Self.version, payload: payload),
                temporary: temporaryPath, renamed: &renamed)
        } catch {
            if renamed {
                var restored = false
                if let previous {
                    try? io.replaceFileAtomically(
                        path, with: Envelope.wrap(magic: Self.magic, version: Self.version, payload: previous),
                        temporary: temporaryPath, renamed: &restored)
                } else {
                    try? io.removeRecursively(path)
                    try? io.syncDirectory(directory)
                }
            }
            throw error
        }
    }
}
