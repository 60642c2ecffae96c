// The memory one graph walk works in, reused from walk to walk so a query allocates nothing: a
// visited mark per node (a generation number, so clearing is one increment), the frontier (a
// binary min-heap of candidate keys), the result list (sorted, fixed capacity) and the query's
// prepared weights. A scratch serves one thread at a time; `ScratchPool` hands them out.

import Foundation

/// Per-walk working memory over an index of `nodeCount` nodes.
final class SearchScratch {
    let nodeCount: Int
    private let visited: UnsafeMutablePointer<UInt32>
    private var generation: UInt32 = 0
    /// Frontier heap: `heap[0 ..< heapCount]`, smallest key at 0.
    private(set) var heap: UnsafeMutablePointer<UInt64>
    private var heapCapacity: Int
    private(set) var heapCount = 0
    /// Results, ascending: `results[0 ..< resultCount]`, at most `resultCapacity`.
    private(set) var results: UnsafeMutablePointer<UInt64>
    private(set) var resultCount = 0
    private(set) var resultCapacity = 0
    private var resultAllocation: Int
    /// Query weights (`codeLength`), a float copy of the query (`dimension`), a neighbour batch.
    let weights: UnsafeMutablePointer<Int32>
    let query: UnsafeMutablePointer<Float>
    let batch: UnsafeMutablePointer<UInt32>
    private let weightCount: Int
    private let queryCount: Int
    private let batchCount: Int
    /// Where touch-ahead reads (`GraphWalk.touch`, the re-rank) keep what they read, so the reads
    /// are not optimised away.
    var sink: UInt8 = 0

    init(nodeCount: Int, codeLength: Int, dimension: Int, degree: Int) {
        self.nodeCount = nodeCount
        visited = .allocate(capacity: max(nodeCount, 1))
        visited.initialize(repeating: 0, count: max(nodeCount, 1))
        heapCapacity = 256
        heap = .allocate(capacity: heapCapacity)
        resultAllocation = 256
        results = .allocate(capacity: resultAllocation)
        weightCount = max(codeLength, 1)
        queryCount = max(dimension, 1)
        batchCount = degree + 1
        weights = .allocate(capacity: weightCount)
        query = .allocate(capacity: queryCount)
        batch = .allocate(capacity: batchCount)
    }

    deinit {
        visited.deallocate()
        heap.deallocate()
        results.deallocate()
        weights.deallocate()
        query.deallocate()
        batch.deallocate()
    }

    /// Bytes this scratch holds (its visited marks dominate: 4 per node).
    var byteCount: Int {
        4 * max(nodeCount, 1) + 8 * (heapCapacity + resultAllocation) + 4 * (weightCount + queryCount + batchCount)
    }

    /// Starts a walk keeping at most `capacity` results: nothing visited, lists empty.
    func reset(resultCapacity capacity: Int) {
        generation &+= 1
        if generation == 0 {
            visited.update(repeating: 0, count: max(nodeCount, 1))
            generation = 1
        }
        heapCount = 0
        resultCount = 0
        if capacity > resultAllocation {
            results.deallocate()
            resultAllocation = capacity
            results = .allocate(capacity: capacity)
        }
        resultCapacity = capacity
    }

    /// Marks `node` visited; returns false when it already was.
    @inline(__always)
    func visit(_ node: UInt32) -> Bool {
        // Node ids are below nodeCount: built ones by construction, decoded ones checked on decode.
        if visited[Int(node)] == generation { return false }
        visited[Int(node)] = generation
        return true
    }

    // MARK: Frontier

    @inline(__always)
    func push(_ key: UInt64) {
        if heapCount == heapCapacity { growHeap() }
        var child = heapCount
        heapCount &+= 1
        while child > 0 {
            let parent = (child &- 1) >> 1
            let above = heap[parent]
            if above <= key { break }
            heap[child] = above
            child = parent
        }
        heap[child] = key
    }

    /// Removes and returns the smallest key (the heap must not be empty).
    @inline(__always)
    func popMin() -> UInt64 {
        let top = heap[0]
        heapCount &-= 1
        let last = heap[heapCount]
        var parent = 0
        while true {
            var child = 2 &* parent &+ 1
            if child >= heapCount { break }
            if child &+ 1 < heapCount && heap[child &+ 1] < heap[child] { child &+= 1 }
            if heap[child] >= last { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = last
        return top
    }

    private func growHeap() {
        let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: heapCapacity * 2)
        bigger.moveInitialize(from: heap, count: heapCount)
        heap.deallocate()
        heap = bigger
        heapCapacity *= 2
    }

    // MARK: Results

    /// True when the result list is full, so only keys below `worstResult` can enter.
    @inline(__always)
    var resultsFull: Bool { resultCount == resultCapacity }

    @inline(__always)
    var worstResult: UInt64 { results[resultCount &- 1] }

    /// Inserts `key` in order, dropping the largest key when the list is full.
    @inline(__always)
    func insertResult(_ key: UInt64) {
        var i = resultCount
        if resultCount < resultCapacity {
            resultCount &+= 1
        } else {
            i &-= 1
            if key >= results[i] { return }
        }
        while i > 0 && results[i &- 1] > key {
            results[i] = results[i &- 1]
            i &-= 1
        }
        results[i] = key
    }
}

/// Scratches for concurrent searches: each search takes one and gives it back.
final class ScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [SearchScratch] = []
    private var busyBytes = 0
    private let make: () -> SearchScratch

    init(make: @escaping () -> SearchScratch) {
        self.make = make
    }

    /// Bytes held by the scratches made so far (one per search that ever ran concurrently).
    var byteCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return idle.reduce(0) { $0 + $1.byteCount } + busyBytes
    }

    /// Runs `body` with a scratch no other thread uses meanwhile.
    func with<T>(_ body: (SearchScratch) throws -> T) rethrows -> T {
        lock.lock()
        let scratch = idle.popLast() ?? make()
        let taken = scratch.byteCount
        busyBytes += taken
        lock.unlock()
        defer {
            lock.lock()
            busyBytes -= taken
            idle.append(scratch)
            lock.unlock()
        }
        return try body(scratch)
    }
}
