// The search knobs a query passes to a vector index: MyScale's per-call parameters on the
// distance function (`distance('ef_s=128')(v, q)`), which the binder also fills from the query's
// `SETTINGS ef_search = 128`.

import LoupeCore
import LoupeIndex
import LoupePlanner

extension VectorSearchPattern {
    /// The options the distance call's parameters name.
    var searchOptions: SearchOptions {
        var options = SearchOptions()
        guard case .call(_, _, let parameters) = projections[distanceOutput].kind else { return options }
        for case .string(let text) in parameters {
            guard let (key, value) = VectorSearchParameters.parse(text), let n = Int(value) else { continue }
            switch key {
            case "ef_s", "ef_search": options.efSearch = n
            default: break
            }
        }
        return options
    }
}
