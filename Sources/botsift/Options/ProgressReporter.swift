import BotSift

#if canImport(Glibc)
import Glibc
#endif

/// Progress lines on stderr (bytes, rate, time left) for long reads, only when stderr is a terminal.
enum ProgressReporter {
    /// A progress callback, or nil when stderr is not a terminal.
    static func ifTerminal() -> (@Sendable (IngestProgress) -> Void)? {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        let start = monotonicSeconds()
        return { progress in
            let elapsed = max(monotonicSeconds() - start, 1e-3)
            let rate = Double(progress.bytesRead) / elapsed
            var line = "\r\(progress.path): \(megabytes(progress.bytesRead))"
            if let total = progress.totalBytes, total > 0 {
                let left = rate > 0 ? Double(total - progress.bytesRead) / rate : 0
                line += " of \(megabytes(total)) (\(Int(100 * Double(progress.bytesRead) / Double(total)))%)"
                line += ", \(megabytes(Int(rate)))/s, \(Int(left.rounded())) s left"
            } else {
                line += ", \(megabytes(Int(rate)))/s"
            }
            line += "\u{1B}[K"
            StandardStream.error.write(line)
            if let total = progress.totalBytes, progress.bytesRead >= total { StandardStream.error.write("\n") }
        }
    }

    private static func megabytes(_ bytes: Int) -> String { Format.fixed(Double(bytes) / 1_000_000, digits: 1) + " MB" }

    private static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    StandardStream.error.write(message + "\n")
}

/// Standard output or error written with write(2): no shared C `FILE` state, safe under Swift 6 concurrency.
struct StandardStream: Sendable {
    let descriptor: Int32

    static let output = StandardStream(descriptor: STDOUT_FILENO)
    static let error = StandardStream(descriptor: STDERR_FILENO)

    /// Writes all of `text`, retrying on interruption; a closed pipe ends the write silently.
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
        bytes.removeAll()
    }
}
