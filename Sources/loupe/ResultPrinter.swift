// Prints each statement's result to standard output and, with --time, its elapsed time to
// standard error; clears the progress line a file load drew.

import Foundation
import Loupe

struct ResultPrinter {
    let format: OutputFormat
    let showTime: Bool
    /// The progress line of file loads, cleared when a statement ends.
    var progress: ProgressLine?

    func print(_ outcome: StatementOutcome) throws {
        progress?.finish(clear: true)
        if outcome.result.hasRows {
            let text = try outcome.result.formatted(as: outcome.format ?? format)
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if showTime {
            let elapsed = outcome.elapsed.components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            FileHandle.standardError.write(Data(String(format: "Elapsed: %.3f sec.\n", seconds).utf8))
        }
    }
}
