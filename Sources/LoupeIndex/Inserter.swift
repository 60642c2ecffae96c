// One thread's share of a graph build: inserting a node (walk, choose neighbours, link both
// ways) and pruning a list that has grown past its slack. The lists during a build are wider
// than the payload's (`BuildLists`), so most reverse links are a plain append.

import LoupeVector

/// Adjacency lists of a build: `count` lists of a count word and `capacity` id slots, zeroed.
final class BuildLists: @unchecked Sendable {
    let capacity: Int
    private let memory: UnsafeMutableRawPointer

    init(count: Int, capacity: Int) {
        self.capacity = capacity
        memory = GraphStorage.allocateZeroed(count * (capacity + 1) * 4)
    }

    deinit {
        memory.deallocate()
    }

    var base: UnsafeRawPointer { UnsafeRawPointer(memory) }

    /// Replaces the list at `list` (a pointer `GraphView.list` returned into these lists).
    static func write(_ ids: [UInt32], to list: UnsafeRawPointer) {
        // The list is inside memory this class allocated mutable; ids.count ≤ capacity by the callers.
        let target = UnsafeMutableRawPointer(mutating: list)
        target.storeBytes(of: UInt32(ids.count), as: UInt32.self)
        for (i, id) in ids.enumerated() { target.storeBytes(of: id, toByteOffset: 4 + 4 * i, as: UInt32.self) }
    }
}

/// Inserts nodes into a graph under construction.
struct Inserter {
    let view: GraphView
    let lists: BuildLists
    let locks: NodeLocks
    let scratch: SearchScratch
    let selection: NeighborSelection
    let degree: Int
    let slack: Int

    /// Links `node` into the graph: its own list from a walk from `entry`, then reverse links.
    func insert(_ node: UInt32, entry: UInt32, ef: Int) {
        let query = selection.prepare(node, weights: scratch.weights)
        GraphWalk(view: view, query: query, scratch: scratch).run(from: entry, ef: ef, filter: nil, locks: locks)
        selection.candidates.removeAll(keepingCapacity: true)
        for i in 0..<scratch.resultCount { selection.candidates.append(scratch.results[i]) }
        selection.select(limit: degree, excluding: node)
        let chosen = selection.kept
        locks.lock(node)
        BuildLists.write(chosen, to: view.list(node))
        locks.unlock(node)
        for neighbor in chosen {
            locks.lock(neighbor)
            let list = view.list(neighbor)
            let n = view.neighborCount(list)
            if n < slack {
                // Slot n < slack = capacity: inside the list.
                let target = UnsafeMutableRawPointer(mutating: list)
                target.storeBytes(of: node, toByteOffset: 4 + 4 * n, as: UInt32.self)
                target.storeBytes(of: UInt32(n + 1), as: UInt32.self)
            } else {
                Self.prune(
                    neighbor, in: view, lists: lists, selection: selection, weights: scratch.weights, limit: degree,
                    adding: node)
            }
            locks.unlock(neighbor)
        }
    }

    /// Cuts `node`'s list (plus `extra`, if any) down to `limit` neighbours by the selection rule;
    /// a list already within `limit` with nothing to add is left alone. The caller holds the
    /// node's lock, or no other thread runs.
    static func prune(
        _ node: UInt32, in view: GraphView, lists: BuildLists, selection: NeighborSelection,
        weights: UnsafeMutablePointer<Int32>, limit: Int, adding extra: UInt32? = nil
    ) {
        let list = view.list(node)
        let n = view.neighborCount(list)
        if extra == nil && n <= limit { return }
        let query = selection.prepare(node, weights: weights)
        selection.candidates.removeAll(keepingCapacity: true)
        for i in 0..<n {
            let id = view.neighbor(list, i)
            selection.candidates.append(CandidateKey.make(query.distance(view, weights, id), id))
        }
        if let extra { selection.candidates.append(CandidateKey.make(query.distance(view, weights, extra), extra)) }
        selection.candidates.sort()
        selection.select(limit: limit, excluding: node)
        BuildLists.write(selection.kept, to: list)
    }
}
