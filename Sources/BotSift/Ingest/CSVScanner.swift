import CSIMDScan

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

/// A field's bytes in a buffer; `hasDoubledQuotes` until `RecordFields.field(_:)` unescapes it in place.
struct FieldSpan {
    var start: Int
    var end: Int
    var hasDoubledQuotes: Bool
}

/// A growable array of `FieldSpan`s (the fields of one record, or of every record of a chunk).
final class FieldSpans {
    private(set) var base: UnsafeMutablePointer<FieldSpan>
    private var capacity: Int
    /// Number of spans stored.
    var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 4)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always) func append(_ start: Int, _ end: Int, _ doubled: Bool) {
        if count == capacity { grow(keeping: count) }
        base[count] = FieldSpan(start: start, end: end, hasDoubledQuotes: doubled)
        count &+= 1
    }

    /// Appends through a local cursor (see `Appender`).
    @inline(__always) func appender() -> Appender {
        Appender(spans: self, base: base, count: count, capacity: capacity)
    }

    /// Appends spans with the count and base kept in registers: stores through `base` could alias the class's own
    /// stored count, which would then be reloaded and stored for every field. `commit` makes them the spans'.
    struct Appender {
        /// Not retained: an appender lives inside one call that holds the spans (a retain and release per record
        /// cost more than the record's field appends).
        unowned(unsafe) let spans: FieldSpans
        private var base: UnsafeMutablePointer<FieldSpan>
        private var count: Int
        private var capacity: Int

        fileprivate init(spans: FieldSpans, base: UnsafeMutablePointer<FieldSpan>, count: Int, capacity: Int) {
            self.spans = spans
            self.base = base
            self.count = count
            self.capacity = capacity
        }

        @inline(__always) mutating func append(_ start: Int, _ end: Int, _ doubled: Bool) {
            if count == capacity {
                spans.grow(keeping: count)
                base = spans.base
                capacity = spans.capacity
            }
            base[count] = FieldSpan(start: start, end: end, hasDoubledQuotes: doubled)
            count &+= 1
        }

        /// Stores the appended spans' count in the spans (until then, `spans.count` is unchanged).
        func commit() { spans.count = count }
    }

    /// Doubles the capacity, moving the first `live` spans (`count`, or an appender's count).
    private func grow(keeping live: Int) {
        let larger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: live)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}

/// The fields of one split record: spans into a byte buffer. A plain pair of pointers (no reference counting),
/// valid while the buffer and spans are (until the scanner moves on or the chunk is recycled).
struct RecordFields {
    let buffer: UnsafeMutablePointer<UInt8>
    let spans: UnsafeMutablePointer<FieldSpan>
    /// Number of fields.
    let count: Int

    /// The bytes of field `index`, with doubled quotes unescaped (in place, the first time).
    @inline(__always)
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let span = spans[index]
        if span.hasDoubledQuotes { return unescapeField(index) }
        return UnsafeBufferPointer(start: buffer + span.start, count: span.end - span.start)
    }

    /// Removes the doubled quotes of field `index` in place (once) and returns its bytes.
    private func unescapeField(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        var span = spans[index]
        // Move the runs between quote pairs down, one memchr and one memmove per pair.
        var write = span.start
        var read = span.start
        while read < span.end {
            let found = memchr(buffer + read, Int32(UInt8(ascii: "\"")), span.end - read)
            let quoteAt = found.map { buffer.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? span.end
            let runEnd = quoteAt < span.end ? quoteAt + 1 : span.end
            if write != read { memmove(buffer + write, buffer + read, runEnd - read) }
            write += runEnd - read
            read = runEnd
            // Skip the second quote of a doubled pair.
            if quoteAt < span.end && read < span.end && buffer[read] == UInt8(ascii: "\"") { read += 1 }
        }
        // Overwrite the leftover tail so that line counting does not see copied newlines twice.
        (buffer + write).update(repeating: UInt8(ascii: "\""), count: span.end - write)
        span.end = write
        span.hasDoubledQuotes = false
        spans[index] = span
        return UnsafeBufferPointer(start: buffer + span.start, count: span.end - span.start)
    }
}

/// Counts line feeds in `buffer[from..<to]` (for `file:line` messages), 16 bytes per compare: every chunk is
/// counted whole, and a call to memchr per line cost more than the scan.
func countLineFeeds(_ buffer: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Int {
    guard to > from else { return 0 }
    return csimd_count_byte(buffer + from, to - from, UInt8(ascii: "\n"))
}

/// RFC 4180 record splitting over a byte buffer, shared by `CSVScanner` and the chunked archive reader
/// (`RecordChunkProducer`). Records whose fields are all quoted with no quote inside (archive files) take a
/// 64-byte-bitmask fast path; any other record is split by the general path, where closing quotes are found
/// eight bytes at a time near the field start, then with memchr.
enum RecordSplitter {
    enum Outcome { case record, needMoreData, endOfInput }

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Splits the record at `position` of `buffer[0..<filled]` (blank lines before it are skipped), appending its
    /// fields to `spans`. `.record`: `position` is past the record, `recordStart` where it begins, `problem` set
    /// when it could not be split cleanly. `.needMoreData`: its partial spans are removed and `position` is where
    /// it starts. `atEnd` says that no bytes follow `filled`. `allowFastPath: false` (tests only) splits every
    /// record with the general path, to check that the fast path gives the same results.
    @inline(__always)
    static func split(
        _ buffer: UnsafeMutablePointer<UInt8>, filled: Int, atEnd: Bool, position: inout Int, recordStart: inout Int,
        problem: inout RecordProblem?, spans: FieldSpans, allowFastPath: Bool = true
    ) -> Outcome {
        var p = position
        // Skip blank lines (LF, CRLF, or a lone CR at the very end).
        while p < filled {
            if buffer[p] == lineFeed {
                p += 1
            } else if buffer[p] == carriageReturn && p + 1 < filled && buffer[p + 1] == lineFeed {
                p += 2
            } else if buffer[p] == carriageReturn && p + 1 == filled && atEnd {
                p += 1
            } else {
                break
            }
        }
        position = p
        if p == filled { return atEnd ? .endOfInput : .needMoreData }

        recordStart = p
        problem = nil
        if allowFastPath && buffer[p] == quote, let end = splitAllQuoted(buffer, filled: filled, start: p, spans: spans) {
            position = end
            return .record
        }
        let firstSpan = spans.count
        while true {
            var fieldStart = p
            var scan = p
            if p < filled && buffer[p] == quote {
                var continuesUnquoted = false
                var q = p + 1
                var doubled = false
                while true {
                    // Short fields (ids, counts) end within a few bytes: look there before calling memchr.
                    var r = q
                    let inlineLimit = min(q + 32, filled)
                    // Offsets stay below the buffer size, so wrapping arithmetic skips needless overflow checks.
                    while r &+ 8 <= inlineLimit {
                        if let offset = FieldParsing.firstOffset(of: quote, inEightBytesAt: buffer + r) {
                            r &+= offset
                            break
                        }
                        r &+= 8
                    }
                    while r < inlineLimit && buffer[r] != quote { r += 1 }
                    if r == inlineLimit {
                        guard r < filled, let found = memchr(buffer + r, Int32(quote), filled - r) else {
                            if !atEnd {
                                spans.count = firstSpan
                                return .needMoreData
                            }
                            problem = .unterminatedQuote(column: spans.count - firstSpan + 1)
                            spans.append(p + 1, filled, doubled)
                            position = filled
                            return .record
                        }
                        r = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    }
                    if r + 1 == filled {
                        if !atEnd {
                            spans.count = firstSpan
                            return .needMoreData
                        }
                        spans.append(p + 1, r, doubled)
                        position = filled
                        return .record
                    }
                    let next = buffer[r + 1]
                    if next == quote {
                        doubled = true
                        q = r + 2
                        continue
                    }
                    if next == comma {
                        spans.append(p + 1, r, doubled)
                        p = r + 2
                        break
                    }
                    if next == lineFeed {
                        spans.append(p + 1, r, doubled)
                        position = r + 2
                        return .record
                    }
                    if next == carriageReturn {
                        if r + 2 == filled {
                            if !atEnd {
                                spans.count = firstSpan
                                return .needMoreData
                            }
                            spans.append(p + 1, r, doubled)
                            position = filled
                            return .record
                        }
                        if buffer[r + 2] == lineFeed {
                            spans.append(p + 1, r, doubled)
                            position = r + 3
                            return .record
                        }
                    }
                    // Text after the closing quote: keep splitting as an unquoted field so the record
                    // still ends where it should, and flag the record.
                    if problem == nil { problem = .textAfterClosingQuote(column: spans.count - firstSpan + 1) }
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
                if byte == comma || byte == lineFeed { break }
                e += 1
            }
            if e == filled {
                if !atEnd {
                    spans.count = firstSpan
                    return .needMoreData
                }
                var end = e
                if end > fieldStart && buffer[end - 1] == carriageReturn { end -= 1 }
                spans.append(fieldStart, end, false)
                position = filled
                return .record
            }
            if buffer[e] == comma {
                spans.append(fieldStart, e, false)
                p = e + 1
                continue
            }
            var end = e
            if end > fieldStart && buffer[end - 1] == carriageReturn { end -= 1 }
            spans.append(fieldStart, end, false)
            position = e + 1
            return .record
        }
    }
}

extension RecordSplitter {
    /// Splits the record starting at `start` (an opening quote) when it is the common archive case: every field
    /// is a quote, bytes without a quote, and a quote; fields are separated by commas; the record ends in LF or
    /// CRLF; and every 64-byte block read to find its quotes lies within `buffer[0..<filled]`. Appends the spans
    /// and returns the position after the line end, exactly as the general path would; otherwise leaves `spans`
    /// as it was and returns nil, so the general path splits the record from `start`.
    static func splitAllQuoted(
        _ buffer: UnsafeMutablePointer<UInt8>, filled: Int, start: Int, spans: FieldSpans
    ) -> Int? {
        var appended = spans.appender()
        // Quote positions are the set bits of `quotes`, bit i standing for buffer[blockStart + i]; quotes before
        // `fieldStart` are already cleared. Blocks are only loaded while they lie within `filled`: a record near
        // the end of the bytes takes the general path.
        guard start &+ 64 <= filled else { return nil }
        var blockStart = start
        var quotes = csimd_byte_mask64(buffer + blockStart, quote)
        quotes &= quotes &- 1
        var fieldStart = start &+ 1
        // The separator `,"` as one little-endian 16-bit word: one load and compare instead of two per field.
        let separator = UInt16(comma) | UInt16(quote) &<< 8
        while true {
            // The closing quote of the field: the next quote. A block starts at the current field when the
            // previous block ended at or before it (its opening quote is then never seen twice).
            while quotes == 0 {
                blockStart = max(blockStart &+ 64, fieldStart)
                guard blockStart &+ 64 <= filled else { return nil }
                quotes = csimd_byte_mask64(buffer + blockStart, quote)
            }
            let closing = blockStart &+ quotes.trailingZeroBitCount
            // Two bytes after the closing quote decide: `,"` another field, `\n` or `\r\n` the end of the record.
            guard closing &+ 2 < filled else { break }
            let following = UInt16(littleEndian: UnsafeRawPointer(buffer + (closing &+ 1)).loadUnaligned(as: UInt16.self))
            if following == separator {
                appended.append(fieldStart, closing, false)
                fieldStart = closing &+ 3
                // Clear the closing quote, then the next field's opening quote: the next quote, as a comma lies
                // between them (when it lies in a later block, `quotes` is already zero).
                quotes &= quotes &- 1
                quotes &= quotes &- 1
                continue
            }
            let next = UInt8(truncatingIfNeeded: following)
            if next == lineFeed {
                appended.append(fieldStart, closing, false)
                appended.commit()
                return closing &+ 2
            }
            if next == carriageReturn && UInt8(truncatingIfNeeded: following &>> 8) == lineFeed {
                appended.append(fieldStart, closing, false)
                appended.commit()
                return closing &+ 3
            }
            break
        }
        return nil
    }
}

/// Streaming RFC 4180 record splitter over a `ByteSource`, one record at a time (label files, header sniffing):
/// UTF-8 BOM, CRLF or LF, quoted fields with embedded newlines and doubled quotes, empty fields, no final
/// newline. Reads chunks with read(2); fields are byte ranges into its buffer, valid until the next
/// `nextRecord()`. Blank lines between records are skipped. Memory is one chunk plus the longest record.
final class CSVScanner {
    let source: ByteSource

    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var filled = 0
    private var position = 0
    private var atEnd = false
    private var startedReading = false

    private let spans = FieldSpans()
    /// Set when the current record could not be split cleanly.
    private(set) var problem: RecordProblem?
    private var recordStart = 0

    private var countedOffset = 0
    private var countedLine = 1

    init(source: ByteSource, chunkSize: Int = 4 << 20) {
        self.source = source
        capacity = max(chunkSize, 16)
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Number of fields in the current record.
    var fieldCount: Int { spans.count }

    /// Advances to the next record; false at the end of the input.
    func nextRecord() throws -> Bool {
        while true {
            if startedReading {
                spans.count = 0
                switch RecordSplitter.split(
                    buffer, filled: filled, atEnd: atEnd, position: &position, recordStart: &recordStart,
                    problem: &problem, spans: spans)
                {
                case .record: return true
                case .endOfInput: return false
                case .needMoreData: break
                }
            }
            try refill()
        }
    }

    /// Physical line (1-based) where the current record starts.
    func recordLine() -> Int {
        countedLine += countLineFeeds(buffer, from: countedOffset, to: recordStart)
        countedOffset = recordStart
        return countedLine
    }

    /// The bytes of field `index` of the current record, with doubled quotes unescaped.
    @inline(__always)
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        RecordFields(buffer: buffer, spans: spans.base, count: spans.count).field(index)
    }

    private func refill() throws {
        precondition(!atEnd, "CSVScanner asked for more data after the end of the input")
        countedLine += countLineFeeds(buffer, from: countedOffset, to: position)
        countedOffset = position
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
    }
}
