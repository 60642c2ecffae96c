// From a table's `VECTOR INDEX` definitions to what its store builds: the column position, the
// dimension its CHECK fixes, the structure (FLAT is exact; MSTG and the HNSW/SCANN names MyScale
// users type are all the graph index) and the build parameters (a build uses every core).

import Foundation
import LoupeCore
import LoupeIndex
import LoupePlanner
import LoupeStorage

extension TableDefinition {
    /// The store-level specs of the table's vector indexes.
    var vectorIndexSpecs: [VectorIndexSpec] {
        vectorIndexes.compactMap { index in
            guard let column = columnIndex(index.column), let dimension = Binder.dimension(of: index.column, in: self)
            else { return nil }
            var parameters = GraphParameters(threads: max(1, ProcessInfo.processInfo.activeProcessorCount))
            if let m = index.parameters["m"].flatMap(Int.init) { parameters.degree = m }
            if let ef = index.parameters["ef_c"].flatMap(Int.init) { parameters.efConstruction = ef }
            return VectorIndexSpec(
                name: index.name, column: column, dimension: dimension, metric: index.metric,
                kind: index.kind == "FLAT" ? .flat : .graph, parameters: parameters)
        }
    }
}
