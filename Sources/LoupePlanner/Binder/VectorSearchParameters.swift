// The search parameters a query may give a vector index, as MyScale spells them: per call,
// `distance('ef_s=128')(v, q)`, or for the whole query, `SETTINGS ef_search = 128`. They are
// checked when the query is bound (unknown key, value out of range) and carried on the distance
// call to the index search.

import LoupeCore

/// Parsing and validation of vector search parameters.
public enum VectorSearchParameters {
    /// Known keys and the values each accepts. `ef_s` and `ef_search` both set the graph walk's
    /// candidate list size.
    static let ranges: [String: ClosedRange<Int>] = ["ef_s": 1...100_000, "ef_search": 1...100_000]

    /// The query settings that become search parameters.
    static let settingNames: Set<String> = ["ef_search", "ef_s"]

    /// `key=value` (spaces allowed) as a lower-cased key and its value; index build parameters
    /// are written the same way.
    public static func parse(_ text: String) -> (String, String)? {
        func trimmed(_ s: Substring) -> String {
            String(String(s.drop(while: \.isWhitespace).reversed()).drop(while: \.isWhitespace).reversed())
        }
        let parts = text.split(separator: "=", maxSplits: 1).map(trimmed)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        return (parts[0].lowercased(), parts[1])
    }

    /// Throws unless `value` is a valid `key=value` search parameter.
    static func validate(_ value: Value, at range: SourceRange) throws {
        guard case .string(let text) = value, let (key, raw) = parse(text) else {
            throw LoupeError(.syntax, "Vector search parameters are written 'key=value', e.g. 'ef_s=128'", at: range)
        }
        guard let allowed = ranges[key] else {
            let known = ranges.keys.sorted().joined(separator: ", ")
            throw LoupeError(.unknownName, "Unknown vector search parameter '\(key)'; expected one of \(known)", at: range)
        }
        guard let n = Int(raw), allowed.contains(n) else {
            throw LoupeError(
                .type,
                "Invalid value '\(raw)' for vector search parameter '\(key)': expected an integer in "
                    + "\(allowed.lowerBound)...\(allowed.upperBound)", at: range)
        }
    }
}
