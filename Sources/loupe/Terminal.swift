// Whether a standard stream is a terminal, which picks the default output format and whether the
// interactive shell starts.

import Foundation

enum Terminal {
    enum Stream { case standardInput, standardOutput, standardError }

    static func isInteractive(_ stream: Stream) -> Bool {
        switch stream {
        case .standardInput: return isatty(STDIN_FILENO) != 0
        case .standardOutput: return isatty(STDOUT_FILENO) != 0
        case .standardError: return isatty(STDERR_FILENO) != 0
        }
    }
}
