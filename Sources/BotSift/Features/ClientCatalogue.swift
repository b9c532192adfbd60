/// What kind of application a post came from, by its `tweet_client_name`.
public enum ClientCategory: String, Sendable, CaseIterable {
    /// Twitter's own apps and web clients.
    case official
    /// Automation, cross-posting and scheduling services: posts that need no human at the moment of posting.
    case automation
    /// Everything else, including third-party human apps (Tweetbot, Echofon...), custom apps and empty names.
    case other
}

/// The documented lookup table behind the client-share features (listed in docs/FEATURES.md).
/// Matching is on the case-folded, trimmed name, exactly: a bot's self-registered app called
/// "Twitter for Bots" is not official.
public enum ClientCatalogue {
    /// Twitter's own clients.
    public static let officialNames: Set<String> = [
        "twitter for iphone", "twitter for android", "twitter for ipad", "twitter for mac", "twitter for windows",
        "twitter for windows phone", "twitter for android tablets", "twitter for blackberry",
        "twitter for blackberry®", "twitter for nokia s40", "twitter web app", "twitter web client",
        "twitter lite", "tweetdeck", "mobile web", "mobile web (m2)", "mobile web (m5)", "twitter media studio",
        "twitter ads", "twitter for advertisers", "twitter for websites",
    ]

    /// Automation, cross-posting and scheduling services. Tweetbot, Echofon, Twitterrific and similar are
    /// apps a person types into, so they are not here (they count as other).
    public static let automationNames: Set<String> = [
        "ifttt", "dlvr.it", "buffer", "hootsuite", "hootsuite inc.", "socialoomph", "twittbot.net", "botize",
        "zapier.com", "sprout social", "tweetadder", "twitterfeed", "roundteam", "crowdfire app", "socialflow",
        "sendible", "socialpilot.co", "publer.io", "postcron", "friends+me", "paper.li", "networkedblogs",
        "cheap bots, done quick!", "wordpress.com", "tweet old post", "revive old post", "everypost",
        "agorapulse manager", "later.com", "statusbrew", "oktopost", "falcon social media management",
    ]

    /// The category of a client name.
    public static func category(ofClientNamed name: String) -> ClientCategory {
        let folded = name.trimmingWhitespace().lowercased()
        if officialNames.contains(folded) { return .official }
        if automationNames.contains(folded) { return .automation }
        return .other
    }
}
