// Hooks for long statements: progress while a file loads, and warnings that do not fail a
// statement (rows skipped under `input_format_allow_errors_num`). The `loupe` shell turns them
// into a progress line and messages on standard error.

import LoupeExecution

/// How far a file load has got (rows read, file bytes read, the file's size when known).
public typealias StatementProgress = LoupeExecution.StatementProgress

extension Database {
    /// Called after each chunk of a file a statement reads (`INSERT ... FROM INFILE`), on the
    /// thread running the statement. Set it before running statements.
    public var progressHandler: (@Sendable (StatementProgress) -> Void)? {
        get { engine.progressHandler }
        set { engine.progressHandler = newValue }
    }

    /// Receives warnings that do not fail a statement, such as each row skipped under
    /// `input_format_allow_errors_num` and their count. Set it before running statements.
    public var diagnosticHandler: (@Sendable (String) -> Void)? {
        get { engine.diagnosticHandler }
        set { engine.diagnosticHandler = newValue }
    }
}
