// The `loupe` command: an interactive SQL shell, a script runner, and (as subcommands) the tools
// that fill a database. Shaped like clickhouse-client: `loupe [DATABASE] [-q SQL | -f FILE]`.

import ArgumentParser

@main
struct LoupeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "Loupe, an embedded SQL vector database.",
        discussion: """
            With no query or file, statements are read from standard input when it is not a terminal,
            and an interactive shell starts when it is.
            """,
        subcommands: [ShellCommand.self],
        defaultSubcommand: ShellCommand.self)
}
