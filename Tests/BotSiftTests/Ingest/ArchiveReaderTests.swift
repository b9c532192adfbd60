import Foundation
import Testing
@testable import BotSift

/// The tiny hand-made archive in Fixtures/ingest read into records, field by field.
@Suite struct ArchiveReaderTests {
    static let hashedID = "vMm2zemFOF7kmXoDyX24Bo+TorqhNutpZlATYyxsE="
    static let users = IngestTestSupport.fixture("tiny_users_csv_hashed.csv")
    static let tweets = IngestTestSupport.fixture("tiny_tweets_csv_hashed.csv")

    @Test func usersFileAccountsAreFilledAsDocumented() throws {
        let (result, reader) = try IngestTestSupport.read(users: Self.users)
        #expect(result.accounts.count == 3)
        #expect(result.accounts[0] == AccountRecord(
            index: 0, userID: Self.hashedID, screenName: Self.hashedID, displayName: Self.hashedID,
            profileDescription: "Line one\nline two, \"quoted\"", followerCount: 1, followingCount: 52,
            creationDay: 17_408, language: "zh-cn", origin: .usersFile))
        #expect(result.accounts[2] == AccountRecord(
            index: 2, userID: "4057984825", screenName: "baillopud5", displayName: "前尘往事 😀",
            reportedLocation: "California, USA", profileDescription: "cool", profileURL: "https://t.co/x",
            followerCount: 17_116, followingCount: 76, creationDay: 16_737, language: "en", origin: .usersFile))
        #expect(reader.userID(ofAccount: 1) == "919755217121316864")
        #expect(result.report.files.map(\.recordsRead) == [3])
        #expect(result.report.malformed.isEmpty)
    }

    @Test func postsAreFilledAsDocumentedAndShareTheAccountIndex() throws {
        let (result, reader) = try IngestTestSupport.read(users: Self.users, tweets: [Self.tweets])
        let report = result.report
        #expect(result.accounts.count == 4)
        #expect(report.accounts == 4 && report.accountsOnlyInPosts == 1 && report.posts == 5)
        #expect(report.firstPostTime == 1_564_617_540)  // 2019-07-31 23:59
        #expect(report.lastPostTime == 1_564_823_700)  // 2019-08-03 09:15
        #expect(reader.clientNames == ["Twitter for iPhone", "Twitter Web Client", "Twitter for Android"])
        #expect(reader.postLanguages == ["zh", "en", "ru"])
        #expect(reader.amplifiedAccounts == ["999"])

        let posts = result.posts
        #expect(posts.map(\.account) == [0, 2, 3, 3, 0])
        #expect(posts.map(\.time) == [1_564_662_600, 1_564_664_400, 1_564_704_000, 1_564_823_700, 1_564_617_540])
        #expect(posts.map(\.client) == [0, 1, 2, 2, 0])
        #expect(posts.map(\.language) == [0, 1, 2, 2, 0])
        #expect(posts.map(\.isRetweet) == [false, true, false, false, true])
        #expect(posts.map(\.retweetedAccount) == [-1, 0, -1, -1, 0])
        #expect(posts.map(\.isReply) == [false, false, true, false, false])
        #expect(posts.map(\.isQuote) == [false, false, false, true, false])
        #expect(posts.map(\.hashtagCount) == [1, 0, 0, 2, 0])
        #expect(posts.map(\.urlCount) == [1, 0, 0, 0, 0])
        #expect(posts.map(\.mentionCount) == [1, 1, 0, 0, 0])
        #expect(posts[0].hashtagHashes == [ContentHash.hash("hongkong")])
        #expect(posts[3].hashtagHashes == [ContentHash.hash("москва"), ContentHash.hash("news")])
        // Normalised: case-folded, link and mention dropped, white space (incl. the newline) collapsed.
        #expect(posts[0].textHash == ContentHash.hash("香港 加油, \"真的\" #hongkong"))
        #expect(posts[1].textHash == ContentHash.hash("rt hello, world"))
        #expect(posts[2].textHash == ContentHash.hash("привет мир"))
        #expect(posts[3].textHash == 0)
        #expect(posts[4].textHash == ContentHash.hash("hello"))

        // The tweets-only account comes from the per-post profile copy, just before its first post.
        #expect(result.accounts[3] == AccountRecord(
            index: 3, userID: "777000111", screenName: "news_ru", displayName: "Новости", reportedLocation: "Москва",
            followerCount: 5, followingCount: 10, creationDay: 17_898, language: "ru", origin: .postsFile))
    }

    @Test func runsOfOneAccountClientAndLanguageResolveToTheRightCodes() throws {
        // Rows of one account, client and language come in runs (resolved by comparing with the previous row); values
        // that are prefixes of each other, padded or differently cased copies, empty values, a rejected row and a
        // second file must not confuse that shortcut.
        let header = ["userid", "tweet_time", "tweet_client_name", "tweet_language"]
        let rows = [["ab", "2019-08-01 10:00", "Web", "en"], ["ab", "2019-08-01 10:01", "Web", "EN"],
                    ["abc", "2019-08-01 10:02", "Web App", "en"], ["a", "2019-08-01 10:03", "We", "e"],
                    [" ab ", "2019-08-01 10:04", "", ""], ["abc", "not a time", "Bot", "fr"],
                    ["abc", "2019-08-01 10:05", "Web App", "en-gb"], ["ab", "2019-08-01 10:06", " Web ", "en"]]
        let directory = try IngestTestSupport.makeDirectory()
        let first = try IngestTestSupport.write(
            ([header] + rows).map { IngestTestSupport.csvRow($0, always: true) }.joined(), named: "first.csv", in: directory)
        let second = try IngestTestSupport.write(
            IngestTestSupport.csvRow(header) + IngestTestSupport.csvRow(["a", "2019-08-02 10:00", "We", "e"])
                + IngestTestSupport.csvRow(["ab", "2019-08-02 10:01", "Web", "EN"]), named: "second.csv", in: directory)
        let (result, reader) = try IngestTestSupport.read(tweets: [first, second])
        let expectedAccounts = ["ab", "ab", "abc", "a", "ab", "abc", "ab", "a", "ab"]
        #expect(result.accounts.map(\.userID) == ["ab", "abc", "a"])
        #expect(result.posts.map { reader.userID(ofAccount: $0.account) } == expectedAccounts)
        #expect(reader.clientNames == ["Web", "Web App", "We"])
        #expect(result.posts.map(\.client) == [0, 0, 1, 2, -1, 1, 0, 2, 0])
        #expect(reader.postLanguages == ["en", "e", "en-gb"])
        #expect(result.posts.map(\.language) == [0, 0, 0, 1, -1, 2, 0, 1, 0])
        #expect(result.report.files[0].recordsSkipped == 1)
        // A second read starts afresh: the shortcut must not carry a code across reads.
        var again: [(String, Int32, Int32)] = []
        _ = try reader.read(account: { _ in }, post: { again.append((reader.userID(ofAccount: $0.account), $0.client, $0.language)) })
        #expect(again.map(\.0) == expectedAccounts)
        #expect(again.map(\.1) == result.posts.map(\.client))
        #expect(again.map(\.2) == result.posts.map(\.language))
    }

    @Test func accountOnlyInPostsIsEmittedBeforeItsFirstPost() throws {
        let reader = ArchiveReader(ArchiveInput(users: nil, tweets: [.file(Self.tweets)]))
        var events: [String] = []
        _ = try reader.read(
            account: { events.append("account \($0.index)") },
            post: { events.append("post \($0.account)") })
        #expect(events == ["account 0", "post 0", "account 1", "post 1", "account 2", "post 2", "post 2", "post 0"])
    }

    @Test func contentHashMatchesTheIndependentPythonImplementation() throws {
        // Values from Scripts/reference/content_hash.py; model files and cross-archive comparisons rely on them.
        #expect(ContentHash.hash("hongkong") == 0xA1F4_3750_19AD_4540)
        #expect(ContentHash.hash("") == 0x9CA0_66F1_A4AB_2EEA)
        // Tails of 1-7 bytes: read byte by byte under eight bytes, from the key's last word above.
        #expect(ContentHash.hash("a") == 0xD36A_87B9_6027_2D3C)
        #expect(ContentHash.hash("hongkong!") == 0x31A3_72D9_1E15_B504)
        #expect(ContentHash.hash("Twitter for Android") == 0xDEA4_C9F4_390E_ADCB)
        #expect(ContentHash.hash("aPwZ2Vfua5FUPGm0OFgaw50LoXRZIoxwfZqc9jryjOI=") == 0xA03C_D6C4_B533_574B)
        #expect(ContentHash.hash("hongkong") != ContentHash.hash("hongkonG"))
        let (result, _) = try IngestTestSupport.read(tweets: [Self.tweets])
        #expect(result.posts[0].textHash == 0xD6E9_EF84_98AB_29A1)  // "香港 加油, \"真的\" #hongkong"
    }

    @Test func gzipInputReadsTheSameAsPlain() throws {
        let directory = try IngestTestSupport.makeDirectory()
        let copy = directory + "/tweets.csv"
        try FileManager.default.copyItem(atPath: Self.tweets, toPath: copy)
        let gz = try IngestTestSupport.gzip(copy)
        let renamed = directory + "/tweets_no_extension"
        try FileManager.default.moveItem(atPath: gz, toPath: renamed)
        let (plain, _) = try IngestTestSupport.read(tweets: [copy])
        let (zipped, _) = try IngestTestSupport.read(tweets: [renamed])
        #expect(zipped.report.files[0].gzip)
        #expect(!plain.report.files[0].gzip)
        #expect(zipped.accounts == plain.accounts)
        #expect(zipped.posts.map(\.textHash) == plain.posts.map(\.textHash))
        #expect(zipped.posts.map(\.time) == plain.posts.map(\.time))
    }

    @Test func concatenatedGzipMembersAreReadInOrder() throws {
        let directory = try IngestTestSupport.makeDirectory()
        let header = try IngestTestSupport.write("userid,tweet_time\n", named: "a.csv", in: directory)
        let rows = try IngestTestSupport.write("u1,2019-08-01 12:30\nu2,2019-08-01 12:31\n", named: "b.csv", in: directory)
        let joined = try Data(contentsOf: URL(fileURLWithPath: IngestTestSupport.gzip(header)))
            + Data(contentsOf: URL(fileURLWithPath: IngestTestSupport.gzip(rows)))
        let path = try IngestTestSupport.write(Array(joined), named: "joined_tweets.csv.gz", in: directory)
        let (result, _) = try IngestTestSupport.read(tweets: [path])
        #expect(result.posts.map(\.time) == [1_564_662_600, 1_564_662_660])
    }

    @Test func truncatedGzipIsAnError() throws {
        let directory = try IngestTestSupport.makeDirectory()
        let copy = directory + "/tweets.csv"
        try FileManager.default.copyItem(atPath: Self.tweets, toPath: copy)
        let gz = try Data(contentsOf: URL(fileURLWithPath: IngestTestSupport.gzip(copy)))
        let path = try IngestTestSupport.write(Array(gz.prefix(gz.count / 2)), named: "cut_tweets.csv.gz", in: directory)
        #expect(IngestTestSupport.errorMessage(tweets: [path]) == "\(path): gzip data ends early (truncated .gz file)")
    }

    @Test func columnsAreFoundByNameInAnyOrderAndExtraColumnsAreReported() throws {
        let text = "poll_choices,tweet_time,is_retweet,userid\n\"a|b\",2019-08-01 12:30,TRUE,u1\n"
        let path = try IngestTestSupport.write(text)
        let (result, reader) = try IngestTestSupport.read(tweets: [path])
        #expect(result.posts.count == 1)
        #expect(result.posts[0].isRetweet)
        #expect(result.posts[0].client == -1 && result.posts[0].language == -1 && result.posts[0].textHash == 0)
        #expect(reader.userID(ofAccount: 0) == "u1")
        #expect(result.report.files[0].ignoredColumns == ["poll_choices"])
    }

    @Test func booleanAndCountForms() throws {
        var text = "userid,tweet_time,is_retweet\n"
        for value in ["True", "False", "true", "false", "1", "0", "", "yes"] { text += "u,2019-08-01 12:30,\(value)\n" }
        let (result, _) = try IngestTestSupport.read(tweets: [IngestTestSupport.write(text)])
        #expect(result.posts.map(\.isRetweet) == [true, false, true, false, true, false, false, false])
        #expect(result.report.unparseableOptionalValues == ["is_retweet": 1])

        let users = "userid,follower_count,following_count,account_creation_date\na,52.0,,2019-01-02\nb,many,7,someday\n"
        let (read, _) = try IngestTestSupport.read(users: IngestTestSupport.write(users))
        #expect(read.accounts.map(\.followerCount) == [52, nil])
        #expect(read.accounts.map(\.followingCount) == [nil, 7])
        #expect(read.accounts.map(\.creationDay) == [17_898, nil])
        #expect(read.report.unparseableOptionalValues == ["follower_count": 1, "account_creation_date": 1])
    }

    @Test func readingTwiceStartsAfresh() throws {
        let reader = ArchiveReader(ArchiveInput(users: .file(Self.users), tweets: [.file(Self.tweets)]))
        let first = try reader.read(account: { _ in }, post: { _ in })
        let second = try reader.read(account: { _ in }, post: { _ in })
        #expect(first == second)
        #expect(reader.clientNames.count == 3)
    }

    @Test func progressIsReportedWithTheFileSize() throws {
        final class Box: @unchecked Sendable { var last: IngestProgress? }
        let box = Box()
        let reader = ArchiveReader(
            ArchiveInput(users: nil, tweets: [.file(Self.tweets)]),
            options: IngestOptions(progress: { box.last = $0 }))
        _ = try reader.read(account: { _ in }, post: { _ in })
        let size = try FileManager.default.attributesOfItem(atPath: Self.tweets)[.size] as! Int
        #expect(box.last?.bytesRead == size)
        #expect(box.last?.totalBytes == size)
    }
}

/// `botsift inspect`'s numbers on the fixture archive, computed by hand.
@Suite struct ArchiveSummaryTests {
    @Test func fixtureArchiveSummary() throws {
        let input = ArchiveInput(users: .file(ArchiveReaderTests.users), tweets: [.file(ArchiveReaderTests.tweets)])
        let summary = try ArchiveSummary.read(input, topClients: 2)
        #expect(summary.accounts == 4 && summary.posts == 5 && summary.hashedAccounts == 1)
        // Posts per account: A 2, 919… 0, 4057… 1, C 2 → sorted 0 1 2 2; numpy linear quantiles.
        #expect(summary.postsPerAccount == ArchiveSummary.Distribution(min: 0, q1: 0.75, median: 1.5, q3: 2, p90: 2, max: 2))
        #expect(summary.accountLanguages == [.init(value: "zh-cn", count: 2), .init(value: "en", count: 1), .init(value: "ru", count: 1)])
        #expect(summary.postLanguages == [.init(value: "ru", count: 2), .init(value: "zh", count: 2), .init(value: "en", count: 1)])
        #expect(summary.topClients == [.init(value: "Twitter for Android", count: 2), .init(value: "Twitter for iPhone", count: 2)])
        #expect(summary.distinctClients == 3)
        #expect(summary.text.contains("posts per account: min 0, q1 0.8, median 1.5, q3 2, p90 2, max 2"))
        #expect(summary.text.contains("accounts:          4 (hashed ids 1, 25%; only in tweets files 1)"))
        #expect(summary.text.contains("time range:        2019-07-31 23:59 to 2019-08-03 09:15 UTC"))
    }

    @Test func quantilesMatchNumpyLinearInterpolation() {
        // numpy.quantile([0, 1, 3, 10, 50], [.25, .5, .75, .9]) = [1, 3, 10, 34]
        let d = ArchiveSummary.distribution([10, 0, 50, 3, 1])
        #expect(d == ArchiveSummary.Distribution(min: 0, q1: 1, median: 3, q3: 10, p90: 34, max: 50))
        #expect(ArchiveSummary.distribution([]) == nil)
    }
}
