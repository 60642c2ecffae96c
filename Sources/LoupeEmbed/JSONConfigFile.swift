// Typed access to the JSON configuration files of a Hugging Face checkpoint (config.json,
// preprocessor_config.json). Every failed lookup names the file and the key.

import Foundation

/// A JSON object read from a configuration file, with typed lookups that throw `EmbedError`.
struct JSONConfigFile {
    /// The file the object came from (for error messages).
    let path: String
    /// The object's entries.
    let object: [String: Any]

    /// Reads and parses `path`. Throws `EmbedError.missingFile` or `.invalidFile`.
    init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw EmbedError.missingFile(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw EmbedError.invalidFile(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        guard let parsed = try? JSONSerialization.jsonObject(with: data), let object = parsed as? [String: Any] else {
            throw EmbedError.invalidFile(path: path, reason: "not a JSON object")
        }
        self.init(path: path, object: object)
    }

    init(path: String, object: [String: Any]) {
        self.path = path
        self.object = object
    }

    /// The nested object at `key`, if there is one.
    func child(_ key: String) -> JSONConfigFile? {
        (object[key] as? [String: Any]).map { JSONConfigFile(path: path, object: $0) }
    }

    /// An integer, or `fallback` when the key is absent or null.
    func int(_ key: String, default fallback: Int) throws -> Int {
        guard let value = object[key], !(value is NSNull) else { return fallback }
        guard let number = value as? NSNumber, let exact = Int(exactly: number.doubleValue) else {
            throw EmbedError.invalidConfig(file: path, key: key, reason: "is not an integer")
        }
        return exact
    }

    /// A positive integer, or `fallback` when the key is absent.
    func positiveInt(_ key: String, default fallback: Int) throws -> Int {
        let value = try int(key, default: fallback)
        guard value > 0 else { throw EmbedError.invalidConfig(file: path, key: key, reason: "must be positive") }
        return value
    }

    /// A number, or `fallback` when the key is absent or null.
    func double(_ key: String, default fallback: Double) throws -> Double {
        guard let value = object[key], !(value is NSNull) else { return fallback }
        guard let number = value as? NSNumber else {
            throw EmbedError.invalidConfig(file: path, key: key, reason: "is not a number")
        }
        return number.doubleValue
    }

    /// A boolean, or `fallback` when the key is absent.
    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let value = object[key], !(value is NSNull) else { return fallback }
        guard let flag = value as? Bool else {
            throw EmbedError.invalidConfig(file: path, key: key, reason: "is not a boolean")
        }
        return flag
    }

    /// A string, or `fallback` when the key is absent.
    func string(_ key: String, default fallback: String) throws -> String {
        guard let value = object[key], !(value is NSNull) else { return fallback }
        guard let text = value as? String else {
            throw EmbedError.invalidConfig(file: path, key: key, reason: "is not a string")
        }
        return text
    }

    /// A list of `count` numbers, or `fallback` when the key is absent.
    func doubles(_ key: String, count: Int, default fallback: [Double]) throws -> [Double] {
        guard let value = object[key], !(value is NSNull) else { return fallback }
        if let number = value as? NSNumber { return Array(repeating: number.doubleValue, count: count) }
        guard let list = value as? [Any], list.count == count else {
            throw EmbedError.invalidConfig(file: path, key: key, reason: "is not a list of \(count) numbers")
        }
        return try list.map {
            guard let number = $0 as? NSNumber else {
                throw EmbedError.invalidConfig(file: path, key: key, reason: "is not a list of \(count) numbers")
            }
            return number.doubleValue
        }
    }
}
