/// One account, from a users file row or, when an account appears only in a tweets file, from the
/// per-post copy of its profile. Strings are materialised once per account, never per post.
public struct AccountRecord: Sendable, Equatable {
    /// Dense index of the account in this archive read (the `ArchiveReader`'s account interner).
    public var index: Int32
    /// `userid`: numeric for large accounts, a hashed string (base64 or hex) for accounts under 5,000 followers.
    public var userID: String
    public var screenName: String
    public var displayName: String
    public var reportedLocation: String
    public var profileDescription: String
    public var profileURL: String
    /// nil when the field was empty.
    public var followerCount: Int?
    public var followingCount: Int?
    /// `account_creation_date` as days since 1970-01-01 (UTC); nil when empty.
    public var creationDay: Int32?
    /// `account_language`, lower-cased (`zh-CN` and `zh-cn` are one language).
    public var language: String
    /// Where the record came from.
    public var origin: Origin

    public enum Origin: Sendable, Equatable {
        case usersFile
        case postsFile
    }

    public init(
        index: Int32, userID: String, screenName: String = "", displayName: String = "",
        reportedLocation: String = "", profileDescription: String = "", profileURL: String = "",
        followerCount: Int? = nil, followingCount: Int? = nil, creationDay: Int32? = nil,
        language: String = "", origin: Origin = .usersFile
    ) {
        self.index = index
        self.userID = userID
        self.screenName = screenName
        self.displayName = displayName
        self.reportedLocation = reportedLocation
        self.profileDescription = profileDescription
        self.profileURL = profileURL
        self.followerCount = followerCount
        self.followingCount = followingCount
        self.creationDay = creationDay
        self.language = language
        self.origin = origin
    }
}

/// One post (tweet), reduced to what features use. No per-post strings: ids, clients and languages are
/// interned to dense `Int32` codes by the reader, texts and hashtags are reduced to 64-bit hashes.
/// A reader reuses one record (and its `hashtagHashes` buffer) for every row: consumers must copy what they keep.
public struct PostRecord: Sendable {
    /// Index of the posting account (same space as `AccountRecord.index`).
    public var account: Int32
    /// `tweet_time` as seconds since 1970-01-01 UTC.
    public var time: Int64
    /// Interned `tweet_client_name` (see `ArchiveReader.clientNames`); -1 when empty.
    public var client: Int32
    /// Interned lower-cased `tweet_language` (see `ArchiveReader.postLanguages`); -1 when empty.
    public var language: Int32
    public var isRetweet: Bool
    /// `in_reply_to_userid` or `in_reply_to_tweetid` is present.
    public var isReply: Bool
    /// `quoted_tweet_tweetid` is present.
    public var isQuote: Bool
    /// Interned `retweet_userid` (see `ArchiveReader.amplifiedAccounts`); -1 when not a retweet or empty.
    public var retweetedAccount: Int32
    /// Number of items in the `hashtags`, `urls` and `user_mentions` lists.
    public var hashtagCount: Int32
    public var urlCount: Int32
    public var mentionCount: Int32
    /// Hashes of the case-folded hashtags, in list order.
    public var hashtagHashes: [UInt64]
    /// Hash of the normalised text (case-folded, URLs and mentions dropped, white space collapsed);
    /// 0 when the text is empty after normalisation.
    public var textHash: UInt64

    public init(
        account: Int32, time: Int64, client: Int32 = -1, language: Int32 = -1, isRetweet: Bool = false,
        isReply: Bool = false, isQuote: Bool = false, retweetedAccount: Int32 = -1, hashtagCount: Int32 = 0,
        urlCount: Int32 = 0, mentionCount: Int32 = 0, hashtagHashes: [UInt64] = [], textHash: UInt64 = 0
    ) {
        self.account = account
        self.time = time
        self.client = client
        self.language = language
        self.isRetweet = isRetweet
        self.isReply = isReply
        self.isQuote = isQuote
        self.retweetedAccount = retweetedAccount
        self.hashtagCount = hashtagCount
        self.urlCount = urlCount
        self.mentionCount = mentionCount
        self.hashtagHashes = hashtagHashes
        self.textHash = textHash
    }
}
