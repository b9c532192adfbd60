import Foundation
import Testing
@testable import BotSift

@Suite struct FeatureExtractorTests {
    /// Every family, the opt-in language indicators included.
    let table = FeatureFixture.table(
        configuration: FeatureConfiguration(families: FeatureFamily.allCases, cohortMinimumCoposters: 2))

    @Test func rowsAreSortedByUserIDAndShapeMatchesSchema() {
        #expect(table.accounts.map(\.userID) == ["1001", "2002", "3003", "aGFzaGVk"])
        #expect(table.accounts[0].screenName == "news_bot2020")
        #expect(table.values.rows == 4)
        #expect(table.values.columns == table.schema.features.count)
        #expect(table.schema.names.count == Set(table.schema.names).count)
        #expect(table.column(named: "log_posts") == [log1p(5), log1p(2), log1p(1), 0])
        #expect(table.column(named: "no_such_feature") == nil)
    }

    @Test func metadataOfAccountWithPosts() {
        let a = { (name: String) in table.value(name, of: "1001") }
        #expect(close(a("log_followers"), log(100)))                 // log1p(99)
        #expect(close(a("log_following"), log(10)))                  // log1p(9)
        #expect(close(a("log_follower_following_ratio"), log(10)))   // log 100 - log 10
        #expect(a("follower_counts_missing") == 0)
        // Last post Sun 2020-01-12 = day 18273, created day 18262: 11 days.
        #expect(a("account_age_at_last_post_days") == 11)
        // Archive ends with C's post on Mon 2020-01-13 = day 18274: 12 days.
        #expect(a("account_age_at_archive_end_days") == 12)
        #expect(close(a("log_posts_per_day_of_age"), log1p(5.0 / 12)))  // 5 posts / (11 + 1) days
        #expect(a("screen_name_length") == 12)                        // "news_bot2020"
        #expect(a("screen_name_digits") == 4)
        #expect(a("screen_name_trailing_digits") == 4)
        // 12 characters: '2' and '0' twice, 8 others once: (2/12)log2 6 * 2 + (1/12)log2 12 * 8.
        let entropy: Double = (1.0 / 3) * log2(6.0) + (2.0 / 3) * log2(12.0)
        #expect(close(a("screen_name_entropy"), entropy))
        #expect(a("display_name_length") == 8)                        // "News Bot"
        // "newsbot" vs "newsbot2020": 4 insertions over 11 characters.
        #expect(close(a("display_name_screen_name_similarity"), 1 - 4.0 / 11))
        #expect(a("description_length") == 10)                        // "Daily news"
        #expect(a("has_description") == 1)
        #expect(a("has_profile_url") == 1)
        #expect(a("has_location") == 0)
        #expect(a("account_language_en") == 1)                        // "en-gb" folds to en
        #expect(a("account_language_other") == 0)
        #expect(a("hashed_user_id") == 0)
        #expect(a("creation_date_missing") == 0)
        #expect(a("has_no_posts") == 0)
        #expect(a("has_single_post") == 0)
        let languageColumns = table.schema.names.filter { $0.hasPrefix("account_language_") }
        #expect(languageColumns.map { a($0) }.reduce(0, +) == 1)
        #expect(languageColumns.count == 14)
    }

    @Test func metadataOfOtherAccounts() {
        let c = { (name: String) in table.value(name, of: "2002") }
        #expect(c("log_followers") == 0)
        #expect(close(c("log_follower_following_ratio"), -log(5)))   // log1p(0) - log1p(4)
        #expect(c("display_name_screen_name_similarity") == 1)       // "X Y Z" -> "xyz" == "xyz"
        #expect(c("has_location") == 1)
        #expect(c("account_language_zh_cn") == 1)                    // "zh-CN" case-folded
        #expect(c("account_age_at_last_post_days") == 12)            // 18274 - 18262
        #expect(close(c("screen_name_entropy"), log2(3)))            // three distinct letters
        let d = { (name: String) in table.value(name, of: "3003") }
        #expect(d("account_language_other") == 1)                    // "xx" is not listed
        #expect(d("has_single_post") == 1)
        #expect(d("log_follower_following_ratio") == 0)
        #expect(d("display_name_screen_name_similarity") == 0)       // empty display name
    }

    @Test func accountWithoutPostsHasFiniteImputedValuesAndFlags() {
        let b = { (name: String) in table.value(name, of: "aGFzaGVk") }
        #expect(b("has_no_posts") == 1)
        #expect(b("has_single_post") == 0)
        #expect(b("hashed_user_id") == 1)
        #expect(b("follower_counts_missing") == 1)
        #expect(b("creation_date_missing") == 1)
        #expect(b("account_language_missing") == 1)
        #expect(b("account_age_at_archive_end_days") == 0)
        #expect(b("screen_name_entropy") == 0)
        #expect(b("gap_coefficient_of_variation") == 1)             // Poisson value
        #expect(b("distinct_hashtag_ratio") == 1)                   // no repetition
        let row = table.accounts.firstIndex { $0.userID == "aGFzaGVk" }!
        let others = table.schema.names.enumerated().filter { ![
            "has_no_posts", "hashed_user_id", "follower_counts_missing", "creation_date_missing",
            "account_language_missing", "gap_coefficient_of_variation", "distinct_hashtag_ratio",
        ].contains($0.element) }
        #expect(others.allSatisfy { table.values[row, $0.offset] == 0 })
        #expect(table.values.elements.allSatisfy { $0.isFinite })
    }

    @Test func timingOfFivePostTimeline() {
        let a = { (name: String) in table.value(name, of: "1001") }
        #expect(close(a("log_posts"), log(6)))
        #expect(close(a("log_active_days"), log(3)))                 // Mon 01-06 and Sun 01-12
        #expect(close(a("log_posts_per_active_day"), log1p(2.5)))    // 5 / 2
        // Gaps 30, 60, 17910, 583200 s: mean 601200 / 4 = 150300, median (60 + 17910) / 2 = 8985.
        #expect(close(a("log_gap_mean"), log(150_301)))
        #expect(close(a("log_gap_median"), log(8_986)))
        // Squared deviations 150270², 150240², 132390², 432900² sum to 250,082,652,600; / 4 = 62,520,663,150.
        let deviation = (62_520_663_150.0).squareRoot()
        #expect(close(a("log_gap_std"), log1p(deviation)))
        #expect(close(a("gap_coefficient_of_variation"), deviation / 150_300))
        #expect(close(a("gap_burstiness"), (deviation - 150_300) / (deviation + 150_300)))
        // floor(log2(gap + 1)): 31 -> 4, 61 -> 5, 17911 -> 14, 583201 -> 19: four bins once each = 2 bits.
        #expect(close(a("gap_log_bin_entropy"), 2))
        #expect(a("share_gaps_within_minute") == 0.5)                // 30 and 60 of 4 gaps
        #expect(close(a("log_max_posts_in_minute"), log(3)))         // 00:00:00 and 00:00:30
        #expect(close(a("log_max_posts_in_hour"), log(4)))           // three posts in hour 00
        // Hours 0, 0, 0, 5, 23: shares 0.6, 0.2, 0.2.
        #expect(close(a("hour_of_day_entropy"), -(0.6 * log2(0.6) + 2 * 0.2 * log2(0.2))))
        // Four Mondays and one Sunday.
        #expect(close(a("day_of_week_entropy"), -(0.8 * log2(0.8) + 0.2 * log2(0.2))))
        #expect(a("weekend_share") == 0.2)
        #expect(a("circadian_concentration") == 0.8)                 // hours 22-00 (wrapping) hold 4 of 5
        #expect(a("time_of_day_slots_per_post") == 0.6)              // slots 0, 20, 92 for 5 posts
        #expect(close(a("log_longest_silence"), log(583_201)))
        #expect(a("dormancy_reactivation") == 0)                     // 6.75 days < 180 days
        #expect(close(a("log_creation_to_first_post_days"), log(6))) // day 18267 - 18262 = 5
    }

    @Test func timingOfSinglePostAndDormantAccounts() {
        let d = { (name: String) in table.value(name, of: "3003") }
        #expect(close(d("log_posts"), log(2)))
        #expect(d("log_gap_mean") == 0)
        #expect(d("gap_coefficient_of_variation") == 1)
        #expect(d("gap_burstiness") == 0)
        #expect(d("circadian_concentration") == 1)
        #expect(d("time_of_day_slots_per_post") == 1)
        #expect(close(d("log_creation_to_first_post_days"), log(5)))  // 18267 - 18263 = 4

        var extractor = FeatureExtractor(configuration: FeatureConfiguration(families: [.timing]))
        extractor.add(AccountRecord(index: 0, userID: "9"))
        // Three posts, the last after 200 days of silence; two in the same second.
        for offset: Int64 in [0, 0, 200 * 86_400] { extractor.add(PostRecord(account: 0, time: FeatureFixture.t0 + offset)) }
        let dormant = extractor.finish(clientNames: [])
        #expect(dormant.value("dormancy_reactivation", of: "9") == 1)
        #expect(close(dormant.value("log_longest_silence", of: "9"), log1p(17_280_000)))
        #expect(dormant.value("share_gaps_within_minute", of: "9") == 0.5)
        #expect(dormant.value("log_creation_to_first_post_days", of: "9") == 0)  // no creation date
    }

    @Test func behaviourOfFivePostTimeline() {
        let a = { (name: String) in table.value(name, of: "1001") }
        #expect(a("retweet_share") == 0.6)                           // posts 1, 2, 5
        #expect(a("reply_share") == 0.2)
        #expect(a("quote_share") == 0.2)
        #expect(a("hashtags_per_post") == 0.6)                       // 2 + 1 over 5
        #expect(a("urls_per_post") == 0.4)
        #expect(a("mentions_per_post") == 0.4)
        #expect(close(a("distinct_hashtag_ratio"), 2.0 / 3))         // 100, 200, 100
        #expect(a("post_language_count") == 2)                       // en x3, ar x1, one unknown
        #expect(close(a("post_language_entropy"), -(0.75 * log2(0.75) + 0.25 * log2(0.25))))
        #expect(a("client_count") == 3)
        #expect(close(a("client_entropy"), 1.5))                     // 1/4, 1/2, 1/4 of 4 known
        #expect(a("official_client_share") == 0.2)                   // Twitter for iPhone
        #expect(a("automation_client_share") == 0.4)                 // IFTTT twice
        #expect(a("other_client_share") == 0.4)                      // Tweetbot and an empty client
        #expect(a("duplicate_text_share") == 0.25)                   // 11, 11, 22, 33 (the 0 text is empty)
        #expect(close(a("top_retweeted_account_share"), 2.0 / 3))    // 5, 5, 7
        let c = { (name: String) in table.value(name, of: "2002") }
        #expect(c("duplicate_text_share") == 0.5)
        #expect(c("client_entropy") == 0)
        #expect(c("official_client_share") == 1)
        #expect(c("top_retweeted_account_share") == 0)
        #expect(c("distinct_hashtag_ratio") == 1)
    }

    @Test func cohortFeatures() {
        // Created 18262: A and C; 18263: D. ISO week of 2019-12-30..2020-01-05 holds all three.
        #expect(close(table.value("log_same_creation_day_accounts", of: "1001"), log(2)))
        #expect(table.value("log_same_creation_day_accounts", of: "3003") == 0)
        #expect(close(table.value("log_same_creation_week_accounts", of: "3003"), log(3)))
        #expect(table.value("log_same_creation_week_accounts", of: "aGFzaGVk") == 0)
        // Minute 00:01 holds A, C and D (two others each); minute 00:00 only A.
        #expect(table.value("coposting_minute_share", of: "1001") == 0.2)  // 1 of 5 posts
        #expect(table.value("coposting_minute_share", of: "2002") == 0.5)
        #expect(table.value("coposting_minute_share", of: "3003") == 1)
        let stricter = FeatureFixture.table(configuration: FeatureConfiguration(cohortMinimumCoposters: 3))
        #expect(stricter.column(named: "coposting_minute_share") == [0, 0, 0, 0])
        #expect(stricter.schema.configuration.cohortMinimumCoposters == 3)
    }

    @Test func switchingAFamilyOffRemovesExactlyItsColumns() {
        for family in FeatureFamily.allCases {
            let kept = FeatureFamily.allCases.filter { $0 != family }
            let ablated = FeatureFixture.table(configuration: FeatureConfiguration(families: kept, cohortMinimumCoposters: 2))
            #expect(ablated.schema.features.allSatisfy { $0.family != family })
            #expect(ablated.schema.names == table.schema.features.filter { $0.family != family }.map(\.name))
            for name in ablated.schema.names { #expect(ablated.column(named: name) == table.column(named: name)) }
        }
        let metadataOnly = FeatureFixture.table(configuration: FeatureConfiguration(families: [.metadata]))
        #expect(metadataOnly.schema.names.count == FeatureCatalogue.metadata.count)
    }

    @Test func languageIndicatorsAreOptIn() {
        let defaults = FeatureFixture.table()
        #expect(defaults.schema.configuration.families == [.metadata, .timing, .behaviour, .cohort])
        #expect(!defaults.schema.names.contains { $0.hasPrefix("account_language_") })
        #expect(table.schema.names.filter { $0.hasPrefix("account_language_") }.count == FeatureCatalogue.language.count)
        #expect(table.schema.features.filter { $0.family == .language }.map(\.name)
            == table.schema.names.filter { $0.hasPrefix("account_language_") })
    }

    @Test func resultsDoNotDependOnPostOrderOrOnSplittingIntoFiles() {
        var generator = SeededGenerator(seed: 4)
        let (accounts, posts) = Self.randomBatch(accountCount: 40, postCount: 3_000, generator: &generator)
        let reference = FeatureFixture.table(posts: posts, accounts: accounts)
        var shuffled = posts
        shuffled.shuffle(using: &generator)
        let fromShuffled = FeatureFixture.table(posts: shuffled, accounts: accounts.shuffled(using: &generator))
        #expect(fromShuffled.values == reference.values)
        #expect(fromShuffled.accounts == reference.accounts)

        // Two "files" (even and odd accounts): the second file's records arrive midway through the first
        // file's posts, then the remaining posts of both files alternate.
        let firstFile = posts.filter { $0.account % 2 == 0 }
        let secondFile = Array(posts.filter { $0.account % 2 == 1 }.reversed())
        let midway = firstFile.count / 2
        var extractor = FeatureExtractor()
        for account in accounts where account.index % 2 == 0 { extractor.add(account) }
        for post in firstFile[..<midway] { extractor.add(post) }
        for account in accounts where account.index % 2 == 1 { extractor.add(account) }
        var remainingFirst = firstFile[midway...].makeIterator(), remainingSecond = secondFile.makeIterator()
        var exhausted = false
        while !exhausted {
            let first = remainingFirst.next(), second = remainingSecond.next()
            if let first { extractor.add(first) }
            if let second { extractor.add(second) }
            exhausted = first == nil && second == nil
        }
        let split = extractor.finish(clientNames: FeatureFixture.clientNames)
        #expect(split.values == reference.values)
        #expect(reference.values.elements.allSatisfy { $0.isFinite })
    }

    @Test func resultsDoNotDependOnTheNumberOfFinishingThreads() {
        var generator = SeededGenerator(seed: 9)
        let (accounts, randomPosts) = Self.randomBatch(accountCount: 40, postCount: 3_000, generator: &generator)
        var posts = randomPosts
        // A burst: 30 accounts post in the same five minutes, so co-posting shares are not all zero.
        for account in 0..<30 {
            posts.append(PostRecord(account: Int32(account), time: 1_560_000_000 + Int64(account % 5) * 60))
        }
        var extractor = FeatureExtractor(configuration: FeatureConfiguration(families: FeatureFamily.allCases))
        for account in accounts.reversed() { extractor.add(account) }
        for post in posts { extractor.add(post) }
        let oneThread = extractor.finish(clientNames: FeatureFixture.clientNames, threads: 1)
        #expect(oneThread.column(named: "coposting_minute_share")?.contains { $0 > 0 } == true)
        for threads in [2, 3, 7, 64] {
            let table = extractor.finish(clientNames: FeatureFixture.clientNames, threads: threads)
            #expect(table.values == oneThread.values, "\(threads) threads")
            #expect(table.accounts == oneThread.accounts)
        }
    }

    @Test func balancedRangesCoverEveryIndexOnceWithEqualWeight() {
        let weights = [0, 10, 0, 0, 50, 5, 5, 30, 0, 0]
        let ranges = ParallelWork.balancedRanges(weights: weights, parts: 2)
        #expect(ranges == [0..<5, 5..<10])  // weights + 1 each: 65 and 45 of 110 (the cut falls after index 4)
        #expect(ParallelWork.balancedRanges(weights: [1, 1, 1], parts: 8) == [0..<1, 1..<2, 2..<3])
        #expect(ParallelWork.balancedRanges(weights: [], parts: 2) == [])
        #expect(ParallelWork.balancedRanges(weights: [7, 7], parts: 1) == [0..<2])
    }

    @Test func characterCountsOfASCIIMatchStringCount() {
        for text in ["", "abc", "a\r\nb", "\r\n\r\n", "\n\r", "\r\r\n", "tab\tand  spaces", "Zoë", "👩‍👩‍👧 family", "e\u{301}",
                     "abcdefgh\u{301}", "abcdefghijklmnopé", "abcdefghijklmnopqrstuvwxyz0123456789"] {
            #expect(MetadataValues.characterCount(text) == text.count, "\(text.debugDescription)")
        }
        #expect(MetadataValues.characterCount("a\r\nb") == 3)
    }

    /// The ASCII table path must give the very bits of the sorted-scalar path on the lower-cased name.
    @Test func lowercasedEntropyMatchesTheScalarPath() {
        for text in ["", "a", "AbcABC", "Marie_Bernard93", "aPwZ2Vfua5FUPGm0OFgaw50LoXRZIoxwfZqc9jryjOI=", "a\r\nb ~!", "Zoë", "ПУТИН_2024"] {
            let expected = MetadataValues.characterEntropy(text.lowercased())
            #expect(MetadataValues.lowercasedCharacterEntropy(text).bitPattern == expected.bitPattern, "\(text.debugDescription)")
        }
        #expect(abs(MetadataValues.lowercasedCharacterEntropy("AbcABC") - log2(3)) < 1e-12)
    }

    @Test func blankTextMatchesTrimmingWhitespace() {
        for text in ["", " ", " \t\n\r ", "\r\n", " \r\n ", "\n\r", "\r\r", "a", " a ", "\u{00A0}", " \u{301}", "\t\u{1F600}"] {
            #expect(MetadataValues.isBlank(text) == text.trimmingWhitespace().isEmpty, "\(text.debugDescription)")
        }
    }

    @Test func mergedMinuteCountsSaturateLikeOneCount() {
        var counted = MinuteOccupancy(firstMinute: 0, lastMinute: 1)
        var first = MinuteOccupancy(firstMinute: 0, lastMinute: 1), second = first
        let minuteZero: [Int32] = [30], minuteOne: [Int32] = [90]
        for account in 0..<70_000 {
            minuteZero.withUnsafeBufferPointer { counted.addAccount(sortedTimes: $0) }
            minuteZero.withUnsafeBufferPointer {
                if account < 40_000 { first.addAccount(sortedTimes: $0) } else { second.addAccount(sortedTimes: $0) }
            }
            if account < 3 {
                minuteOne.withUnsafeBufferPointer { counted.addAccount(sortedTimes: $0) }
                minuteOne.withUnsafeBufferPointer {
                    if account == 0 { first.addAccount(sortedTimes: $0) } else { second.addAccount(sortedTimes: $0) }
                }
            }
        }
        first.merge([second], threads: 3)
        // 70,000 accounts in minute 0 saturate at 65,535 either way; minute 1 has 3 accounts.
        for minimumOthers in [2, 3, 65_533, 65_534] {
            let both: [Int32] = [30, 90]
            #expect(both.withUnsafeBufferPointer { first.copostingShare(times: $0, minimumOthers: minimumOthers) }
                == both.withUnsafeBufferPointer { counted.copostingShare(times: $0, minimumOthers: minimumOthers) })
        }
        #expect([Int32](arrayLiteral: 30, 90).withUnsafeBufferPointer { first.copostingShare(times: $0, minimumOthers: 2) } == 1)
        #expect([Int32](arrayLiteral: 30, 90).withUnsafeBufferPointer { first.copostingShare(times: $0, minimumOthers: 3) } == 0.5)
    }

    @Test func nameSimilarityFoldsASCIIAndOtherScriptsAlike() {
        #expect(MetadataValues.similarity("John Smith", "john_smith") == 1)
        #expect(close(MetadataValues.similarity("Jöhn Smith", "john_smith"), 1 - 1.0 / 9))  // ö vs o: one edit of nine
        #expect(close(MetadataValues.similarity("Anna 2", "anna_1999"), 1 - 4.0 / 8))    // "anna2" vs "anna1999": 2->1, +999
        #expect(MetadataValues.similarity("!!!", "abc") == 0)
        #expect(close(MetadataValues.similarity("李明", "李明明"), 1 - 1.0 / 3))
    }

    @Test func fixtureIsInvariantUnderEveryRotation() {
        for shift in 1..<FeatureFixture.posts.count {
            let rotated = Array(FeatureFixture.posts[shift...] + FeatureFixture.posts[..<shift])
            #expect(FeatureFixture.table(posts: rotated).values == FeatureFixture.table().values)
        }
    }

    @Test func batchesWithoutPostsOrAccounts() {
        let empty = FeatureExtractor().finish(clientNames: [])
        #expect(empty.values.rows == 0)
        #expect(empty.values.columns == FeatureSchema(configuration: FeatureConfiguration()).features.count)
        // Without posts the archive ends on the latest creation day, D's 18263: A (18262) is 1 day old, D 0.
        let accountsOnly = FeatureFixture.table(posts: [])
        #expect(accountsOnly.value("account_age_at_archive_end_days", of: "1001") == 1)
        #expect(accountsOnly.value("account_age_at_archive_end_days", of: "3003") == 0)
        #expect(accountsOnly.column(named: "has_no_posts") == [1, 1, 1, 1])
        #expect(accountsOnly.column(named: "coposting_minute_share") == [0, 0, 0, 0])
        #expect(accountsOnly.values.elements.allSatisfy { $0.isFinite })
    }

    @Test func extremeInputsStayFinite() {
        var extractor = FeatureExtractor(configuration: FeatureConfiguration(families: FeatureFamily.allCases))
        extractor.add(AccountRecord(index: 0, userID: "1", followerCount: Int.max, followingCount: 0,
                                    creationDay: 0, language: "EN"))
        extractor.add(AccountRecord(index: 1, userID: "2", creationDay: 40_000))
        extractor.add(PostRecord(account: 0, time: -5_000_000_000))
        extractor.add(PostRecord(account: 0, time: 9_000_000_000))
        extractor.add(PostRecord(account: 1, time: 0))
        let extreme = extractor.finish(clientNames: [])
        #expect(extreme.values.elements.allSatisfy { $0.isFinite })
        #expect(extreme.value("account_language_en", of: "1") == 1)
        #expect(extreme.value("account_age_at_last_post_days", of: "2") == 0)  // post before creation clamps to 0
    }

    /// Random accounts and posts covering every post field, for invariance tests.
    static func randomBatch(accountCount: Int, postCount: Int, generator: inout SeededGenerator)
        -> ([AccountRecord], [PostRecord]) {
        let accounts = (0..<accountCount).map { i in
            AccountRecord(index: Int32(i), userID: i % 3 == 0 ? "h\(i * 7919)" : "\(100_000 + i * 37)",
                          screenName: "user\(i)", followerCount: i * 13, followingCount: 50,
                          creationDay: 18_000 + Int32(i % 5), language: ["en", "ru", ""][i % 3])
        }
        let posts = (0..<postCount).map { _ in
            let account = Int32(generator.next() % UInt64(accountCount - 3))  // the last three never post
            let isRetweet = generator.next() % 3 == 0
            let hashtags = (0..<Int(generator.next() % 3)).map { _ in generator.next() % 5 + 1 }
            return PostRecord(
                account: account, time: 1_560_000_000 + Int64(generator.next() % 5_000_000),
                client: Int32(generator.next() % 4) - 1, language: Int32(generator.next() % 3) - 1,
                isRetweet: isRetweet, isReply: generator.next() % 4 == 0, isQuote: generator.next() % 5 == 0,
                retweetedAccount: isRetweet ? Int32(generator.next() % 4) : -1,
                hashtagCount: Int32(hashtags.count), urlCount: Int32(generator.next() % 2),
                mentionCount: Int32(generator.next() % 3), hashtagHashes: hashtags, textHash: generator.next() % 6)
        }
        return (accounts, posts)
    }
}

/// The table's row order: accounts sorted by userID in `String` order, ties by index, with or without the ASCII
/// prefix shortcut.
@Suite struct UserIDOrderTests {
    static func stringOrder(_ ids: [String?]) -> [Int] {
        ids.indices.filter { ids[$0] != nil }.sorted { ids[$0]! != ids[$1]! ? ids[$0]! < ids[$1]! : $0 < $1 }
    }

    @Test func asciiIDsSortAsStringsDo() {
        var generator = SeededGenerator(seed: 8)
        let alphabet = Array("0123456789abcXYZ+/=".utf8)
        // Shared eight-byte prefixes, ids shorter than eight bytes, prefixes of each other, duplicates and gaps.
        var ids: [String?] = ["12345678", "1234567", "123456789", "12345678", "", "1234567\u{1}", nil, "9", "90"]
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 14)
            let shared = generator.next() % 3 == 0 ? "prefix00" : ""
            let tail = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            ids.append(generator.next() % 50 == 0 ? nil : shared + String(decoding: tail, as: UTF8.self))
        }
        let order = FeatureExtractor.userIDOrder(ids)
        #expect(order == Self.stringOrder(ids))
        // By hand: "1234567" < "1234567\u{1}" < "12345678" (twice, by index) < "123456789" < "9" < "90".
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        #expect([1, 5, 0, 3, 2, 7, 8].map { position[$0]! } == [1, 5, 0, 3, 2, 7, 8].map { position[$0]! }.sorted())
        #expect(order.first == 4)  // "" first
    }

    @Test func nonASCIIIDsKeepStringOrder() {
        // Strings compare in NFC: decomposed "a\u{301}" sorts as U+00E1, after "z" (its bytes would put it before
        // "b"), and "é" precomposed and decomposed are equal (ties by index).
        let ids: [String?] = ["e\u{301}x", "b", "\u{E9}x", "\u{E9}", "z", nil, "a\u{301}"]
        #expect(FeatureExtractor.userIDOrder(ids) == Self.stringOrder(ids))
        #expect(FeatureExtractor.userIDOrder(ids) == [1, 4, 6, 3, 0, 2])
    }
}
