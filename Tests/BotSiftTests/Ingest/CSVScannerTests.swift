import Foundation
import Testing
@testable import BotSift

/// The byte-level splitter on its own: every dirt case, at chunk sizes that cut records anywhere.
@Suite struct CSVScannerTests {
    struct Split: Equatable {
        var records: [[String]]
        var lines: [Int]
        var problems: [RecordProblem?]
    }

    static func split(_ bytes: [UInt8], chunkSize: Int = 4 << 20) throws -> Split {
        let path = try IngestTestSupport.write(bytes)
        let scanner = CSVScanner(source: try ByteSource(.file(path)), chunkSize: chunkSize)
        var result = Split(records: [], lines: [], problems: [])
        while try scanner.nextRecord() {
            result.records.append((0..<scanner.fieldCount).map { String(decoding: scanner.field($0), as: UTF8.self) })
            result.lines.append(scanner.recordLine())
            result.problems.append(scanner.problem)
        }
        return result
    }

    static func split(_ text: String, chunkSize: Int = 4 << 20) throws -> Split {
        try split(Array(text.utf8), chunkSize: chunkSize)
    }

    /// The vector count against a byte-by-byte count, for every start and end around the block edges, and past the
    /// lane flush.
    @Test func lineFeedCountMatchesAByteByByteCount() {
        var generator = SeededGenerator(seed: 7)
        let bytes = (0..<300).map { _ in [UInt8(ascii: "\n"), UInt8(ascii: "a"), UInt8(ascii: "\r"), 0x8A][Int.random(in: 0..<4, using: &generator)] }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        defer { buffer.deallocate() }
        buffer.initialize(from: bytes, count: bytes.count)
        for from in [0, 1, 7, 63, 64, 65, 130] {
            for to in stride(from: from, through: bytes.count, by: 1) {
                let expected = bytes[from..<to].filter { $0 == UInt8(ascii: "\n") }.count
                #expect(countLineFeeds(buffer, from: from, to: to) == expected, "\(from)..<\(to)")
            }
        }
        #expect(countLineFeeds(buffer, from: 0, to: bytes.count) > 50)
        // Byte lanes count up to 255 blocks between flushes: a run of line feeds past that must not wrap.
        let allLineFeeds = UnsafeMutablePointer<UInt8>.allocate(capacity: 9_001)
        defer { allLineFeeds.deallocate() }
        allLineFeeds.initialize(repeating: UInt8(ascii: "\n"), count: 9_001)
        #expect(countLineFeeds(allLineFeeds, from: 0, to: 9_001) == 9_001)
        #expect(countLineFeeds(allLineFeeds, from: 3, to: 4_083) == 4_080)
    }

    @Test func plainQuotedEmptyAndMissingFinalNewline() throws {
        let result = try Self.split("a,b,c\n\"x\",,\"\"\n1,2,3")
        #expect(result.records == [["a", "b", "c"], ["x", "", ""], ["1", "2", "3"]])
        #expect(result.lines == [1, 2, 3])
        #expect(result.problems == [nil, nil, nil])
    }

    @Test func crlfAndByteOrderMark() throws {
        let result = try Self.split([0xEF, 0xBB, 0xBF] + Array("\"id\",name\r\n1,\"a\r\nb\"\r\n2,c\r\n".utf8))
        #expect(result.records == [["id", "name"], ["1", "a\r\nb"], ["2", "c"]])
        #expect(result.lines == [1, 2, 4])
    }

    @Test func embeddedNewlinesCommasDoubledQuotesCJKAndEmoji() throws {
        let text = "u,d\n1,\"他说 \"\"你好\"\", ok\n第二行 😀\n\"\n2,\"\"\"\"\n"
        let result = try Self.split(text)
        #expect(result.records == [["u", "d"], ["1", "他说 \"你好\", ok\n第二行 😀\n"], ["2", "\""]])
        #expect(result.lines == [1, 2, 5])
    }

    @Test func blankLinesAreSkippedButCountedInLineNumbers() throws {
        let result = try Self.split("a,b\n\n\r\n1,2\n\n")
        #expect(result.records == [["a", "b"], ["1", "2"]])
        #expect(result.lines == [1, 4])
    }

    @Test func unterminatedQuoteRunsToEndOfFileAndIsFlagged() throws {
        let result = try Self.split("a,b\n1,\"never closed\n2,3\n")
        #expect(result.records.count == 2)
        #expect(result.records[1] == ["1", "never closed\n2,3\n"])
        #expect(result.problems[1] == .unterminatedQuote(column: 2))
    }

    @Test func textAfterClosingQuoteIsFlaggedAndTheRecordStillEndsAtItsNewline() throws {
        let result = try Self.split("a,b,c\n\"x\"y,2,3\nnext,row,ok\n")
        #expect(result.records.count == 3)
        #expect(result.records[1].count == 3)
        #expect(result.problems[1] == .textAfterClosingQuote(column: 1))
        #expect(result.records[2] == ["next", "row", "ok"])
        #expect(result.problems[2] == nil)
    }

    @Test func quoteInsideUnquotedFieldIsLiteral() throws {
        let result = try Self.split("a,b\n5\" screen,x\n")
        #expect(result.records[1] == ["5\" screen", "x"])
        #expect(result.problems[1] == nil)
    }

    @Test func emptyInputHasNoRecords() throws {
        #expect(try Self.split("").records.isEmpty)
        #expect(try Self.split([0xEF, 0xBB, 0xBF]).records.isEmpty)
        #expect(try Self.split("\n\n").records.isEmpty)
    }

    /// Fields written with a quoting helper come back byte for byte, whatever the chunk size.
    @Test(arguments: [7, 16, 33, 64, 4 << 20])
    func roundTripOfTrickyFieldsAtEveryChunkSize(chunkSize: Int) throws {
        let tricky = [
            "", " ", ",", "\"", "\"\"", "a,b", "line\nbreak", "crlf\r\ninside", "trailing\r", "\r",
            "香港 加油 🇭🇰", "Christinz 🤦‍♀️ ‏", "He said \"hi\", then left\n", "[a, b]", "=cmd", "  spaced  ",
            String(repeating: "long,\"quoted\"\ntext ", count: 40),
        ]
        var rows: [[String]] = []
        for (i, value) in tricky.enumerated() {
            rows.append([String(i), value, tricky[(i * 7 + 3) % tricky.count]])
        }
        var text = ""
        for (i, row) in rows.enumerated() {
            text += IngestTestSupport.csvRow(row, always: i % 2 == 0, lineEnd: i % 3 == 0 ? "\r\n" : "\n")
        }
        let result = try Self.split(text, chunkSize: chunkSize)
        #expect(result.records == rows)
        #expect(result.problems.allSatisfy { $0 == nil })
        // Physical lines: each record starts after the newlines of all records before it.
        var expectedLine = 1
        var expectedLines: [Int] = []
        for row in rows {
            expectedLines.append(expectedLine)
            expectedLine += 1 + row.joined().filter { $0 == "\n" || $0 == "\r\n" }.count
        }
        #expect(result.lines == expectedLines)
    }

    /// The scanner and the byte-at-a-time reference agree on record and field counts for corrupted input,
    /// with chunk boundaries everywhere.
    @Test func agreesWithReferenceSplitterOnCorruptedInputAtSmallChunks() throws {
        let base = Array(try Data(contentsOf: URL(fileURLWithPath: IngestTestSupport.fixture("tiny_tweets_csv_hashed.csv"))))
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            var bytes = base
            for _ in 0..<3 {
                let position = Int(generator.next() % UInt64(bytes.count))
                let replacements: [UInt8] = [0x22, 0x2C, 0x0A, 0x0D, UInt8(truncatingIfNeeded: generator.next())]
                bytes[position] = replacements[Int(generator.next() % 5)]
            }
            let reference = IngestTestSupport.referenceRecords(bytes)
            let chunk = 5 + Int(generator.next() % 60)
            let split = try Self.split(bytes, chunkSize: chunk)
            #expect(split.records.count == reference.count)
            #expect(split.records.map(\.count) == reference.map(\.count))
        }
    }
}
