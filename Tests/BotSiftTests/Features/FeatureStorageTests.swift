import Testing
@testable import BotSift

@Suite struct FeatureStorageTests {
    @Test func retainedBytesStayUnderSixteenPerPostOnAHundredThousandPosts() {
        var generator = SeededGenerator(seed: 7)
        let accountCount = 500, postCount = 100_000
        var extractor = FeatureExtractor()
        for i in 0..<accountCount { extractor.add(AccountRecord(index: Int32(i), userID: "\(10_000 + i)")) }
        // A month of posts in time order (as in an archive file); every text hash is a random 64-bit value,
        // the incompressible case. 40% retweets of 1,000 accounts, 0-2 hashtags of 300, 4 clients, 3 languages.
        var time: Int64 = 1_560_000_000
        for _ in 0..<postCount {
            time += Int64(generator.next() % 52)
            let isRetweet = generator.next() % 5 < 2
            let hashtags = (0..<Int(generator.next() % 3)).map { _ in generator.next() % 300 + 1 }
            extractor.add(PostRecord(
                account: Int32(generator.next() % UInt64(accountCount)), time: time,
                client: Int32(generator.next() % 4), language: Int32(generator.next() % 3), isRetweet: isRetweet,
                retweetedAccount: isRetweet ? Int32(generator.next() % 1_000) : -1, hashtagCount: Int32(hashtags.count),
                hashtagHashes: hashtags, textHash: generator.next() | 1))
        }
        let bytesPerPost = Double(extractor.retainedBytes) / Double(postCount)
        // At least the 8-byte text hash and a time per post is kept, so the accounting cannot be leaving it out.
        #expect(bytesPerPost > 9)
        #expect(bytesPerPost < 16)
        let table = extractor.finish(clientNames: ["a", "b", "c", "d"])
        #expect(table.values.rows == accountCount)
        #expect(table.values.elements.allSatisfy { $0.isFinite })
    }

    @Test func accountStreamsReturnEveryStreamsBytesInOrderAcrossBlocksAndChunks() {
        var streams = AccountStreams()
        var cursors = [StreamCursor](repeating: StreamCursor(), count: 3)
        var expected: [[UInt8]] = [[], [], []]
        var generator = SeededGenerator(seed: 3)
        // Stream 0 grows past one 1 MiB chunk; stream 1 gets single bytes; stream 2 stays empty.
        for round in 0..<50_000 {
            let length = Int(generator.next() % 60) + 1
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let stream = round % 5 == 0 ? 1 : 0
            let appended = stream == 1 ? Array(bytes.prefix(1)) : bytes
            appended.withUnsafeBufferPointer { streams.append($0, to: &cursors[stream]) }
            expected[stream].append(contentsOf: appended)
        }
        #expect(expected[0].count > ByteArena.chunkSize)
        var buffer: [UInt8] = []
        for stream in [1, 0, 2] {
            let length = streams.gather(cursors[stream], into: &buffer)
            #expect(Int(cursors[stream].length) == expected[stream].count)
            #expect(Array(buffer[..<length]) == expected[stream])
        }
        // Block sizes grow like sqrt(16 * allocated), within [32, 16 KiB] and 4-byte aligned.
        #expect(AccountStreams.blockSize(afterAllocating: 0) == 32)
        #expect(AccountStreams.blockSize(afterAllocating: 3_200) == 228)  // sqrt(51,200) = 226.3, rounded up to 4
        #expect(AccountStreams.blockSize(afterAllocating: 100_000_000) == 16_384)
        // Stored: the payload plus 4 link bytes per block, well under 2x for the big stream.
        #expect(streams.retainedBytes < 2 * (expected[0].count + expected[1].count))
    }

    @Test func copiedStreamsKeepTheirOwnBytesAcrossChunks() {
        var original = AccountStreams()
        var cursor = StreamCursor()
        let sevens = [UInt8](repeating: 7, count: 1_000)
        for _ in 0..<1_200 { sevens.withUnsafeBufferPointer { original.append($0, to: &cursor) } }
        let originalBytes = original.retainedBytes
        #expect(originalBytes > ByteArena.chunkSize)
        // Appending to a copy copies the arena (every chunk, the last up to its fill mark) and leaves the original.
        var copy = original
        var copyCursor = cursor
        [UInt8](repeating: 9, count: 10).withUnsafeBufferPointer { copy.append($0, to: &copyCursor) }
        var buffer: [UInt8] = []
        let originalLength = original.gather(cursor, into: &buffer)
        #expect(originalLength == 1_200_000 && buffer[..<originalLength].allSatisfy { $0 == 7 })
        #expect(original.retainedBytes == originalBytes)
        let copyLength = copy.gather(copyCursor, into: &buffer)
        #expect(copyLength == 1_200_010)
        #expect(buffer[..<1_200_000].allSatisfy { $0 == 7 } && buffer[1_200_000..<copyLength].allSatisfy { $0 == 9 })
    }

    @Test func postLogRoundTripsOutOfOrderTimesEmptyTextsAndManyHashtags() {
        let posts: [(time: Int32, text: UInt64, retweeted: Int32, codes: [UInt32])] = [
            (1_000, 0xFFFF_FFFF_FFFF_FFFF, -1, []),
            (999, 0, 70_000, [1, 2]),                      // earlier than the previous post
            (Int32.max, 42, -1, [0, 300, 5, 99_999, 7]),  // more than three hashtags use the extra count
            (Int32.min, 0, 0, [3, 3, 3]),
        ]
        var streams = AccountStreams()
        var cursor = StreamCursor()
        var previous: Int32 = 0
        for post in posts {
            var bytes = [UInt8](repeating: 0, count: PostLog.maximumLength(hashtagCount: post.codes.count))
            let length = bytes.withUnsafeMutableBufferPointer {
                var writer = PostLog.encode(time: post.time, previousTime: previous, textHash: post.text,
                                            retweetedAccount: post.retweeted, hashtagCount: post.codes.count,
                                            into: $0.baseAddress!)
                for code in post.codes { writer.varint(UInt64(code)) }
                return writer.count
            }
            bytes[..<length].withUnsafeBufferPointer { streams.append($0, to: &cursor) }
            previous = post.time
        }
        var buffer: [UInt8] = []
        let length = streams.gather(cursor, into: &buffer)
        buffer.withUnsafeBufferPointer { bytes in
            var reader = ByteReader(UnsafeBufferPointer(rebasing: bytes[..<length]))
            var previous: Int32 = 0
            for post in posts {
                let entry = PostLog.readPost(from: &reader, previousTime: previous)
                #expect(entry.time == post.time)
                #expect(entry.textHash == post.text)
                #expect(entry.retweetedAccount == post.retweeted)
                #expect(entry.hashtagCount == post.codes.count)
                #expect((0..<entry.hashtagCount).map { _ in UInt32(reader.varint()) } == post.codes)
                previous = entry.time
            }
            #expect(reader.isAtEnd)
        }
    }

    @Test func copiedExtractorsAreIndependent() {
        var generator = SeededGenerator(seed: 9)
        let (accounts, posts) = FeatureExtractorTests.randomBatch(accountCount: 12, postCount: 600, generator: &generator)
        var extractor = FeatureExtractor()
        for account in accounts { extractor.add(account) }
        for post in posts[..<300] { extractor.add(post) }
        let snapshot = extractor
        for post in posts[300...] { extractor.add(post) }
        #expect(snapshot.finish(clientNames: FeatureFixture.clientNames).values
            == FeatureFixture.table(posts: Array(posts[..<300]), accounts: accounts).values)
        #expect(extractor.finish(clientNames: FeatureFixture.clientNames).values
            == FeatureFixture.table(posts: posts, accounts: accounts).values)
    }
}
