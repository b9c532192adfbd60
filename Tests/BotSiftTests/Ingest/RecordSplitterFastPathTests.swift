import Foundation
import Testing
@testable import BotSift

/// The all-quoted fast path of `RecordSplitter` against the general path: same spans, positions, record starts,
/// problems and outcomes, record by record, on fixtures and seeded random archive-like bytes cut anywhere.
@Suite struct RecordSplitterFastPathTests {
    /// One call of `RecordSplitter.split` and everything it reported.
    struct Step: Equatable {
        var outcome: RecordSplitter.Outcome
        var position: Int
        var recordStart: Int
        var problem: RecordProblem?
        var spans: [[Int]]
    }

    /// Splits `bytes[0..<filled]` record by record (in a buffer of exactly `filled` bytes) until the splitter
    /// stops, as `RecordChunkProducer.fill` does.
    static func steps(_ bytes: [UInt8], filled: Int, atEnd: Bool, allowFastPath: Bool) -> [Step] {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(filled, 1))
        defer { buffer.deallocate() }
        buffer.initialize(from: bytes, count: filled)
        let spans = FieldSpans(capacity: 4)
        var position = 0
        var recordStart = -1
        var problem: RecordProblem? = .unterminatedQuote(column: 99)
        var result: [Step] = []
        while true {
            let firstSpan = spans.count
            let outcome = RecordSplitter.split(
                buffer, filled: filled, atEnd: atEnd, position: &position, recordStart: &recordStart,
                problem: &problem, spans: spans, allowFastPath: allowFastPath)
            let fields = (firstSpan..<spans.count).map { [spans.base[$0].start, spans.base[$0].end, spans.base[$0].hasDoubledQuotes ? 1 : 0] }
            result.append(Step(outcome: outcome, position: position, recordStart: recordStart, problem: problem, spans: fields))
            if outcome != .record { return result }
        }
    }

    /// Expects the fast and general paths to agree on `bytes` cut at `filled`, with and without more input.
    static func expectSameSplit(_ bytes: [UInt8], filled: Int, _ comment: String) {
        for atEnd in [true, false] {
            let general = steps(bytes, filled: filled, atEnd: atEnd, allowFastPath: false)
            let fast = steps(bytes, filled: filled, atEnd: atEnd, allowFastPath: true)
            #expect(fast == general, "\(comment), filled \(filled), atEnd \(atEnd)")
        }
    }

    /// Records of `bytes` that the fast path accepts on its own: each must give the general path's spans and end.
    static func fastPathRecordCount(_ bytes: [UInt8]) -> Int {
        let general = steps(bytes, filled: bytes.count, atEnd: true, allowFastPath: false)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { buffer.deallocate() }
        buffer.initialize(from: bytes, count: bytes.count)
        var accepted = 0
        for step in general where step.outcome == .record && bytes[step.recordStart] == UInt8(ascii: "\"") {
            let spans = FieldSpans(capacity: 4)
            guard let end = RecordSplitter.splitAllQuoted(buffer, filled: bytes.count, start: step.recordStart, spans: spans) else {
                #expect(spans.count == 0)
                continue
            }
            accepted += 1
            #expect(end == step.position)
            #expect(step.problem == nil)
            #expect((0..<spans.count).map { [spans.base[$0].start, spans.base[$0].end, 0] } == step.spans)
        }
        return accepted
    }

    @Test func handWorkedRecordsTakeTheFastPath() {
        // `"ab","",", x\n"\r\n` then padding records so that the 64-byte blocks fit.
        let first = Array("\"ab\",\"\",\", x\n\"\r\n".utf8)
        let padding = Array(String(repeating: "\"0123456789\",\"0123456789\"\n", count: 4).utf8)
        let bytes = first + padding
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        defer { buffer.deallocate() }
        buffer.initialize(from: bytes, count: bytes.count)
        let spans = FieldSpans()
        let end = RecordSplitter.splitAllQuoted(buffer, filled: bytes.count, start: 0, spans: spans)
        #expect(end == 16)
        #expect(spans.count == 3)
        #expect((0..<3).map { [spans.base[$0].start, spans.base[$0].end] } == [[1, 3], [6, 6], [9, 13]])
        // The next record: 26 bytes, LF-terminated.
        #expect(RecordSplitter.splitAllQuoted(buffer, filled: bytes.count, start: 16, spans: spans) == 42)
        #expect(spans.count == 5)
        #expect([spans.base[3].start, spans.base[3].end, spans.base[4].start, spans.base[4].end] as [Int] == [17, 27, 30, 40])
        // Fewer than 64 bytes from the record start to `filled`: the general path's job.
        #expect(RecordSplitter.splitAllQuoted(buffer, filled: bytes.count, start: 94, spans: spans) == nil)
        #expect(spans.count == 5)
    }

    @Test func irregularRecordsAreLeftToTheGeneralPath() {
        let padding = String(repeating: "\"0123456789\",\"0123456789\"\n", count: 4)
        let irregular = [
            "\"a\"\"b\",\"c\"\n",  // doubled quote
            "\"a\",b,\"c\"\n",  // unquoted field
            "\"a\"x,\"c\"\n",  // text after a closing quote
            "\"a\",\"c\"\r,\"d\"\n",  // lone CR after a closing quote
            "\"a\",\"c\"\"\n",  // quote after a closing quote
            "\"a\", \"c\"\n",  // space before an opening quote
        ]
        for record in irregular {
            let bytes = Array((record + padding).utf8)
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
            defer { buffer.deallocate() }
            buffer.initialize(from: bytes, count: bytes.count)
            let spans = FieldSpans()
            spans.append(7, 8, false)
            #expect(RecordSplitter.splitAllQuoted(buffer, filled: bytes.count, start: 0, spans: spans) == nil, "\(record)")
            #expect(spans.count == 1, "\(record)")
            Self.expectSameSplit(bytes, filled: bytes.count, record)
        }
    }

    @Test func aLongFieldNeedsItsWholeSecondBlockWithinFilled() {
        // `"` + 70 x `a` + `"\n`, then padding: the closing quote is at 71, past the first block (0..<64), so the
        // search loads the block at 64, which must end by `filled` (128): at 127 the fast path declines.
        let record = Array(("\"" + String(repeating: "a", count: 70) + "\"\n").utf8)
        let bytes = record + Array(String(repeating: "\"0123456789\"\n", count: 6).utf8)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        defer { buffer.deallocate() }
        buffer.initialize(from: bytes, count: bytes.count)
        let spans = FieldSpans()
        #expect(RecordSplitter.splitAllQuoted(buffer, filled: 127, start: 0, spans: spans) == nil)
        #expect(spans.count == 0)
        #expect(RecordSplitter.splitAllQuoted(buffer, filled: 128, start: 0, spans: spans) == 73)
        #expect(spans.count == 1)
        #expect([spans.base[0].start, spans.base[0].end] as [Int] == [1, 71])
        // The line feed as the last byte before `filled`: the byte after it is needed too.
        for filled in [72, 73, 74, 100] { Self.expectSameSplit(bytes, filled: filled, "long field, filled \(filled)") }
    }

    @Test func separatorsAtEveryBlockOffsetSplitAlike() {
        // A first field of every length from 0 to 129 shifts the separators, line ends and long fields that
        // follow across every offset of the 64-byte blocks; each pair of records is also cut around the first's end.
        let tail = ["", "0", "2007-08-15", String(repeating: "x", count: 64), String(repeating: "y", count: 130), ""]
        for lineEnd in ["\n", "\r\n"] {
            for length in 0...129 {
                let first = String(repeating: "z", count: length)
                let record = ([first] + tail).map { "\"\($0)\"" }.joined(separator: ",") + lineEnd
                let bytes = Array((record + record).utf8)
                Self.expectSameSplit(bytes, filled: bytes.count, "first field \(length)")
                for filled in (record.utf8.count - 3)...(record.utf8.count + 2) {
                    Self.expectSameSplit(bytes, filled: filled, "first field \(length)")
                }
                // With an unquoted line after them, both records have room for their blocks: the fast path takes both.
                let padded = bytes + Array((String(repeating: "p", count: 200) + "\n").utf8)
                #expect(Self.fastPathRecordCount(padded) == 2, "first field \(length)")
            }
        }
    }

    @Test func ingestFixturesSplitAlikeAtEveryCut() throws {
        for name in ["tiny_tweets_csv_hashed.csv", "tiny_users_csv_hashed.csv"] {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: IngestTestSupport.fixture(name))))
            #expect(bytes.count > 500)
            for filled in 0...bytes.count { Self.expectSameSplit(bytes, filled: filled, name) }
        }
    }

    /// Random archive-like bytes: mostly well-formed all-quoted records (LF or CRLF, empty fields, fields of
    /// 0-200 bytes with commas and line breaks inside), mixed with every irregularity the fast path refuses.
    static func randomArchive(_ generator: inout SeededGenerator, maxFieldLength: Int, maxRecords: Int) -> [UInt8] {
        func below(_ n: Int) -> Int { Int(generator.next() % UInt64(n)) }
        let alphabet = Array("abcxyz019 ,,\n\r#@é".utf8)
        var bytes: [UInt8] = []
        let records = 1 + below(maxRecords)
        for record in 0..<records {
            let fieldCount = below(4) == 0 ? 30 : 1 + below(6)
            // 0: well-formed; otherwise one irregularity somewhere in the record.
            let irregularity = below(3) == 0 ? 1 + below(9) : 0
            let irregularField = below(fieldCount)
            for field in 0..<fieldCount {
                if field > 0 { bytes.append(UInt8(ascii: ",")) }
                let length = below(5) == 0 ? 0 : below(maxFieldLength + 1)
                var text = (0..<length).map { _ in alphabet[below(alphabet.count)] }
                if field == irregularField {
                    switch irregularity {
                    case 1: text.insert(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")], at: below(text.count + 1))
                    case 2:
                        bytes.append(contentsOf: text.filter { $0 != UInt8(ascii: ",") && $0 != 10 && $0 != 13 })
                        continue
                    case 3:
                        bytes.append(UInt8(ascii: "\""))
                        bytes.append(contentsOf: text)
                        bytes.append(contentsOf: Array("\"tail".utf8))
                        continue
                    case 4:
                        bytes.append(UInt8(ascii: "\""))
                        bytes.append(contentsOf: text)
                        bytes.append(contentsOf: [UInt8(ascii: "\""), 13])
                        continue
                    case 5: text.insert(UInt8(ascii: "\""), at: below(text.count + 1))
                    default: break
                    }
                }
                bytes.append(UInt8(ascii: "\""))
                bytes.append(contentsOf: text)
                bytes.append(UInt8(ascii: "\""))
            }
            let last = record == records - 1
            switch irregularity {
            case 6: bytes.append(contentsOf: [10, 10])  // an empty line after the record
            case 7: bytes.append(contentsOf: [13, 10, 13, 10])
            case 8 where last: break  // no final line end
            case 9 where last: bytes.append(13)  // a lone CR at the very end
            default: bytes.append(contentsOf: below(2) == 0 ? [10] : [13, 10])
            }
        }
        return bytes
    }

    @Test func randomArchivesSplitAlike() {
        var generator = SeededGenerator(seed: 4_180)
        var fastRecords = 0
        for index in 0..<20_000 {
            let bytes = Self.randomArchive(&generator, maxFieldLength: 200, maxRecords: 6)
            Self.expectSameSplit(bytes, filled: bytes.count, "archive \(index)")
            if index % 7 == 0 {
                let cut = Int(generator.next() % UInt64(bytes.count + 1))
                Self.expectSameSplit(bytes, filled: cut, "archive \(index) cut")
            }
            if index % 50 == 0 { fastRecords += Self.fastPathRecordCount(bytes) }
        }
        // The fast path must actually have been exercised (about half of the records are well-formed).
        #expect(fastRecords > 200)
    }

    @Test func shortRandomArchivesSplitAlikeAtEveryCut() {
        var generator = SeededGenerator(seed: 64)
        for index in 0..<150 {
            let bytes = Self.randomArchive(&generator, maxFieldLength: 70, maxRecords: 3)
            for filled in 0...bytes.count { Self.expectSameSplit(bytes, filled: filled, "short archive \(index)") }
        }
    }
}
