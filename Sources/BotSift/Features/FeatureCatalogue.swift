/// One feature bound to the value it reads from a family's computed values: name and formula live together,
/// so the column order of the schema and of the table cannot drift apart.
struct FeatureDefinition<Values>: Sendable {
    let descriptor: FeatureDescriptor
    let value: @Sendable (Values) -> Double

    init(_ name: String, _ family: FeatureFamily, unit: String, transform: FeatureTransform = .identity,
         _ summary: String, value: @escaping @Sendable (Values) -> Double) {
        descriptor = FeatureDescriptor(
            name: name, family: family, unit: unit, transform: transform, summary: summary,
            minimumPosts: FeatureCatalogue.minimumPosts[name] ?? 0)
        self.value = value
    }
}

/// The list of every feature, family by family, in schema order (documented in docs/FEATURES.md).
enum FeatureCatalogue {
    /// Features whose value is imputed below this many posts (see "Imputation" in docs/FEATURES.md); all others
    /// are measured for every account (a post count of 0 is a real 0).
    static let minimumPosts: [String: Int] = [
        "account_age_at_last_post_days": 1,
        "log_posts_per_active_day": 1, "log_gap_mean": 2, "log_gap_median": 2, "log_gap_std": 2,
        "gap_coefficient_of_variation": 2, "gap_burstiness": 2, "gap_log_bin_entropy": 2, "share_gaps_within_minute": 2,
        "hour_of_day_entropy": 1, "day_of_week_entropy": 1, "weekend_share": 1, "circadian_concentration": 1,
        "time_of_day_slots_per_post": 1, "log_longest_silence": 2, "dormancy_reactivation": 2,
        "log_creation_to_first_post_days": 1,
        "retweet_share": 1, "reply_share": 1, "quote_share": 1, "hashtags_per_post": 1, "urls_per_post": 1,
        "mentions_per_post": 1, "distinct_hashtag_ratio": 1, "post_language_entropy": 1, "client_entropy": 1,
        "official_client_share": 1, "automation_client_share": 1, "other_client_share": 1, "duplicate_text_share": 1,
        "top_retweeted_account_share": 1, "coposting_minute_share": 1,
    ]

    static func descriptors(of family: FeatureFamily) -> [FeatureDescriptor] {
        switch family {
        case .metadata: return metadata.map(\.descriptor)
        case .timing: return timing.map(\.descriptor)
        case .behaviour: return behaviour.map(\.descriptor)
        case .cohort: return cohort.map(\.descriptor)
        case .language: return language.map(\.descriptor)
        }
    }

    static let metadata: [FeatureDefinition<MetadataValues>] = [
        .init("log_followers", .metadata, unit: "log1p(accounts)", transform: .log1p,
              "number of followers") { $0.logFollowers },
        .init("log_following", .metadata, unit: "log1p(accounts)", transform: .log1p,
              "number of accounts followed") { $0.logFollowing },
        .init("log_follower_following_ratio", .metadata, unit: "log ratio", transform: .log1p,
              "followers relative to accounts followed") { $0.logFollowerFollowingRatio },
        .init("follower_counts_missing", .metadata, unit: "indicator (0/1)",
              "follower or following count absent from the archive") { $0.followerCountsMissing },
        .init("account_age_at_last_post_days", .metadata, unit: "days",
              "account age when it last posted") { $0.accountAgeAtLastPostDays },
        .init("account_age_at_archive_end_days", .metadata, unit: "days",
              "account age at the end of the archive") { $0.accountAgeAtArchiveEndDays },
        .init("log_posts_per_day_of_age", .metadata, unit: "log1p(posts per day)", transform: .log1p,
              "posts per day of account age") { $0.logPostsPerDayOfAge },
        .init("screen_name_length", .metadata, unit: "characters",
              "length of the screen name") { $0.screenNameLength },
        .init("screen_name_digits", .metadata, unit: "characters",
              "digits in the screen name") { $0.screenNameDigits },
        .init("screen_name_trailing_digits", .metadata, unit: "characters",
              "length of the digit run ending the screen name") { $0.screenNameTrailingDigits },
        .init("screen_name_entropy", .metadata, unit: "bits per character",
              "character entropy of the screen name (random-looking names score high)") { $0.screenNameEntropy },
        .init("display_name_length", .metadata, unit: "characters",
              "length of the display name") { $0.displayNameLength },
        .init("display_name_screen_name_similarity", .metadata, unit: "similarity (0-1)",
              "similarity of display name and screen name") { $0.displayNameScreenNameSimilarity },
        .init("description_length", .metadata, unit: "characters",
              "length of the profile description") { $0.descriptionLength },
        .init("has_description", .metadata, unit: "indicator (0/1)",
              "profile has a description") { $0.hasDescription },
        .init("has_profile_url", .metadata, unit: "indicator (0/1)",
              "profile has a URL") { $0.hasProfileURL },
        .init("has_location", .metadata, unit: "indicator (0/1)",
              "profile states a location") { $0.hasLocation },
    ] + [
        .init("hashed_user_id", .metadata, unit: "indicator (0/1)",
              "user id is hashed (the archive hashes accounts under 5,000 followers)") { $0.hashedUserID },
        .init("creation_date_missing", .metadata, unit: "indicator (0/1)",
              "account creation date absent (age features imputed 0)") { $0.creationDateMissing },
        .init("has_no_posts", .metadata, unit: "indicator (0/1)",
              "account has no posts in the batch (post features imputed)") { $0.hasNoPosts },
        .init("has_single_post", .metadata, unit: "indicator (0/1)",
              "account has exactly one post (inter-arrival features imputed)") { $0.hasSinglePost },
    ]

    /// One indicator per listed account language (case-folded), plus other and missing.
    static let language: [FeatureDefinition<MetadataValues>] = AccountLanguage.slots.enumerated().map { slot, label in
        FeatureDefinition<MetadataValues>(
            "account_language_\(label.replacingHyphens)", .language, unit: "indicator (0/1)",
            AccountLanguage.summary(ofSlotLabeled: label)) { $0.accountLanguageSlot == slot ? 1 : 0 }
    }

    static let timing: [FeatureDefinition<TimingValues>] = [
        .init("log_posts", .timing, unit: "log1p(posts)", transform: .log1p, "number of posts") { $0.logPosts },
        .init("log_active_days", .timing, unit: "log1p(days)", transform: .log1p,
              "distinct UTC days with a post") { $0.logActiveDays },
        .init("log_posts_per_active_day", .timing, unit: "log1p(posts per day)", transform: .log1p,
              "posts per active day") { $0.logPostsPerActiveDay },
        .init("log_gap_mean", .timing, unit: "log1p(seconds)", transform: .log1p,
              "mean time between consecutive posts") { $0.logGapMean },
        .init("log_gap_median", .timing, unit: "log1p(seconds)", transform: .log1p,
              "median time between consecutive posts") { $0.logGapMedian },
        .init("log_gap_std", .timing, unit: "log1p(seconds)", transform: .log1p,
              "spread of the time between consecutive posts") { $0.logGapStandardDeviation },
        .init("gap_coefficient_of_variation", .timing, unit: "ratio",
              "irregularity of the time between posts (1 for random posting)") { $0.gapCoefficientOfVariation },
        .init("gap_burstiness", .timing, unit: "burstiness (-1 to 1)",
              "burstiness of posting (-1 clockwork, 0 random, 1 bursts)") { $0.gapBurstiness },
        .init("gap_log_bin_entropy", .timing, unit: "bits",
              "variety of the time between posts on a log scale") { $0.gapLogBinEntropy },
        .init("share_gaps_within_minute", .timing, unit: "share (0-1)",
              "share of posts following the previous one within a minute") { $0.shareGapsWithinMinute },
        .init("log_max_posts_in_minute", .timing, unit: "log1p(posts)", transform: .log1p,
              "most posts in one clock minute") { $0.logMaxPostsInMinute },
        .init("log_max_posts_in_hour", .timing, unit: "log1p(posts)", transform: .log1p,
              "most posts in one clock hour") { $0.logMaxPostsInHour },
        .init("hour_of_day_entropy", .timing, unit: "bits (0-4.585)",
              "how evenly posts spread over the hours of the day") { $0.hourOfDayEntropy },
        .init("day_of_week_entropy", .timing, unit: "bits (0-2.807)",
              "how evenly posts spread over the days of the week") { $0.dayOfWeekEntropy },
        .init("weekend_share", .timing, unit: "share (0-1)",
              "share of posts on Saturday or Sunday (UTC)") { $0.weekendShare },
        .init("circadian_concentration", .timing, unit: "share (0-1)",
              "largest share of posts in any 3-hour window of the day (UTC)") { $0.circadianConcentration },
        .init("time_of_day_slots_per_post", .timing, unit: "slots per post",
              "distinct 15-minute times of day used, per post") { $0.timeOfDaySlotsPerPost },
        .init("log_longest_silence", .timing, unit: "log1p(seconds)", transform: .log1p,
              "longest time without posting") { $0.logLongestSilence },
        .init("dormancy_reactivation", .timing, unit: "indicator (0/1)",
              "silent for over 180 days, then active again") { $0.dormancyReactivation },
        .init("log_creation_to_first_post_days", .timing, unit: "log1p(days)", transform: .log1p,
              "delay from account creation to first post") { $0.logCreationToFirstPostDays },
    ]

    static let behaviour: [FeatureDefinition<BehaviourValues>] = [
        .init("retweet_share", .behaviour, unit: "share (0-1)", "share of posts that are retweets") { $0.retweetShare },
        .init("reply_share", .behaviour, unit: "share (0-1)", "share of posts that are replies") { $0.replyShare },
        .init("quote_share", .behaviour, unit: "share (0-1)", "share of posts that quote a tweet") { $0.quoteShare },
        .init("hashtags_per_post", .behaviour, unit: "hashtags per post",
              "hashtags per post") { $0.hashtagsPerPost },
        .init("urls_per_post", .behaviour, unit: "URLs per post", "links per post") { $0.urlsPerPost },
        .init("mentions_per_post", .behaviour, unit: "mentions per post", "mentions per post") { $0.mentionsPerPost },
        .init("distinct_hashtag_ratio", .behaviour, unit: "ratio (0-1)",
              "distinct hashtags per hashtag used (low = the same hashtags over and over)") { $0.distinctHashtagRatio },
        .init("post_language_count", .behaviour, unit: "languages",
              "number of languages posted in") { $0.postLanguageCount },
        .init("post_language_entropy", .behaviour, unit: "bits",
              "how evenly posts spread over languages") { $0.postLanguageEntropy },
        .init("client_count", .behaviour, unit: "clients", "number of posting applications") { $0.clientCount },
        .init("client_entropy", .behaviour, unit: "bits",
              "how evenly posts spread over posting applications") { $0.clientEntropy },
        .init("official_client_share", .behaviour, unit: "share (0-1)",
              "share of posts from Twitter's own apps") { $0.officialClientShare },
        .init("automation_client_share", .behaviour, unit: "share (0-1)",
              "share of posts from automation or scheduling tools") { $0.automationClientShare },
        .init("other_client_share", .behaviour, unit: "share (0-1)",
              "share of posts from other or unnamed applications") { $0.otherClientShare },
        .init("duplicate_text_share", .behaviour, unit: "share (0-1)",
              "share of posts repeating a text the account already posted") { $0.duplicateTextShare },
        .init("top_retweeted_account_share", .behaviour, unit: "share (0-1)",
              "share of retweets that amplify the single most-retweeted account") { $0.topRetweetedAccountShare },
    ]

    static let cohort: [FeatureDefinition<CohortValues>] = [
        .init("log_same_creation_day_accounts", .cohort, unit: "log1p(accounts)", transform: .log1p,
              "other accounts in the batch created on the same day") { $0.logSameCreationDayAccounts },
        .init("log_same_creation_week_accounts", .cohort, unit: "log1p(accounts)", transform: .log1p,
              "other accounts in the batch created in the same ISO week") { $0.logSameCreationWeekAccounts },
        .init("coposting_minute_share", .cohort, unit: "share (0-1)",
              "share of posts made in minutes when several other batch accounts also posted") { $0.copostingMinuteShare },
    ]
}

extension String {
    /// The string with `-` replaced by `_`, for feature names built from language tags.
    fileprivate var replacingHyphens: String { String(map { $0 == "-" ? "_" : $0 }) }
}
