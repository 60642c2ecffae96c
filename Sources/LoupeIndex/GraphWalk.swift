// The best-first walk over the graph, shared by search and build (as in hnswlib's
// searchBaseLayer): a frontier of nodes to expand, nearest first, and a bounded list of the best
// nodes the filter keeps. Every neighbour of an expanded node is scored once against the query's
// codes; it joins the frontier when it beats the worst kept result, and the results when the
// filter keeps it too. The walk stops when the nearest unexpanded node is farther than every
// kept result. Rows the filter rejects thus still carry the walk, but are never returned.

import Foundation

/// One walk over a `GraphView` for a prepared query.
struct GraphWalk {
    let view: GraphView
    let query: PreparedQuery
    let scratch: SearchScratch

    /// Walks from `entry`, leaving up to `ef` result keys ascending in the scratch. During a build
    /// `locks` guard the adjacency lists other threads are writing.
    func run(from entry: UInt32, ef: Int, filter: RowFilter?, locks: NodeLocks?) {
        scratch.reset(resultCapacity: ef)
        let weights = UnsafePointer(scratch.weights)
        let batch = scratch.batch
        _ = scratch.visit(entry)
        let first = CandidateKey.make(query.distance(view, weights, entry), entry)
        scratch.push(first)
        if filter?.contains(Int(entry)) ?? true { scratch.insertResult(first) }
        while scratch.heapCount > 0 {
            let top = scratch.popMin()
            if scratch.resultsFull && top > scratch.worstResult { break }
            let node = CandidateKey.node(top)
            let list = view.list(node)
            if scratch.heapCount > 0 { touchList(CandidateKey.node(scratch.heap[0])) }
            var fresh = 0
            locks?.lock(node)
            let degree = view.neighborCount(list)
            for i in 0..<degree {
                let next = view.neighbor(list, i)
                if scratch.visit(next) {
                    batch[fresh] = next
                    fresh &+= 1
                }
            }
            locks?.unlock(node)
            touch(fresh)
            for i in 0..<fresh {
                let next = batch[i]
                let key = CandidateKey.make(query.distance(view, weights, next), next)
                if scratch.resultsFull && key >= scratch.worstResult { continue }
                scratch.push(key)
                if filter?.contains(Int(next)) ?? true { scratch.insertResult(key) }
            }
        }
    }
}

extension GraphWalk {
    /// Reads one byte of every cache line of the first `count` batch rows before any is scored,
    /// so their misses overlap instead of each distance waiting for its row in turn (Swift has no
    /// prefetch instruction; a load whose value is kept is the portable stand-in).
    @inline(__always)
    func touch(_ count: Int) {
        var sink: UInt8 = 0
        let lines = view.codeLength >> 6
        for i in 0..<count {
            let row = view.row(scratch.batch[i])
            var line = 0
            while line < lines {
                // line < codeLength / 64, so the byte lies inside the row.
                sink ^= row[line &<< 6]
                line &+= 1
            }
        }
        scratch.sink ^= sink
    }

    /// Reads the adjacency list of `node`, the likely next node to expand, so its miss overlaps
    /// the scoring of the current node's neighbours.
    @inline(__always)
    func touchList(_ node: UInt32) {
        scratch.sink ^= UInt8(truncatingIfNeeded: view.neighborCount(view.list(node)))
    }
}

/// Striped locks over the adjacency lists while a build writes them.
final class NodeLocks: @unchecked Sendable {
    private let locks: [NSLock]
    private let mask: Int

    init(stripes: Int = 4096) {
        locks = (0..<stripes).map { _ in NSLock() }
        mask = stripes - 1
    }

    @inline(__always)
    func lock(_ node: UInt32) { locks[Int(node) & mask].lock() }

    @inline(__always)
    func unlock(_ node: UInt32) { locks[Int(node) & mask].unlock() }
}
