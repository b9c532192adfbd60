import Foundation
import Testing
@testable import BotSift

/// Thousands of seeded random corruptions of a valid tweets file: the reader never crashes, always finishes
/// (every scanner step consumes input, so the work is bounded by the file size), either reads the file or
/// throws an `IngestError`, and accounts for every record start the reference splitter sees.
@Suite struct MutationTests {
    enum Mutation: CaseIterable { case flip, delete, insertQuote, insertComma, insertNewline, truncate }

    static func mutate(_ base: [UInt8], _ generator: inout SeededGenerator) -> [UInt8] {
        var bytes = base
        let edits = 1 + Int(generator.next() % 4)
        for _ in 0..<edits where !bytes.isEmpty {
            let position = Int(generator.next() % UInt64(bytes.count))
            switch Mutation.allCases[Int(generator.next() % UInt64(Mutation.allCases.count))] {
            case .flip: bytes[position] ^= UInt8(truncatingIfNeeded: 1 + generator.next() % 255)
            case .delete: bytes.remove(at: position)
            case .insertQuote: bytes.insert(UInt8(ascii: "\""), at: position)
            case .insertComma: bytes.insert(UInt8(ascii: ","), at: position)
            case .insertNewline: bytes.insert(generator.next() % 2 == 0 ? 0x0A : 0x0D, at: position)
            case .truncate: bytes.removeSubrange(position...)
            }
        }
        return bytes
    }

    @Test func randomCorruptionsAreCountedNeverCrashOrHang() throws {
        let base = Array(try Data(contentsOf: URL(fileURLWithPath: IngestTestSupport.fixture("tiny_tweets_csv_hashed.csv"))))
        let directory = try IngestTestSupport.makeDirectory()
        var generator = SeededGenerator(seed: 2026)
        var outcomes = (read: 0, skippedSome: 0, rejected: 0)
        for round in 0..<3_000 {
            let bytes = Self.mutate(base, &generator)
            let path = try IngestTestSupport.write(bytes, named: "m_tweets.csv", in: directory)
            let records = IngestTestSupport.referenceRecords(bytes)
            do {
                let (result, _) = try IngestTestSupport.read(tweets: [path])
                let file = result.report.files[0]
                #expect(file.recordsRead + file.recordsSkipped == records.count - 1, "round \(round)")
                #expect(result.posts.count == file.recordsRead, "round \(round)")
                #expect(result.report.recordsSkipped == file.recordsSkipped, "round \(round)")
                outcomes.read += 1
                if file.recordsSkipped > 0 { outcomes.skippedSome += 1 }
            } catch let error as IngestError {
                // Only a damaged header (or no header at all) may stop a lenient read.
                switch error.kind {
                case .missingColumn, .emptyFile, .malformedRecord: outcomes.rejected += 1
                default: Issue.record("round \(round): unexpected \(error)")
                }
                #expect(error.description.hasPrefix(path), "round \(round)")
            }
        }
        // The corpus exercises both paths substantially.
        #expect(outcomes.read > 2_000)
        #expect(outcomes.skippedSome > 500)
        #expect(outcomes.rejected > 10)
    }
}
