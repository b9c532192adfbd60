#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A block of whole records: the bytes read from a file (about 4 MiB), the spans of every field, and for tweets
/// files the per-post values that need no reader state (`PreparedPost`). Filled by a `RecordChunkProducer`,
/// read by `ArchiveReader`, then recycled; never used by two threads at once.
final class RecordChunk {
    /// One record: where it starts (for line numbers) and its fields in `spans`.
    struct Entry {
        var start: Int
        var firstSpan: Int
        var fieldCount: Int
        var problem: RecordProblem?
    }

    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes held (the records, then the start of an incomplete record that is carried to the next chunk).
    var filled = 0
    let spans = FieldSpans(capacity: 4_096)
    var records: [Entry] = []
    /// `PreparedPost`s of the first records (tweets files; the reader prepares the rest itself) and the hashtag
    /// hashes they point into.
    var prepared: [PreparedPost] = []
    var hashtagHashes: [UInt64] = []
    /// Physical line number of `buffer[0]`.
    private(set) var firstLine = 1
    /// Line counting cursor for `line(ofRecord:)`.
    private var countedOffset = 0
    private var countedLine = 1

    init(capacity: Int) {
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Empties the chunk for bytes whose first one is on line `line`.
    func reset(firstLine line: Int) {
        filled = 0
        spans.count = 0
        records.removeAll(keepingCapacity: true)
        prepared.removeAll(keepingCapacity: true)
        hashtagHashes.removeAll(keepingCapacity: true)
        firstLine = line
        countedOffset = 0
        countedLine = line
    }

    /// Doubles the buffer, keeping its bytes (a record longer than the chunk).
    func grow() {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        larger.update(from: buffer, count: filled)
        buffer.deallocate()
        buffer = larger
        capacity *= 2
    }

    /// The records, spans and prepared posts as plain values, taken once per chunk: the reader's per-row reads of
    /// this class's stored arrays would each pay a dynamic exclusivity check.
    func view() -> RecordChunkView {
        RecordChunkView(records: records, prepared: prepared, hashtagHashes: hashtagHashes, buffer: buffer, spans: spans.base)
    }

    /// The fields of record `index`.
    @inline(__always)
    func fields(_ index: Int) -> RecordFields {
        let entry = records[index]
        return RecordFields(buffer: buffer, spans: spans.base + entry.firstSpan, count: entry.fieldCount)
    }

    /// Physical line (1-based) where record `index` starts; cheap when asked in increasing record order.
    func line(ofRecord index: Int) -> Int {
        let start = records[index].start
        if start < countedOffset {
            countedOffset = 0
            countedLine = firstLine
        }
        countedLine += countLineFeeds(buffer, from: countedOffset, to: start)
        countedOffset = start
        return countedLine
    }
}

/// A filled `RecordChunk` as the reader sees it (see `RecordChunk.view()`); valid until the chunk is recycled.
struct RecordChunkView {
    let records: [RecordChunk.Entry]
    let prepared: [PreparedPost]
    let hashtagHashes: [UInt64]
    let buffer: UnsafeMutablePointer<UInt8>
    let spans: UnsafeMutablePointer<FieldSpan>

    /// The fields of record `index`.
    @inline(__always)
    func fields(_ index: Int) -> RecordFields {
        let entry = records[index]
        return RecordFields(buffer: buffer, spans: spans + entry.firstSpan, count: entry.fieldCount)
    }
}

/// Reads one file into `RecordChunk`s: fills a chunk with read(2) (or gunzip), splits it into records with
/// `RecordSplitter`, carries the incomplete last record to the next chunk, and prepares the posts of a tweets
/// file. Runs on the scanning thread when the read is threaded (see `RecordChunkStream`).
final class RecordChunkProducer {
    let source: ByteSource
    let kind: ArchiveInput.FileKind
    /// Column layout from the header row (nil until the first chunk is filled, or when the header is malformed).
    private(set) var layout: ArchiveReader.FileLayout?
    private let progress: (@Sendable (IngestProgress) -> Void)?
    private var lastProgress: Int64 = 0
    private var atEnd = false
    private var started = false
    private var headerPending = true
    private var nextLine = 1
    /// The incomplete record at the end of the previous chunk: its bytes are copied to the next one.
    private var carry: (chunk: RecordChunk, start: Int, end: Int)?
    private let preparation = PostPreparation()
    /// Bytes asked of each read(2): small enough that the bytes are still in cache when their line feeds are counted.
    private static let readPieceSize = 256 << 10

    init(source: ByteSource, kind: ArchiveInput.FileKind, progress: (@Sendable (IngestProgress) -> Void)?) {
        self.source = source
        self.kind = kind
        self.progress = progress
    }

    /// True once the last chunk has been filled.
    var finished: Bool { atEnd && carry == nil }

    /// Fills `chunk` with the next whole records (at least one unless the input ends) and prepares the posts of
    /// the first `preparedSixteenths`/16 of them. A read error is returned after the records read before it, so
    /// they are processed first, as a one-record-at-a-time reader would.
    func fill(_ chunk: RecordChunk, preparedSixteenths: Int) -> Error? {
        chunk.reset(firstLine: nextLine)
        if let carry {
            let count = carry.end - carry.start
            if carry.chunk === chunk {
                memmove(chunk.buffer, chunk.buffer + carry.start, count)
            } else {
                while chunk.capacity < count { chunk.grow() }
                chunk.buffer.update(from: carry.chunk.buffer + carry.start, count: count)
            }
            chunk.filled = count
            self.carry = nil
        }
        // Line feeds in buffer[0..<filled], counted piece by piece as the bytes arrive, while they are in cache.
        var lineFeeds = countLineFeeds(chunk.buffer, from: 0, to: chunk.filled)
        var position = 0
        var readError: Error?
        while true {
            while !atEnd && chunk.filled < chunk.capacity {
                do {
                    let piece = min(chunk.capacity - chunk.filled, Self.readPieceSize)
                    let n = try source.read(into: chunk.buffer + chunk.filled, capacity: piece)
                    if n == 0 { atEnd = true } else {
                        lineFeeds += countLineFeeds(chunk.buffer, from: chunk.filled, to: chunk.filled + n)
                        chunk.filled += n
                    }
                } catch {
                    readError = error
                    break
                }
            }
            reportProgress()
            if !started {
                started = true
                if chunk.filled >= 3 && chunk.buffer[0] == 0xEF && chunk.buffer[1] == 0xBB && chunk.buffer[2] == 0xBF {
                    position = 3
                }
            }
            var recordStart = 0
            var problem: RecordProblem?
            // Entries go to a local array (moved out of the chunk and back, so nothing is copied): appending to the
            // chunk's stored array paid a dynamic exclusivity check per record.
            var records = chunk.records
            chunk.records = []
            let buffer = chunk.buffer, filled = chunk.filled, spans = chunk.spans, atEnd = self.atEnd
            split: while true {
                let firstSpan = spans.count
                switch RecordSplitter.split(
                    buffer, filled: filled, atEnd: atEnd, position: &position, recordStart: &recordStart,
                    problem: &problem, spans: spans)
                {
                case .record:
                    records.append(RecordChunk.Entry(
                        start: recordStart, firstSpan: firstSpan, fieldCount: spans.count - firstSpan, problem: problem))
                case .needMoreData, .endOfInput:
                    break split
                }
            }
            chunk.records = records
            // A record longer than the chunk: make room and read on.
            if chunk.records.isEmpty && !atEnd && readError == nil {
                if chunk.filled == chunk.capacity { chunk.grow() }
                continue
            }
            break
        }
        if position < chunk.filled { carry = (chunk, position, chunk.filled) }
        nextLine = chunk.firstLine + lineFeeds - countLineFeeds(chunk.buffer, from: position, to: chunk.filled)
        prepare(chunk, count: chunk.records.count * preparedSixteenths / 16)
        return readError
    }

    /// Header layout on the first chunk, then the stateless part of the first `count` post rows (placeholders
    /// for the header and malformed rows, which the reader rejects before looking).
    private func prepare(_ chunk: RecordChunk, count: Int) {
        var first = 0
        if headerPending && !chunk.records.isEmpty {
            headerPending = false
            if chunk.records[0].problem == nil { layout = ArchiveReader.FileLayout(header: chunk.fields(0), kind: kind) }
            first = 1
        }
        guard kind == .tweets, let layout, layout.hasRequiredColumns else { return }
        // Work on local arrays (moved out of the chunk and back, so nothing is copied): per-row accesses to the
        // chunk's stored arrays would each pay a dynamic exclusivity check.
        var prepared = chunk.prepared, hashtags = chunk.hashtagHashes
        chunk.prepared = []
        chunk.hashtagHashes = []
        defer {
            chunk.prepared = prepared
            chunk.hashtagHashes = hashtags
        }
        let records = chunk.records, columns = layout.columns, expectedFields = layout.names.count
        let preparation = self.preparation
        prepared.reserveCapacity(count)
        for index in 0..<count {
            let entry = records[index]
            if index < first || entry.problem != nil || entry.fieldCount != expectedFields {
                prepared.append(PreparedPost())
            } else {
                prepared.append(preparation.prepare(chunk.fields(index), columns, hashtags: &hashtags))
            }
        }
    }

    private func reportProgress() {
        guard let progress else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let milliseconds = Int64(now.tv_sec) * 1_000 + Int64(now.tv_nsec) / 1_000_000
        guard milliseconds - lastProgress >= 100 else { return }
        lastProgress = milliseconds
        progress(IngestProgress(path: source.displayName, bytesRead: source.rawBytesRead, totalBytes: source.totalBytes))
    }
}
