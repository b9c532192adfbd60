import Foundation
import Testing
@testable import BotSift

/// Exact wording of the messages an analyst sees, and skip-and-count versus strict behaviour.
@Suite struct IngestErrorTests {
    @Test func missingRequiredColumnNamesFileColumnAndWhatNeedsIt() throws {
        let tweets = try IngestTestSupport.write("tweetid,userid\n1,u\n", named: "t_tweets.csv")
        #expect(IngestTestSupport.errorMessage(tweets: [tweets]) ==
            "\(tweets): missing required column \"tweet_time\" in tweets file (needed for every timing and activity "
            + "feature); found columns: tweetid, userid")
        let users = try IngestTestSupport.write("screen_name\nx\n", named: "u_users.csv")
        #expect(IngestTestSupport.errorMessage(users: users) ==
            "\(users): missing required column \"userid\" in users file (needed to identify each account and join it "
            + "to its tweets); found columns: screen_name")
    }

    @Test func emptyFileIsAnErrorAndHeaderOnlyTweetsFileIsANote() throws {
        let empty = try IngestTestSupport.write("", named: "empty_tweets.csv")
        #expect(IngestTestSupport.errorMessage(tweets: [empty]) ==
            "\(empty): tweets file is empty (expected a header row: tweetid, userid, tweet_time, ...)")
        let users = try IngestTestSupport.write("userid\nu1\n", named: "x_users.csv")
        let headerOnly = try IngestTestSupport.write("userid,tweet_time\n", named: "h_tweets.csv")
        let (result, _) = try IngestTestSupport.read(users: users, tweets: [headerOnly])
        #expect(result.accounts.count == 1 && result.posts.isEmpty)
        #expect(result.report.notes == ["\(headerOnly): tweets file has a header but no tweets (an archive with accounts but no posts)"])
    }

    /// One file with one bad record of each kind between good ones; line numbers count embedded newlines.
    static func dirtyTweets() throws -> String {
        var text = "userid,tweet_text,tweet_time\n"
        text += "u1,\"multi\nline, fine\",2019-08-01 12:30\n"  // lines 2-3, good
        text += "u2,short\n"  // line 4: 2 fields
        text += "u3,hello,2019-13-01 10:00\n"  // line 5: bad month
        text += ",hello,2019-08-01 12:30\n"  // line 6: empty userid
        text += "u4,\"x\"y,2019-08-01 12:30\n"  // line 7: text after closing quote
        text += "u5,hello,\n"  // line 8: empty time
        var bytes = Array(text.utf8)
        bytes += Array("u6,bad ".utf8) + [0xFF, 0xFE] + Array(",2019-08-01 12:30\n".utf8)  // line 9: invalid UTF-8
        bytes += Array("u7,ok,2019-08-01 12:31\n".utf8)  // line 10: good
        bytes += Array("u8,\"never closed,2019-08-01 12:32\n".utf8)  // line 11: unterminated
        return try IngestTestSupport.write(bytes, named: "dirty_tweets.csv")
    }

    @Test func malformedRecordsAreSkippedCountedAndExemplified() throws {
        let path = try Self.dirtyTweets()
        let (result, _) = try IngestTestSupport.read(tweets: [path])
        #expect(result.posts.count == 2)
        #expect(result.report.files[0].recordsRead == 2)
        #expect(result.report.files[0].recordsSkipped == 7)
        let examples = Dictionary(uniqueKeysWithValues: result.report.malformed.map { ($0.reason, $0.examples) })
        #expect(examples[.wrongFieldCount] == ["\(path):4: wrong field count: expected 3 fields as in the header, found 2"])
        #expect(examples[.unparseableRequiredValue] ==
            ["\(path):5: column 3 (tweet_time): unparseable required value: \"2019-13-01 10:00\" is not a time"])
        #expect(examples[.missingRequiredValue] == [
            "\(path):6: column 1 (userid): missing required value: empty userid",
            "\(path):8: column 3 (tweet_time): missing required value: empty tweet_time",
        ])
        #expect(examples[.textAfterClosingQuote] == ["\(path):7: column 2 (tweet_text): text after closing quote"])
        #expect(examples[.invalidUTF8] == ["\(path):9: column 2 (tweet_text): invalid UTF-8"])
        #expect(examples[.unterminatedQuote] == ["\(path):11: column 2 (tweet_text): unterminated quote at end of file"])
        #expect(result.report.malformed.map(\.reason) == [
            .wrongFieldCount, .unterminatedQuote, .textAfterClosingQuote, .missingRequiredValue,
            .unparseableRequiredValue, .invalidUTF8,
        ])
        #expect(result.report.summary.contains("bad records: 7 skipped"))
        #expect(result.report.summary.contains("    \(path):4: wrong field count"))
    }

    @Test func strictModeStopsAtTheFirstBadRecordWithTheSameMessage() throws {
        let path = try Self.dirtyTweets()
        do {
            _ = try IngestTestSupport.read(tweets: [path], strict: true)
            Issue.record("strict read did not throw")
        } catch let error as IngestError {
            #expect(error.kind == .malformedRecord(.wrongFieldCount))
            #expect(error.description == "\(path):4: wrong field count: expected 3 fields as in the header, found 2")
        }
    }

    @Test func nothingIsShiftedIntoAnotherColumn() throws {
        // An extra comma in an unquoted text would move the time into the text column: the row is skipped instead.
        let text = "userid,tweet_text,tweet_time,tweet_client_name\nu1,hello, world,2019-08-01 12:30,web\nu2,ok,2019-08-01 12:31,web\n"
        let (result, _) = try IngestTestSupport.read(tweets: [IngestTestSupport.write(text)])
        #expect(result.posts.map(\.time) == [1_564_662_660])
        #expect(result.report.malformed.map(\.reason) == [.wrongFieldCount])
    }

    @Test func duplicateUserInUsersFileIsSkippedWithFirstLine() throws {
        let path = try IngestTestSupport.write("userid,user_screen_name\na,first\nb,x\na,second\n", named: "d_users.csv")
        let (result, _) = try IngestTestSupport.read(users: path)
        #expect(result.accounts.map(\.screenName) == ["first", "x"])
        #expect(result.report.malformed.first?.examples ==
            ["\(path):4: column 1 (userid): duplicate userid in users file: \"a\" (first at line 2)"])
    }

    @Test func examplesAreCappedButCountsAreNot() throws {
        var text = "userid,tweet_time\n"
        for _ in 0..<20 { text += "u,never\n" }
        let path = try IngestTestSupport.write(text)
        let reader = ArchiveReader(ArchiveInput(users: nil, tweets: [.file(path)]), options: IngestOptions(maxExamplesPerReason: 3))
        let report = try reader.read(account: { _ in }, post: { _ in })
        #expect(report.malformed.map(\.count) == [20])
        #expect(report.malformed[0].examples.count == 3)
    }

    @Test func consumerErrorsPropagateUnchanged() throws {
        struct Stop: Error, Equatable {}
        let reader = ArchiveReader(ArchiveInput(users: nil, tweets: [.file(IngestTestSupport.fixture("tiny_tweets_csv_hashed.csv"))]))
        #expect(throws: Stop.self) { try reader.read(account: { _ in }, post: { _ in throw Stop() }) }
    }
}
