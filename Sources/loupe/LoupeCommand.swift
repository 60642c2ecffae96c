// The `loupe` command: an interactive SQL shell, a script runner, and (as subcommands) the tools
// that fill a database. Shaped like clickhouse-client: `loupe [DATABASE] [-q SQL | -f FILE]`, with
// query parameters given as `--param_NAME=VALUE` for `{NAME:Type}` placeholders.

import ArgumentParser
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

@main
struct LoupeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "Loupe, an embedded SQL vector database.",
        discussion: """
            With no query or file, statements are read from standard input when it is not a terminal,
            and an interactive shell starts when it is. `--param_NAME=VALUE` (or `--param_NAME VALUE`)
            fills `{NAME:Type}` placeholders in the SQL, as clickhouse-client does.
            """,
        subcommands: [ShellCommand.self, EmbedCommand.self, SampleCommand.self],
        defaultSubcommand: ShellCommand.self)

    /// Takes the `--param_NAME` options out of the arguments (ArgumentParser cannot declare
    /// options with free-form names), then parses and runs the rest.
    static func main() {
        #if canImport(Glibc)
            fixMmapThreshold()
        #endif
        var arguments = Array(CommandLine.arguments.dropFirst())
        do {
            QueryParameters.values = try QueryParameters.extract(from: &arguments)
        } catch {
            exit(withError: error)
        }
        main(arguments)
    }
}

#if canImport(Glibc)
    /// Makes glibc map and unmap large buffers (parse chunks, column segments) by themselves, so a
    /// bulk load's short-lived buffers do not fragment the heap that holds the table. Without a
    /// fixed threshold glibc raises it after the first large free, and freed chunks then stay
    /// resident between the table's segments (a third more memory on a large load). `mallopt`
    /// is looked up at run time because Swift's Glibc module does not import <malloc.h>.
    private func fixMmapThreshold() {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
        _ = unsafeBitCast(symbol, to: Mallopt.self)(mmapThreshold, 256 << 10)
    }
#endif

/// `{name:Type}` values from the command line, as text; the binder converts each to its Type.
enum QueryParameters {
    nonisolated(unsafe) static var values: [String: String] = [:]

    static func extract(from arguments: inout [String]) throws -> [String: String] {
        var values: [String: String] = [:]
        var rest: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            guard argument.hasPrefix("--param_") else {
                rest.append(argument)
                i += 1
                continue
            }
            let body = argument.dropFirst("--param_".count)
            if let equals = body.firstIndex(of: "=") {
                values[String(body[..<equals])] = String(body[body.index(after: equals)...])
                i += 1
            } else {
                guard i + 1 < arguments.count else {
                    throw ValidationError("missing value for \(argument)")
                }
                values[String(body)] = arguments[i + 1]
                i += 2
            }
        }
        arguments = rest
        return values
    }
}
