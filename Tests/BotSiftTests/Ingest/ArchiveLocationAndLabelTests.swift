import Foundation
import Testing
@testable import BotSift

/// Sorting command-line paths into users and tweets files, and the label file reader.
@Suite struct ArchiveLocationTests {
    @Test func directoryFindsUsersAndTweetsFilesByName() throws {
        let directory = try IngestTestSupport.makeDirectory()
        _ = try IngestTestSupport.write("userid\n", named: "china_082019_1_users_csv_hashed.csv", in: directory)
        _ = try IngestTestSupport.write("userid,tweet_time\n", named: "china_082019_1_tweets_csv_hashed_2.csv.gz", in: directory)
        _ = try IngestTestSupport.write("userid,tweet_time\n", named: "china_082019_1_tweets_csv_hashed_1.csv", in: directory)
        _ = try IngestTestSupport.write("notes", named: "README.md", in: directory)
        let input = try ArchiveInput.locate([directory])
        #expect(input.users == [.file(directory + "/china_082019_1_users_csv_hashed.csv")])
        #expect(input.tweets == [
            .file(directory + "/china_082019_1_tweets_csv_hashed_1.csv"),
            .file(directory + "/china_082019_1_tweets_csv_hashed_2.csv.gz"),
        ])
    }

    @Test func fixtureDirectoryReadsEndToEnd() throws {
        let directory = (IngestTestSupport.fixture("tiny_users_csv_hashed.csv") as NSString).deletingLastPathComponent
        let input = try ArchiveInput.locate([directory])
        let report = try ArchiveReader(input).read(account: { _ in }, post: { _ in })
        #expect(report.accounts == 4 && report.posts == 5 && report.files.map(\.kind) == ["users", "tweets"])
    }

    @Test func filesWithoutTellingNamesAreClassifiedByHeader() throws {
        let directory = try IngestTestSupport.makeDirectory()
        let a = try IngestTestSupport.write("\"userid\",\"user_screen_name\"\n", named: "a.csv", in: directory)
        let b = try IngestTestSupport.write("tweetid,userid,tweet_time\n", named: "b.csv", in: directory)
        let input = try ArchiveInput.locate([b, a, "-"])
        #expect(input == ArchiveInput(users: .file(a), tweets: [.file(b), .standardInput]))
    }

    @Test func unusableArgumentsSayWhy() throws {
        let directory = try IngestTestSupport.makeDirectory()
        let other = try IngestTestSupport.write("x,y\n1,2\n", named: "other.csv", in: directory)
        #expect(throws: IngestError(
            .unrecognisedInput,
            "\(other): not a users or tweets file: its header has no userid, tweetid or tweet_time column (found: x, y)")) {
            try ArchiveInput.locate([other])
        }
        let empty = directory + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(throws: IngestError(
            .unrecognisedInput,
            "\(empty): no archive files found (expected names like *users*.csv[.gz] and *tweets*.csv[.gz])")) {
            try ArchiveInput.locate([empty])
        }
        let users1 = try IngestTestSupport.write("userid\n", named: "one_users.csv", in: directory)
        let users2 = try IngestTestSupport.write("userid\n", named: "two_users.csv", in: directory)
        #expect(throws: IngestError(
            .unrecognisedInput, "two users files given (\(users1) and \(users2)); pass one archive at a time")) {
            try ArchiveInput.locate([users1, users2])
        }
        #expect(throws: IngestError(.unreadableInput, "\(directory)/missing.csv: cannot open: No such file or directory")) {
            try ArchiveInput.locate([directory + "/missing.csv"])
        }
    }
}

@Suite struct LabelFileTests {
    @Test func readsHeaderedFileWithCampaigns() throws {
        let path = try IngestTestSupport.write("userid,label,campaign\nu1,1,china_082019_1\nu2,0,\n\"u3\",true,x\nu4,FALSE,\n")
        #expect(try LabelFile.read(path) == [
            LabeledAccount(userID: "u1", label: 1, campaign: "china_082019_1"),
            LabeledAccount(userID: "u2", label: 0),
            LabeledAccount(userID: "u3", label: 1, campaign: "x"),
            LabeledAccount(userID: "u4", label: 0),
        ])
    }

    @Test func readsHeaderlessFileAndColumnsByName() throws {
        #expect(try LabelFile.read(IngestTestSupport.write("a,1\nb,0\n")) == [
            LabeledAccount(userID: "a", label: 1), LabeledAccount(userID: "b", label: 0),
        ])
        #expect(try LabelFile.read(IngestTestSupport.write("userid,campaign,label\na,c1,0\n")) == [
            LabeledAccount(userID: "a", label: 0, campaign: "c1"),
        ])
    }

    @Test func labelsAreOneZeroTrueOrFalseInAnyCase() throws {
        let cases: [(String, Int?)] = [
            ("1", 1), ("0", 0), ("true", 1), ("TRUE", 1), ("tRuE", 1), ("false", 0), ("False", 0),
            ("", nil), ("10", nil), ("01", nil), ("tru", nil), ("truee", nil), ("yes", nil), ("1.0", nil), ("\u{130}", nil),
        ]
        for (text, expected) in cases {
            var copy = text
            #expect(copy.withUTF8 { LabelFile.label($0) } == expected, "\(text)")
        }
        let path = try IngestTestSupport.write("userid,label,campaign\n a ,\tTrue ,ru_1\nb,0,ru_1\nc, FALSE,\n")
        let read = try LabelFile.read(path)
        #expect(read == [
            LabeledAccount(userID: "a", label: 1, campaign: "ru_1"), LabeledAccount(userID: "b", label: 0, campaign: "ru_1"),
            LabeledAccount(userID: "c", label: 0),
        ])
    }

    @Test func badValuesSayFileLineAndColumn() throws {
        let bad = try IngestTestSupport.write("userid,label\nu1,1\nu2,maybe\n")
        #expect(throws: IngestError(.badLabel, "\(bad):3:2: label must be 0, 1, true or false, found \"maybe\"")) {
            try LabelFile.read(bad)
        }
        let duplicate = try IngestTestSupport.write("userid,label\nu1,1\n\"multi\nline\",0\nu1,0\n")
        #expect(throws: IngestError(.badLabel, "\(duplicate):5:1: duplicate userid \"u1\" (first at line 2)")) {
            try LabelFile.read(duplicate)
        }
        let short = try IngestTestSupport.write("u1\n")
        #expect(throws: IngestError(.malformedRecord(.wrongFieldCount), "\(short):1: expected userid,label[,campaign], found 1 field")) {
            try LabelFile.read(short)
        }
        let noLabel = try IngestTestSupport.write("userid,class\nu1,1\n")
        #expect(throws: IngestError(
            .missingColumn,
            "\(noLabel): missing required column \"label\" in label file (needed for the 0/1 class of each account); "
                + "found columns: userid, class")) {
            try LabelFile.read(noLabel)
        }
        let empty = try IngestTestSupport.write("")
        #expect(throws: IngestError(.emptyFile, "\(empty): label file is empty (expected rows userid,label[,campaign])")) {
            try LabelFile.read(empty)
        }
    }
}
