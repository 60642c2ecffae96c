// Line input for the interactive shell through GNU readline: editing, history kept in
// ~/.loupe_history, and tab completion of keywords, table names and column names.

import CReadline
import Foundation

/// Reads lines from the terminal with readline.
final class LineEditor {
    private let historyPath: String
    private static let historyLimit: Int32 = 10_000

    init() {
        historyPath = (ProcessInfo.processInfo.environment["HOME"] ?? ".") + "/.loupe_history"
        loupe_rl_set_name("loupe")
        loupe_rl_set_completion(completeWord, Completion.wordBreaks)
        read_history(historyPath)
    }

    /// The next line, or nil at end of input (Ctrl-D).
    func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        // Safe: readline returns a malloc'd NUL-terminated string that we own and free here.
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Adds a complete statement to the history and saves it.
    func remember(_ entry: String) {
        let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        add_history(trimmed)
        write_history(historyPath)
        history_truncate_file(historyPath, Self.historyLimit)
    }
}

/// The words tab completion offers; updated by the shell after each statement.
enum Completion {
    nonisolated(unsafe) static let wordBreaks: UnsafePointer<CChar> = {
        // Safe: a process-lifetime copy of a constant C string that readline only reads.
        UnsafePointer(strdup(" \t\n\"'`@$><=;|&{(,.")!)
    }()

    private static let lock = NSLock()
    nonisolated(unsafe) private static var words: [String] = []

    /// Replaces the candidate words (keywords, table and column names).
    static func setWords(_ newWords: [String]) {
        lock.withLock { words = Array(Set(newWords)).sorted() }
    }

    /// The candidates that start with `prefix` (keywords match case-insensitively).
    static func matches(_ prefix: String) -> [String] {
        let lowered = prefix.lowercased()
        return lock.withLock { words.filter { $0.lowercased().hasPrefix(lowered) } }
    }
}

/// readline's completion hook: the matches for the word being typed.
private func completeWord(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
{
    loupe_rl_disable_default_completion()
    guard let text else { return nil }
    let candidates = Completion.matches(String(cString: text))
    guard !candidates.isEmpty else { return nil }
    // readline expects a malloc'd, NULL-terminated array whose first entry is the common prefix
    // of the matches; it frees the array and every string in it.
    let common = candidates.dropFirst().reduce(candidates[0]) { prefix, word in
        String(zip(prefix, word).prefix { $0 == $1 }.map(\.0))
    }
    let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: candidates.count + 2)
    array[0] = strdup(candidates.count == 1 ? candidates[0] : common)
    for (i, word) in candidates.enumerated() { array[i + 1] = strdup(word) }
    array[candidates.count + 1] = nil
    return array
}
