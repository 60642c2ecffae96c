// The images `loupe embed` reads: rows of a TSV file with a header (id and URL/path columns), or
// the image files of a directory.

import Foundation
import Loupe
import LoupeEmbed

enum EmbedSource {
    /// The items to embed from `path` (a TSV file or a directory).
    static func items(from path: String, idColumn: String, urlColumn: String, urlSuffix: String) throws
        -> [EmbeddingItem]
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LoupeError(.io, "no such file or directory: \(path)", file: path)
        }
        if isDirectory.boolValue { return try directoryItems(path) }
        return try tsvItems(path, idColumn: idColumn, urlColumn: urlColumn, urlSuffix: urlSuffix)
    }

    private static func directoryItems(_ path: String) throws -> [EmbeddingItem] {
        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        return names.compactMap { name in
            let url = URL(fileURLWithPath: path).appendingPathComponent(name)
            guard ["jpg", "jpeg", "png"].contains(url.pathExtension.lowercased()) else { return nil }
            return EmbeddingItem(id: url.deletingPathExtension().lastPathComponent, source: url.path)
        }
    }

    private static func tsvItems(_ path: String, idColumn: String, urlColumn: String, urlSuffix: String) throws
        -> [EmbeddingItem]
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoupeError(.io, "cannot read \(path)", file: path)
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first else { throw LoupeError(.io, "\(path) is empty", file: path) }
        let names = header.split(separator: "\t", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let idIndex = names.firstIndex(of: idColumn) else {
            throw LoupeError(.unknownName, "\(path) has no column '\(idColumn)' (columns: \(names.joined(separator: ", ")))", file: path)
        }
        guard let urlIndex = names.firstIndex(of: urlColumn) else {
            throw LoupeError(.unknownName, "\(path) has no column '\(urlColumn)' (columns: \(names.joined(separator: ", ")))", file: path)
        }
        var items: [EmbeddingItem] = []
        for (number, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count > max(idIndex, urlIndex) else {
                throw LoupeError(.io, "\(path), line \(number + 1): expected \(names.count) fields, found \(fields.count)", row: number, file: path)
            }
            var source = unescape(fields[urlIndex]).trimmingCharacters(in: .whitespacesAndNewlines)
            if ImageFetcher.isRemote(source) { source += urlSuffix }
            items.append(EmbeddingItem(id: unescape(fields[idIndex]), source: source))
        }
        return items
    }

    /// Undoes TSV escapes (`\t`, `\n`, `\\`).
    private static func unescape(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var out = ""
        var escaped = false
        for ch in field {
            if escaped {
                switch ch {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "0": out.append("\0")
                default: out.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
