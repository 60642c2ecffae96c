// The interactive shell: reads statements across lines until a `;`, runs them, prints results
// and errors, and goes on after an error. `\q`, `quit` or `exit` leave; `help` explains.

import Foundation
import Loupe
import LoupeSQL

struct REPL {
    let database: Database
    let printer: ResultPrinter

    static let help = """
        Type SQL statements ending with ';' (they may span lines). Examples:
          CREATE TABLE t (id UInt64, v Array(Float32), CONSTRAINT len CHECK length(v) = 3) ORDER BY id;
          INSERT INTO t VALUES (1, [0.1, 0.2, 0.3]), (2, [0.3, 0.2, 0.1]);
          SELECT id, distance(v, [0.1, 0.2, 0.3]) AS d FROM t ORDER BY d LIMIT 10;
          SHOW TABLES;  DESCRIBE t;
        Commands: help, \\q (or quit, exit). Tab completes keywords, tables and columns.
        History is kept in ~/.loupe_history.

        """

    func run() {
        let editor = LineEditor()
        refreshCompletion()
        print("Loupe \(LoupeVersion.string). Type 'help' for help, \\q to quit.")
        var buffer = ""
        while let line = editor.readLine(prompt: buffer.isEmpty ? "loupe :) " : "      -> ") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if buffer.isEmpty {
                switch trimmed.lowercased() {
                case "\\q", "quit", "exit", "quit;", "exit;": return
                case "help", "\\h", "\\?", "help;":
                    print(Self.help, terminator: "")
                    continue
                case "": continue
                default: break
                }
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            guard StatementSplitter.isComplete(buffer) else { continue }
            editor.remember(buffer)
            do {
                try ScriptRunner(database: database).run(buffer) { outcome in try printer.print(outcome) }
            } catch {
                printer.progress?.finish(clear: true)
                FileHandle.standardError.write(Data("\(error)\n".utf8))
            }
            buffer = ""
            refreshCompletion()
        }
        print()
    }

    private func refreshCompletion() {
        let tables = database.tableNames()
        Completion.setWords(Keyword.allCases.map(\.rawValue) + tables + tables.flatMap(database.columnNames(of:)))
    }
}
