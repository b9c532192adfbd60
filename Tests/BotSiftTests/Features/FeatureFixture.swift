import Foundation
@testable import BotSift

/// A small hand-made batch whose feature values are worked out by hand in the tests.
///
/// T0 = 1_578_268_800 = 2020-01-06 00:00:00 UTC, a Monday, Unix day 18267. Accounts:
/// - A (index 0, id "1001"): five posts at T0 + 0, 30, 90, 18_000 (Mon 05:00), 601_200 (Sun 2020-01-12 23:00).
/// - B (index 1, hashed id "aGFzaGVk"): empty profile, no counts, no creation date, no posts.
/// - C (index 2, id "2002"): posts at T0 + 60 (Mon 00:01:00) and T0 + 604_800 (Mon 2020-01-13 00:00).
/// - D (index 3, id "3003"): one post at T0 + 70 (Mon 00:01:10).
/// Client codes: 0 "Twitter for iPhone", 1 "IFTTT", 2 "Tweetbot for iΟS". Languages: 0 en, 1 ar.
enum FeatureFixture {
    static let t0: Int64 = 1_578_268_800
    static let clientNames = ["Twitter for iPhone", "IFTTT", "Tweetbot for iΟS"]

    static let accounts: [AccountRecord] = [
        AccountRecord(index: 0, userID: "1001", screenName: "news_bot2020", displayName: "News Bot",
                      reportedLocation: "", profileDescription: "Daily news", profileURL: "https://t.co/x",
                      followerCount: 99, followingCount: 9, creationDay: 18_262, language: "en-gb"),
        AccountRecord(index: 1, userID: "aGFzaGVk"),
        AccountRecord(index: 2, userID: "2002", screenName: "xyz", displayName: "X Y Z", reportedLocation: "Beijing",
                      followerCount: 0, followingCount: 4, creationDay: 18_262, language: "zh-CN"),
        AccountRecord(index: 3, userID: "3003", screenName: "d", followerCount: 1, followingCount: 1,
                      creationDay: 18_263, language: "xx"),
    ]

    static let posts: [PostRecord] = [
        PostRecord(account: 0, time: t0, client: 0, language: 0, isRetweet: true, retweetedAccount: 5,
                   hashtagCount: 2, hashtagHashes: [100, 200], textHash: 11),
        PostRecord(account: 0, time: t0 + 30, client: 1, language: 0, isRetweet: true, retweetedAccount: 5,
                   hashtagCount: 1, hashtagHashes: [100], textHash: 11),
        PostRecord(account: 0, time: t0 + 90, client: 1, language: 1, isReply: true, textHash: 22),
        PostRecord(account: 0, time: t0 + 18_000, client: 2, language: 0, isQuote: true, urlCount: 1,
                   mentionCount: 2, textHash: 0),
        PostRecord(account: 0, time: t0 + 601_200, isRetweet: true, retweetedAccount: 7, urlCount: 1, textHash: 33),
        PostRecord(account: 2, time: t0 + 60, client: 0, language: 0, textHash: 44),
        PostRecord(account: 2, time: t0 + 604_800, client: 0, language: 0, textHash: 44),
        PostRecord(account: 3, time: t0 + 70, client: 1, language: 1, textHash: 55),
    ]

    /// The table for the fixture with accounts first, then posts in the given order.
    static func table(configuration: FeatureConfiguration = FeatureConfiguration(),
                      posts: [PostRecord] = posts, accounts: [AccountRecord] = accounts) -> FeatureTable {
        var extractor = FeatureExtractor(configuration: configuration)
        for account in accounts { extractor.add(account) }
        for post in posts { extractor.add(post) }
        return extractor.finish(clientNames: clientNames)
    }
}

extension FeatureTable {
    /// The value of feature `name` for the account with `userID` (test helper; traps when absent).
    func value(_ name: String, of userID: String) -> Double {
        let row = accounts.firstIndex { $0.userID == userID }!
        let column = schema.names.firstIndex(of: name)!
        return values[row, column]
    }
}

/// Whether two doubles agree to 1e-12 relative (or absolute near zero).
func close(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-12 * max(1, abs(a), abs(b))
}
