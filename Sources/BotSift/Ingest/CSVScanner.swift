#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A problem the scanner found while splitting a record; the record's bytes are still fully consumed,
/// so the next record starts where it should.
enum RecordProblem: Equatable {
    /// A quoted field (1-based column) that never closes before the end of the input.
    case unterminatedQuote(column: Int)
    /// Bytes between a closing quote and the next comma or line end (1-based column).
    case textAfterClosingQuote(column: Int)
}

/// Streaming RFC 4180 record splitter over a `ByteSource`: UTF-8 BOM, CRLF or LF, quoted fields with embedded
/// newlines and doubled quotes, empty fields, no final newline. Reads 4 MiB chunks with read(2) and finds
/// closing quotes with memchr; fields are byte ranges into its buffer, valid until the next `nextRecord()`.
/// Blank lines between records are skipped. Memory is one chunk plus the longest record.
final class CSVScanner {
    /// A field's bytes in the buffer; `hasDoubledQuotes` until `field(_:)` unescapes it in place.
    struct FieldSpan {
        var start: Int
        var end: Int
        var hasDoubledQuotes: Bool
    }

    let source: ByteSource
    /// Called after each chunk is read (the reader throttles progress reports with it).
    var onChunkRead: (() -> Void)?

    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var filled = 0
    private var position = 0
    private var atEnd = false
    private var startedReading = false

    private var fields: UnsafeMutablePointer<FieldSpan>
    private var fieldCapacity = 64
    /// Number of fields in the current record.
    private(set) var fieldCount = 0
    /// Set when the current record could not be split cleanly.
    private(set) var problem: RecordProblem?
    private var recordStart = 0

    private var countedOffset = 0
    private var countedLine = 1

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    init(source: ByteSource, chunkSize: Int = 4 << 20) {
        self.source = source
        capacity = max(chunkSize, 16)
        buffer = .allocate(capacity: capacity)
        fields = .allocate(capacity: fieldCapacity)
    }

    deinit {
        buffer.deallocate()
        fields.deallocate()
    }

    /// Advances to the next record; false at the end of the input.
    func nextRecord() throws -> Bool {
        while true {
            switch scanRecord() {
            case .record: return true
            case .endOfInput: return false
            case .needMoreData: try refill()
            }
        }
    }

    /// Physical line (1-based) where the current record starts.
    func recordLine() -> Int {
        advanceLineCount(to: recordStart)
        return countedLine
    }

    /// The bytes of field `index` of the current record, with doubled quotes unescaped.
    @inline(__always)
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let span = fields[index]
        if span.hasDoubledQuotes { return unescapeField(index) }
        return UnsafeBufferPointer(start: buffer + span.start, count: span.end - span.start)
    }

    /// Removes the doubled quotes of field `index` in place (once) and returns its bytes.
    private func unescapeField(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        var span = fields[index]
        // Move the runs between quote pairs down, one memchr and one memmove per pair.
        var write = span.start
        var read = span.start
        while read < span.end {
            let found = memchr(buffer + read, Int32(Self.quote), span.end - read)
            let quoteAt = found.map { buffer.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? span.end
            let runEnd = quoteAt < span.end ? quoteAt + 1 : span.end
            if write != read { memmove(buffer + write, buffer + read, runEnd - read) }
            write += runEnd - read
            read = runEnd
            // Skip the second quote of a doubled pair.
            if quoteAt < span.end && read < span.end && buffer[read] == Self.quote { read += 1 }
        }
        // Overwrite the leftover tail so that line counting does not see copied newlines twice.
        (buffer + write).update(repeating: Self.quote, count: span.end - write)
        span.end = write
        span.hasDoubledQuotes = false
        fields[index] = span
        return UnsafeBufferPointer(start: buffer + span.start, count: span.end - span.start)
    }

    // MARK: - Splitting

    private enum ScanOutcome { case record, needMoreData, endOfInput }

    @inline(__always) private func appendField(_ start: Int, _ end: Int, _ doubled: Bool) {
        if fieldCount == fieldCapacity {
            let larger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: fieldCapacity * 2)
            larger.moveInitialize(from: fields, count: fieldCount)
            fields.deallocate()
            fields = larger
            fieldCapacity *= 2
        }
        fields[fieldCount] = FieldSpan(start: start, end: end, hasDoubledQuotes: doubled)
        fieldCount += 1
    }

    private func scanRecord() -> ScanOutcome {
        if !startedReading { return .needMoreData }
        let buffer = self.buffer
        let filled = self.filled
        var p = position
        // Skip blank lines (LF, CRLF, or a lone CR at the very end).
        while p < filled {
            if buffer[p] == Self.lineFeed {
                p += 1
            } else if buffer[p] == Self.carriageReturn && p + 1 < filled && buffer[p + 1] == Self.lineFeed {
                p += 2
            } else if buffer[p] == Self.carriageReturn && p + 1 == filled && atEnd {
                p += 1
            } else {
                break
            }
        }
        position = p
        if p == filled { return atEnd ? .endOfInput : .needMoreData }

        recordStart = p
        fieldCount = 0
        problem = nil
        while true {
            var fieldStart = p
            var scan = p
            if p < filled && buffer[p] == Self.quote {
                var continuesUnquoted = false
                var q = p + 1
                var doubled = false
                while true {
                    // Short fields (ids, counts) end within a few bytes: look there before calling memchr.
                    var r = q
                    let inlineLimit = min(q + 32, filled)
                    while r + 8 <= inlineLimit {
                        let word = UnsafeRawPointer(buffer + r).loadUnaligned(as: UInt64.self) ^ 0x2222_2222_2222_2222
                        let zeroBytes = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                        if zeroBytes != 0 {
                            r += zeroBytes.trailingZeroBitCount >> 3
                            break
                        }
                        r += 8
                    }
                    while r < inlineLimit && buffer[r] != Self.quote { r += 1 }
                    if r == inlineLimit {
                        guard r < filled, let found = memchr(buffer + r, Int32(Self.quote), filled - r) else {
                            if !atEnd { return .needMoreData }
                            problem = .unterminatedQuote(column: fieldCount + 1)
                            appendField(p + 1, filled, doubled)
                            position = filled
                            return .record
                        }
                        r = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    }
                    if r + 1 == filled {
                        if !atEnd { return .needMoreData }
                        appendField(p + 1, r, doubled)
                        position = filled
                        return .record
                    }
                    let next = buffer[r + 1]
                    if next == Self.quote {
                        doubled = true
                        q = r + 2
                        continue
                    }
                    if next == Self.comma {
                        appendField(p + 1, r, doubled)
                        p = r + 2
                        break
                    }
                    if next == Self.lineFeed {
                        appendField(p + 1, r, doubled)
                        position = r + 2
                        return .record
                    }
                    if next == Self.carriageReturn {
                        if r + 2 == filled {
                            if !atEnd { return .needMoreData }
                            appendField(p + 1, r, doubled)
                            position = filled
                            return .record
                        }
                        if buffer[r + 2] == Self.lineFeed {
                            appendField(p + 1, r, doubled)
                            position = r + 3
                            return .record
                        }
                    }
                    // Text after the closing quote: keep splitting as an unquoted field so the record
                    // still ends where it should, and flag the record.
                    if problem == nil { problem = .textAfterClosingQuote(column: fieldCount + 1) }
                    fieldStart = p + 1
                    scan = r + 1
                    continuesUnquoted = true
                    break
                }
                if !continuesUnquoted { continue }
            }
            var e = scan
            while e < filled {
                let byte = buffer[e]
                if byte == Self.comma || byte == Self.lineFeed { break }
                e += 1
            }
            if e == filled {
                if !atEnd { return .needMoreData }
                var end = e
                if end > fieldStart && buffer[end - 1] == Self.carriageReturn { end -= 1 }
                appendField(fieldStart, end, false)
                position = filled
                return .record
            }
            if buffer[e] == Self.comma {
                appendField(fieldStart, e, false)
                p = e + 1
                continue
            }
            var end = e
            if end > fieldStart && buffer[end - 1] == Self.carriageReturn { end -= 1 }
            appendField(fieldStart, end, false)
            position = e + 1
            return .record
        }
    }

    // MARK: - Reading

    private func refill() throws {
        precondition(!atEnd, "CSVScanner asked for more data after the end of the input")
        advanceLineCount(to: position)
        if position > 0 {
            let remaining = filled - position
            if remaining > 0 { memmove(buffer, buffer + position, remaining) }
            filled = remaining
            countedOffset -= position
            position = 0
        }
        if filled == capacity {
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            larger.update(from: buffer, count: filled)
            buffer.deallocate()
            buffer = larger
            capacity *= 2
        }
        let n = try source.read(into: buffer + filled, capacity: capacity - filled)
        if n == 0 { atEnd = true } else { filled += n }
        if !startedReading {
            // The first chunk: wait for at least three bytes so that a UTF-8 byte order mark can be dropped.
            if filled < 3 && !atEnd { return }
            startedReading = true
            if filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
                position = 3
                countedOffset = 3
            }
        }
        onChunkRead?()
    }

    private func advanceLineCount(to offset: Int) {
        var p = countedOffset
        while p < offset, let found = memchr(buffer + p, Int32(Self.lineFeed), offset - p) {
            countedLine += 1
            p = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        countedOffset = offset
    }
}
