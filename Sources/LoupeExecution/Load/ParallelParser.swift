// Parses chunks on several threads and hands the results back in file order. The calling thread
// reads and cuts chunks and consumes results; up to `workers` parse jobs run at once on a
// concurrent queue, and at most `workers + 1` chunks are read ahead, which bounds the memory in
// flight to a few chunks. Each job owns its `ParseJob` (taken from a pool), so parse state is
// never shared; only the finished, immutable `ParsedChunk`s cross threads. Parsed chunks' byte
// buffers go back to a `ChunkBufferPool` for the reader to refill.

import Dispatch
import Foundation
import LoupeCore

/// Runs a format's chunk parses in parallel, consuming results in order.
final class ParallelParser: @unchecked Sendable {
    // @unchecked: `pool` and `results` are only touched while holding `condition`'s lock; the
    // format is Sendable, and each ParseJob is used by one parse at a time.
    private let format: RowFormat
    private let workers: Int
    private let condition = NSCondition()
    private var pool: [ParseJob]
    private var results: [Int: ParsedChunk] = [:]
    private let queue = DispatchQueue(label: "loupe.load.parse", attributes: .concurrent)
    private let buffers: ChunkBufferPool

    /// `makeJob` creates the per-worker parse state (one per worker); parsed chunks' buffers are
    /// returned to `buffers`.
    init(format: RowFormat, workers: Int, buffers: ChunkBufferPool, makeJob: () -> ParseJob) {
        self.format = format
        self.buffers = buffers
        self.workers = max(1, workers)
        pool = (0..<max(1, workers)).map { _ in makeJob() }
    }

    /// Reads every chunk with `next` and passes each parsed chunk to `consume`, in order. When
    /// `consume` or `next` throws, jobs still running are waited for, then the error is rethrown.
    func run(next: () throws -> TextChunk?, consume: (ParsedChunk) throws -> Void) throws {
        var submitted = 0
        var consumed = 0
        var inputDone = false
        defer { waitForAll(submitted: submitted, consumed: consumed) }
        while true {
            while !inputDone && submitted - consumed <= workers {
                guard let chunk = try next() else {
                    inputDone = true
                    break
                }
                submit(chunk, sequence: submitted)
                submitted += 1
            }
            if consumed == submitted { return }
            let parsed = take(consumed)
            consumed += 1
            try consume(parsed)
        }
    }

    private func submit(_ chunk: TextChunk, sequence: Int) {
        let format = self.format
        let box = ChunkBox(chunk.bytes)
        queue.async { [self] in
            let job = condition.withLock {
                while pool.isEmpty { condition.wait() }
                return pool.removeLast()
            }
            let parsed = box.bytes.withUnsafeBufferPointer { format.parse($0, job: job) }
            buffers.recycle(box.take())
            condition.withLock {
                pool.append(job)
                results[sequence] = parsed
                condition.broadcast()
            }
        }
    }

    /// Waits for the result of chunk `sequence` and removes it.
    private func take(_ sequence: Int) -> ParsedChunk {
        condition.withLock {
            while results[sequence] == nil { condition.wait() }
            return results.removeValue(forKey: sequence)!
        }
    }

    /// Waits until every submitted parse has finished (after an error, before returning).
    private func waitForAll(submitted: Int, consumed: Int) {
        condition.withLock {
            while results.count < submitted - consumed { condition.wait() }
            results = [:]
        }
    }
}

/// A chunk's bytes handed to a parse job, taken back out afterwards so the buffer has a single
/// owner when it is recycled (and is refilled in place, not copied).
private final class ChunkBox: @unchecked Sendable {
    // @unchecked: used by one parse job at a time, after the submitting thread let go of it.
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }
}

/// Chunk buffers that were parsed, kept for the reader to fill again: reused pages need no
/// fresh mapping and zeroing by the kernel.
final class ChunkBufferPool: @unchecked Sendable {
    // @unchecked: `spare` is only touched under `lock`.
    private let lock = NSLock()
    private var spare: [[UInt8]] = []

    func recycle(_ buffer: [UInt8]) {
        lock.withLock { if spare.count < 8 { spare.append(buffer) } }
    }

    /// A buffer to refill (empty, with the capacity it had), or an empty array.
    func take() -> [UInt8] {
        var buffer = lock.withLock { spare.popLast() } ?? []
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }
}
