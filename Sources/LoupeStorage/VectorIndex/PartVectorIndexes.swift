// The vector indexes of one part: each lives in a file of the part directory named after its
// spec (`VectorIndexSpec.fileName`), written once by a build and mapped when first used. A file
// that fails its checks is remembered as damaged (searches then scan the part exactly) and rebuilt
// by the next build pass; a build that fails is remembered as failed and not retried.

import Foundation
import LoupeCore
import LoupeIndex

/// The loaded (or failed) vector indexes of a part, by file name.
final class PartVectorIndexes: @unchecked Sendable {
    /// An index in use and what it cost.
    struct Loaded {
        let index: VectorIndex
        /// Keeps the mapping the index reads from alive.
        let file: MappedFile
        let buildSeconds: Double
    }

    enum State {
        case loaded(Loaded)
        /// The file exists but did not check out.
        case damaged(String)
        /// The last build failed.
        case failed(String)
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    private var states: [String: State] = [:]
    /// Bumped by `retain`, so a load that started before an index was dropped records nothing.
    private var epoch = 0

    /// The state recorded for `fileName`, without touching the file.
    func state(_ fileName: String) -> State? {
        lock.withLock { states[fileName] }
    }

    /// The index of `spec` in `part`, mapping its file on first use; nil when it is not built or
    /// its file is damaged (then the failure is recorded).
    func index(_ spec: VectorIndexSpec, in part: Part, io: FileIO) -> VectorIndex? {
        switch state(spec.fileName) {
        case .loaded(let loaded): return loaded.index
        case .damaged, .failed: return nil
        case nil: break
        }
        let path = joinPath(part.directory, spec.fileName)
        let started = lock.withLock { epoch }
        guard io.kind(of: path) == .file else { return nil }
        do {
            let loaded = try load(spec, path: path, part: part, io: io, buildSeconds: 0)
            return lock.withLock {
                if case .loaded(let existing)? = states[spec.fileName] { return existing.index }
                guard epoch == started else { return nil }
                states[spec.fileName] = .loaded(loaded)
                return loaded.index
            }
        } catch {
            lock.withLock { if epoch == started { states[spec.fileName] = .damaged("\(error)") } }
            return nil
        }
    }

    /// Maps and checks the index file at `path`.
    func load(_ spec: VectorIndexSpec, path: String, part: Part, io: FileIO, buildSeconds: Double) throws -> Loaded {
        let file = try MappedFile(path: path, io: io)
        let index = try VectorIndexFile.decode(
            file.bytes, owner: file, path: path, metric: spec.metric, count: part.rowCount, dimension: spec.dimension)
        return Loaded(index: index, file: file, buildSeconds: buildSeconds)
    }

    func record(_ fileName: String, _ state: State) {
        lock.withLock { states[fileName] = state }
    }

    /// Forgets every index whose file name is not in `keep`.
    func retain(_ keep: Set<String>) {
        lock.withLock {
            states = states.filter { keep.contains($0.key) }
            epoch += 1
        }
    }

    /// Bytes the loaded index of `fileName` holds, its file's size and build time, if loaded.
    func usage(_ fileName: String) -> (memory: Int, disk: Int, seconds: Double)? {
        guard case .loaded(let loaded)? = state(fileName) else { return nil }
        return (loaded.index.memoryBytes, loaded.file.bytes.count, loaded.buildSeconds)
    }
}
