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
    /// When the current load's first report came, and the bytes it had read.
    private var loadStart: (time: ContinuousClock.Instant, bytes: Int)?
    private var lastDraw: ContinuousClock.Instant?

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

    /// A file load's progress: rows, MB read and MB/s, and the ETA when the size is known. The
    /// rate counts from the first report of the load; redraws are at most ten a second.
    func update(load progress: StatementProgress) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let (elapsed, baseBytes) = lock.withLock { () -> (Double?, Int) in
            if !drawn || loadStart == nil {
                loadStart = (now, progress.bytesRead)
                lastDraw = nil
            }
            if let last = lastDraw, now - last < .milliseconds(100), progress.bytesRead != progress.totalBytes {
                return (nil, 0)
            }
            lastDraw = now
            let parts = (now - loadStart!.time).components
            return (Double(parts.seconds) + Double(parts.attoseconds) / 1e18, loadStart!.bytes)
        }
        guard let elapsed else { return }
        let megabytes = Double(progress.bytesRead) / 1e6
        let rate = elapsed > 0 ? Double(progress.bytesRead - baseBytes) / 1e6 / elapsed : 0
        var line = String(format: "%d rows  %.1f MB", progress.rows, megabytes)
        if rate > 0 { line += String(format: "  %.1f MB/s", rate) }
        if let total = progress.totalBytes, total > 0 {
            line += String(format: "  %3.0f%%", min(1, Double(progress.bytesRead) / Double(total)) * 100)
            if rate > 0 {
                let remaining = (Double(total) / 1e6 - megabytes) / rate
                line += String(format: "  ETA %d:%02d", Int(remaining) / 60, Int(remaining) % 60)
            }
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
            loadStart = nil
        }
    }
}
