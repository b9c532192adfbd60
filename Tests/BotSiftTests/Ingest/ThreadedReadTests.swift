import Foundation
import Testing
@testable import BotSift

/// The threaded reader (a scanning thread splitting chunks ahead of the caller) against the single-threaded
/// one: identical records, reports and errors on clean, dirty and corrupted files, with chunk boundaries
/// everywhere; and a clean stop of the scanning thread when a read ends early.
@Suite struct ThreadedReadTests {
    /// Everything one read produced, in a comparable form (PostRecord is not Equatable: its fields are listed).
    struct Outcome: Equatable {
        var accounts: [AccountRecord] = []
        var posts: [String] = []
        var report = IngestReport()
        var error: String?
        var clients: [String] = []
        var languages: [String] = []
        var amplified: [String] = []
    }

    static func describe(_ post: PostRecord) -> String {
        "\(post.account) \(post.time) \(post.client) \(post.language) \(post.isRetweet) \(post.isReply) \(post.isQuote) "
            + "\(post.retweetedAccount) \(post.hashtagCount) \(post.urlCount) \(post.mentionCount) "
            + "\(post.hashtagHashes) \(post.textHash)"
    }

    static func read(
        users: String? = nil, tweets: [String], threaded: Bool, strict: Bool = false, chunkSize: Int = 4 << 20
    ) -> Outcome {
        let reader = ArchiveReader(
            ArchiveInput(users: users.map { .file($0) }, tweets: tweets.map { .file($0) }),
            options: IngestOptions(strict: strict, threaded: threaded))
        reader.chunkSize = chunkSize
        var outcome = Outcome()
        do {
            outcome.report = try reader.read(
                account: { outcome.accounts.append($0) }, post: { outcome.posts.append(describe($0)) })
        } catch {
            outcome.error = "\(error)"
        }
        outcome.clients = reader.clientNames
        outcome.languages = reader.postLanguages
        outcome.amplified = reader.amplifiedAccounts
        return outcome
    }

    /// A tweets file of `rows` rows mixing multi-line quoted texts, doubled quotes, CJK, CRLF and bad rows.
    static func mixedTweets(rows: Int, badEvery: Int = 0) throws -> String {
        var text = "userid,tweet_text,tweet_time,tweet_client_name,hashtags,is_retweet,retweet_userid\r\n"
        for i in 0..<rows {
            let body: String
            switch i % 4 {
            case 0: body = "Hello \"world\" #\(i % 7) https://t.co/x\(i)"
            case 1: body = "多行\n文本 😀 @user\(i % 3)\nend"
            case 2: body = String(repeating: "long, text ", count: 1 + i % 30)
            default: body = "ПРИВЕТ мир \(i % 5)"
            }
            var time = "2019-08-\(String(format: "%02d", 1 + i % 28)) 12:\(String(format: "%02d", i % 60))"
            if badEvery > 0 && i % badEvery == badEvery - 1 { time = "not a time" }
            let row = [
                "u\(i % 37)", body, time, ["Twitter for iPhone", "Web", ""][i % 3], "[tag\(i % 5), Tag\(i % 5)]",
                i % 2 == 0 ? "True" : "False", i % 2 == 0 ? "r\(i % 11)" : "",
            ]
            text += IngestTestSupport.csvRow(row, always: i % 3 == 0, lineEnd: i % 5 == 0 ? "\r\n" : "\n")
            if i % 97 == 0 { text += "\n" }
        }
        return try IngestTestSupport.write(text, named: "mixed_tweets.csv")
    }

    @Test func fixturesGiveIdenticalResultsAtEveryChunkSize() throws {
        let users = IngestTestSupport.fixture("tiny_users_csv_hashed.csv")
        let tweets = IngestTestSupport.fixture("tiny_tweets_csv_hashed.csv")
        let single = Self.read(users: users, tweets: [tweets], threaded: false)
        #expect(single.error == nil)
        #expect(single.posts.count == 5 && single.accounts.count == 4)
        for chunkSize in [16, 40, 97, 256, 4 << 20] {
            #expect(Self.read(users: users, tweets: [tweets], threaded: true, chunkSize: chunkSize) == single, "chunk \(chunkSize)")
            #expect(Self.read(users: users, tweets: [tweets], threaded: false, chunkSize: chunkSize) == single, "chunk \(chunkSize)")
        }
    }

    @Test func dirtyFileGivesIdenticalReportsAndStrictErrors() throws {
        let dirty = try IngestErrorTests.dirtyTweets()
        let single = Self.read(tweets: [dirty], threaded: false)
        #expect(single.report.recordsSkipped == 7)
        #expect(single.posts.count == 2)
        let strict = Self.read(tweets: [dirty], threaded: false, strict: true)
        #expect(strict.error == "\(dirty):4: wrong field count: expected 3 fields as in the header, found 2")
        for chunkSize in [16, 33, 64, 4 << 20] {
            #expect(Self.read(tweets: [dirty], threaded: true, chunkSize: chunkSize) == single, "chunk \(chunkSize)")
            #expect(Self.read(tweets: [dirty], threaded: true, strict: true, chunkSize: chunkSize) == strict, "chunk \(chunkSize)")
        }
    }

    @Test func manyChunksThroughTheBoundedQueueGiveIdenticalResults() throws {
        let path = try Self.mixedTweets(rows: 3_000, badEvery: 250)
        let single = Self.read(tweets: [path], threaded: false)
        #expect(single.error == nil)
        #expect(single.report.posts == 2_988)
        #expect(single.report.recordsSkipped == 12)
        #expect(single.report.malformed.first?.examples.first?.hasPrefix("\(path):") == true)
        #expect(single.languages.isEmpty && single.clients == ["Twitter for iPhone", "Web"])
        for chunkSize in [100, 1_000, 4_096, 65_536] {
            #expect(Self.read(tweets: [path], threaded: true, chunkSize: chunkSize) == single, "chunk \(chunkSize)")
        }
        // In strict mode the first bad row (row 250, after 250 good rows) stops the read with the same message.
        let strict = Self.read(tweets: [path], threaded: false, strict: true)
        #expect(strict.posts.count == 249)
        #expect(strict.error?.contains("column 3 (tweet_time): unparseable required value: \"not a time\" is not a time") == true)
        #expect(Self.read(tweets: [path], threaded: true, strict: true, chunkSize: 1_000) == strict)
    }

    @Test func corruptedInputsGiveIdenticalResults() throws {
        let base = Array(try Data(contentsOf: URL(fileURLWithPath: IngestTestSupport.fixture("tiny_tweets_csv_hashed.csv"))))
        let directory = try IngestTestSupport.makeDirectory()
        var generator = SeededGenerator(seed: 7)
        var differing = 0
        var errors = 0
        for round in 0..<300 {
            let bytes = MutationTests.mutate(base, &generator)
            let path = try IngestTestSupport.write(bytes, named: "m_tweets.csv", in: directory)
            let strict = round % 3 == 0
            let chunkSize = 16 + Int(generator.next() % 200)
            let single = Self.read(tweets: [path], threaded: false, strict: strict)
            let threaded = Self.read(tweets: [path], threaded: true, strict: strict, chunkSize: chunkSize)
            if threaded != single { differing += 1 }
            if single.error != nil { errors += 1 }
        }
        #expect(differing == 0)
        // Both outcomes occur: errors (damaged headers, strict mode) and completed reads.
        #expect(errors > 20 && errors < 280)
    }

    @Test func truncatedGzipStopsAfterTheSameRecordsWithTheSameError() throws {
        let plain = try Self.mixedTweets(rows: 2_000)
        let gz = try Data(contentsOf: URL(fileURLWithPath: IngestTestSupport.gzip(plain)))
        let path = try IngestTestSupport.write(Array(gz.prefix(gz.count * 2 / 3)), named: "cut_tweets.csv.gz")
        let single = Self.read(tweets: [path], threaded: false, chunkSize: 4_096)
        #expect(single.error == "\(path): gzip data ends early (truncated .gz file)")
        #expect(single.posts.count > 500 && single.posts.count < 2_000)
        #expect(Self.read(tweets: [path], threaded: true, chunkSize: 4_096) == single)
    }

    @Test func aStrictErrorOrAThrowingCallbackStopsTheScanningThread() throws {
        let path = try Self.mixedTweets(rows: 20_000, badEvery: 1_000)
        // Threaded, small chunks: the scanning thread is far from the end when the error is thrown.
        let strict = Self.read(tweets: [path], threaded: true, strict: true, chunkSize: 8_192)
        #expect(strict.posts.count == 999)
        #expect(strict.error?.contains(": column 3 (tweet_time): unparseable required value") == true)

        struct Stop: Error {}
        let reader = ArchiveReader(ArchiveInput(users: nil, tweets: [.file(path)]), options: IngestOptions(threaded: true))
        reader.chunkSize = 8_192
        var seen = 0
        #expect(throws: Stop.self) {
            try reader.read(account: { _ in }, post: { _ in
                seen += 1
                if seen == 100 { throw Stop() }
            })
        }
        #expect(seen == 100)
        // The same reader reads the whole file afterwards.
        let report = try reader.read(account: { _ in }, post: { _ in })
        #expect(report.posts == 19_980)

        // The stream itself: after one chunk, stop() returns and the scanning thread has exited.
        let producer = RecordChunkProducer(source: try ByteSource(.file(path)), kind: .tweets, progress: nil)
        let stream = RecordChunkStream(producer: producer, threaded: true, chunkSize: 4_096)
        #expect(stream.isThreaded)
        let first = try #require(try stream.next())
        #expect(first.records.count > 1)
        #expect(!stream.scanningFinished)
        stream.recycle(first)
        stream.stop()
        #expect(stream.scanningFinished)
        stream.stop()
    }
}
