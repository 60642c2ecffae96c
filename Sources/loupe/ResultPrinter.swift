// Prints each statement's result to standard output and, with --time, its elapsed time to
// standard error.

import Foundation
import Loupe

struct ResultPrinter {
    let format: OutputFormat
    let showTime: Bool

    func print(_ outcome: StatementOutcome) throws {
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
