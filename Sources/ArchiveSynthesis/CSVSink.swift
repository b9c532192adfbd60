import BotSift

/// Streams CSV rows into an `AtomicFileWriter`, quoting every field as the real releases do (or only
/// where needed), with LF or CRLF endings and an optional UTF-8 BOM. Holds at most ~256 KiB of text.
final class CSVSink {
    private let writer: AtomicFileWriter
    private let cells = CSVWriter(escapeFormulas: false)
    private let quoteEveryField: Bool
    private let lineEnding: String
    private var pending = ""
    private static let flushBytes = 256 * 1024
    /// Bytes handed to the file so far.
    private(set) var bytes = 0
    /// Largest pending text seen, in bytes.
    private(set) var largestPending = 0

    init(path: String, quoteEveryField: Bool, crlf: Bool, byteOrderMark: Bool) throws {
        writer = try AtomicFileWriter(path: path)
        self.quoteEveryField = quoteEveryField
        lineEnding = crlf ? "\r\n" : "\n"
        pending.reserveCapacity(CSVSink.flushBytes + 4096)
        if byteOrderMark { pending.append("\u{FEFF}") }
    }

    /// Appends one record.
    func row(_ fields: [String]) throws {
        for (i, field) in fields.enumerated() {
            if i > 0 { pending.append(",") }
            let encoded = cells.encode(field)
            if quoteEveryField && encoded.utf8.first != UInt8(ascii: "\"") {
                pending.append("\"")
                pending.append(encoded)
                pending.append("\"")
            } else {
                pending.append(encoded)
            }
        }
        pending.append(lineEnding)
        let size = pending.utf8.count
        if size >= CSVSink.flushBytes { try flush(size) }
    }

    /// Writes what is pending and renames the file into place.
    func commit() throws {
        try flush(pending.utf8.count)
        try writer.commit()
    }

    private func flush(_ size: Int) throws {
        largestPending = max(largestPending, size)
        try writer.write(pending)
        bytes += size
        pending.removeAll(keepingCapacity: true)
    }
}
