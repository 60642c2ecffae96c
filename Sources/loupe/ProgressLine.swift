// A one-line progress display on standard error (images done, rate, ETA, failures), redrawn in
// place; silent when standard error is not a terminal.

import Foundation
import LoupeEmbed

final class ProgressLine: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private let lock = NSLock()
    private var drawn = false

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func update(_ progress: EmbeddingProgress) {
        guard enabled else { return }
        let processed = progress.done + progress.failed
        let rate = progress.elapsed > 0 ? Double(processed) / progress.elapsed : 0
        let remaining = rate > 0 ? Double(total - processed) / rate : 0
        let width = 30
        let filled = total > 0 ? width * processed / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = String(
            format: "\r%@ %d/%d images  %.1f img/s  ETA %d:%02d  %d failed ", bar, processed, total, rate,
            Int(remaining) / 60, Int(remaining) % 60, progress.failed)
        lock.withLock {
            drawn = true
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    func finish() {
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}
