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
        queue.async { [self] in
            let job = condition.withLock {
                while pool.isEmpty { condition.wait() }
                return pool.removeLast()
            }
            let parsed = format.parse(chunk.buffer.bytes, job: job)
            buffers.recycle(chunk.buffer)
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

/// Chunk buffers that were parsed, kept for the reader to fill again: reused pages need no
/// fresh mapping and zeroing by the kernel.
final class ChunkBufferPool: @unchecked Sendable {
    // @unchecked: `spare` is only touched under `lock`.
    private let lock = NSLock()
    private var spare: [ChunkBuffer] = []

    func recycle(_ buffer: ChunkBuffer) {
        lock.withLock { if spare.count < 8 { spare.append(buffer) } }
    }

    /// An empty buffer of at least `capacity` bytes, recycled when one is free.
    func take(capacity: Int) -> ChunkBuffer {
        let recycled = lock.withLock { () -> ChunkBuffer? in
            guard let i = spare.lastIndex(where: { $0.capacity >= capacity }) else { return nil }
            return spare.remove(at: i)
        }
        guard let buffer = recycled else { return ChunkBuffer(capacity: capacity) }
        buffer.count = 0
        return buffer
    }
}
