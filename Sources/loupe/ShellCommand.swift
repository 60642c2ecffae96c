// `loupe [DATABASE]`: runs SQL from `--query`, `--file`, standard input, or an interactive shell,
// and prints results in the chosen format.

import ArgumentParser
import Foundation
import Loupe

struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run SQL: a query, a script, standard input, or an interactive shell.")

    @Argument(help: "Database directory, created when missing; omit it for an in-memory database.")
    var database: String?

    @Option(name: [.short, .customLong("query")], help: "SQL to run (several statements separated by ';').")
    var query: String?

    @Option(name: [.short, .customLong("file")], help: "A .sql script to run (repeat to run several in order).")
    var file: [String] = []

    @Option(
        help: ArgumentHelp(
            "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
            discussion: "Default: Pretty on a terminal, TSV otherwise."))
    var format: String?

    @Flag(name: [.short, .customLong("time")], help: "Print each statement's elapsed time on standard error.")
    var time = false

    @Flag(help: "Print each statement of a script (with the comments before it) before running it.")
    var echo = false

    func validate() throws {
        if let format, OutputFormat(name: format) == nil {
            throw ValidationError("unknown format '\(format)'; expected one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if query != nil, !file.isEmpty { throw ValidationError("use either --query or --file, not both") }
    }

    func run() throws {
        let db: Database
        do {
            db = try open()
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        let interactive = Terminal.isInteractive(.standardInput)
        let outputFormat = format.flatMap(OutputFormat.init(name:))
            ?? (Terminal.isInteractive(.standardOutput) ? .prettyCompact : .tsv)
        let progress = ProgressLine(total: 0, enabled: Terminal.isInteractive(.standardError))
        db.progressHandler = { progress.update(load: $0) }
        db.diagnosticHandler = { message in
            progress.finish(clear: true)
            FileHandle.standardError.write(Data("Warning: \(message)\n".utf8))
        }
        let printer = ResultPrinter(format: outputFormat, showTime: time, progress: progress)
        if let query {
            try runScript(query, on: db, printer: printer)
        } else if !file.isEmpty {
            for path in file {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    FileHandle.standardError.write(Data("Error: cannot read file '\(path)'\n".utf8))
                    throw ExitCode(1)
                }
                try runScript(text, on: db, printer: printer, source: path)
            }
        } else if !interactive {
            let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            try runScript(text, on: db, printer: printer)
        } else {
            let shellPrinter = ResultPrinter(
                format: format.flatMap(OutputFormat.init(name:)) ?? .prettyCompact, showTime: true, progress: progress)
            REPL(database: db, printer: shellPrinter).run()
        }
    }

    private func open() throws -> Database {
        guard let database else { return Database.inMemory() }
        return try Database(path: database)
    }

    /// Runs a script; the first failing statement ends it with exit status 1.
    private func runScript(_ text: String, on db: Database, printer: ResultPrinter, source: String? = nil) throws {
        do {
            let echoStatement: ((String) -> Void)? =
                echo ? { text in FileHandle.standardOutput.write(Data("\n\(text);\n".utf8)) } : nil
            try ScriptRunner(database: db).run(
                text, namedParameters: QueryParameters.values.mapValues { .string($0) }, willRun: echoStatement
            ) { outcome in try printer.print(outcome) }
        } catch {
            printer.progress?.finish(clear: true)
            let prefix = source.map { "\($0): " } ?? ""
            FileHandle.standardError.write(Data("\(prefix)\(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
