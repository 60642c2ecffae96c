// A one-line progress display on standard error, redrawn in place; silent when standard error
// is not a terminal. `loupe embed` shows images done, rate, ETA and failures; a file load
// (`INSERT ... FROM INFILE`) shows rows, megabytes read, MB/s and the ETA from the file size.

import Foundation
import Loupe
import LoupeEmbed

final class ProgressLine: @unchecked Sendable {
    // @unchecked: every mutable field is guarded by `lock`.
    private let total: Int
    private let enabled: Bool
    private let lock = NSLock()
    private var drawn = false
    private var started = ContinuousClock.now

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
        draw(
            String(
                format: "%@ %d/%d images  %.1f img/s  ETA %d:%02d  %d failed ", bar, processed, total, rate,
                Int(remaining) / 60, Int(remaining) % 60, progress.failed))
    }

    /// A file load's progress: rows, MB read and MB/s, and the ETA when the size is known.
    func update(load progress: StatementProgress) {
        guard enabled else { return }
        let elapsed = lock.withLock {
            if !drawn { started = ContinuousClock.now - .milliseconds(1) }
            let parts = (ContinuousClock.now - started).components
            return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
        }
        let megabytes = Double(progress.bytesRead) / 1e6
        let rate = elapsed > 0 ? megabytes / elapsed : 0
        var line = String(format: "%d rows  %.1f MB  %.1f MB/s", progress.rows, megabytes, rate)
        if let total = progress.totalBytes, total > 0 {
            let fraction = min(1, Double(progress.bytesRead) / Double(total))
            let remaining = rate > 0 ? (Double(total) / 1e6 - megabytes) / rate : 0
            line += String(format: "  %3.0f%%  ETA %d:%02d", fraction * 100, Int(remaining) / 60, Int(remaining) % 60)
        }
        draw(line + " ")
    }

    private func draw(_ text: String) {
        lock.withLock {
            drawn = true
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        }
    }

    /// Ends the display: a line feed after it, or (`clear`) the line erased.
    func finish(clear: Bool = false) {
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data((clear ? "\r\u{1B}[K" : "\n").utf8)) }
            drawn = false
        }
    }
}
