/// Column names of the Twitter information-operations archive files, in release order.
public enum ArchiveSchema {
    /// users.csv header.
    public static let userColumns = [
        "userid", "user_display_name", "user_screen_name", "user_reported_location", "user_profile_description",
        "user_profile_url", "follower_count", "following_count", "account_creation_date", "account_language",
    ]
    /// tweets.csv header: the profile columns repeated, then the post columns.
    public static let tweetColumns = ["tweetid"] + userColumns + [
        "tweet_language", "tweet_text", "tweet_time", "tweet_client_name", "in_reply_to_userid", "in_reply_to_tweetid",
        "quoted_tweet_tweetid", "is_retweet", "retweet_userid", "retweet_tweetid", "latitude", "longitude",
        "quote_count", "reply_count", "like_count", "retweet_count", "hashtags", "urls", "user_mentions",
    ]
    /// labels.csv header (label 1 = influence operation, campaign `organic` for controls).
    public static let labelColumns = ["userid", "label", "campaign"]
    /// truth.csv header: generator persona and whether the account was built to mimic a person.
    public static let truthColumns = ["userid", "persona", "mimic", "campaign"]
    /// Campaign name written for control accounts.
    public static let organicCampaign = "organic"
}

/// Who an account is, as the generator built it; written to truth.csv for per-persona diagnostics.
public enum Persona: String, Sendable, CaseIterable {
    case casual, heavy
    case newsFollower = "news_follower"
    case nightOwl = "night_owl"
    case newsOutlet = "news_outlet"
    case brand
    case powerUser = "power_user"
    case ioCore = "io_core"
    case ioAmplifier = "io_amplifier"
    case ioDormant = "io_dormant"

    /// True for influence-operation personas (label 1).
    public var isInfluenceOperation: Bool { self == .ioCore || self == .ioAmplifier || self == .ioDormant }
}
