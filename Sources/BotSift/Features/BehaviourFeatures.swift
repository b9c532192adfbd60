/// Per-account counters updated once per post, in `FeatureExtractor.add(_:PostRecord)`.
struct PostCounters {
    var posts: Int32 = 0
    var retweets: Int32 = 0
    var replies: Int32 = 0
    var quotes: Int32 = 0
    var hashtags: Int64 = 0
    var urls: Int64 = 0
    var mentions: Int64 = 0
    /// Hashtag hashes kept for the distinct-hashtag ratio (the length of `hashtagHashes`, summed).
    var keptHashtags: Int32 = 0

    @inline(__always)
    mutating func record(_ post: PostRecord) {
        posts += 1
        if post.isRetweet { retweets += 1 }
        if post.isReply { replies += 1 }
        if post.isQuote { quotes += 1 }
        hashtags += Int64(post.hashtagCount)
        urls += Int64(post.urlCount)
        mentions += Int64(post.mentionCount)
        keptHashtags += Int32(post.hashtagHashes.count)
    }
}

/// The interned codes of one post that behaviour features count: client, post language, retweeted account
/// (each -1 when absent; the retweeted account is -1 for posts that are not retweets).
struct PostCodes {
    var client: Int32
    var language: Int32
    var retweetedAccount: Int32
}

/// Count arrays indexed by interned code, reused across accounts: only touched entries are reset, so each
/// account costs time proportional to its own posts, with no per-post dictionary lookups.
struct CodeHistogram {
    private var counts: [Int32]
    /// Codes with a non-zero count, in first-seen order.
    private(set) var touched: [Int32] = []

    init(codeCount: Int) { counts = [Int32](repeating: 0, count: codeCount) }

    @inline(__always)
    mutating func add(_ code: Int32) {
        let i = Int(code)
        if counts[i] == 0 { touched.append(code) }
        counts[i] += 1
    }

    /// The largest count (0 when empty).
    var largestCount: Int { touched.reduce(0) { max($0, Int(counts[Int($1)])) } }

    /// Entropy in bits, summed in code order so it does not depend on post order.
    mutating func entropy(total: Int) -> Double {
        touched.sort()
        let counts = self.counts
        return entropyInBits(counts: touched.lazy.map { counts[Int($0)] }, total: total)
    }

    mutating func reset() {
        for code in touched { counts[Int(code)] = 0 }
        touched.removeAll(keepingCapacity: true)
    }
}

/// Scratch state for behaviour features, shared by all accounts of one `finish`.
struct BehaviourScratch {
    var clients: CodeHistogram
    var languages: CodeHistogram
    var retweetedAccounts: CodeHistogram
    /// Category of each client code.
    let clientCategories: [ClientCategory]
    var distinctHashes = DistinctHashCounter()
}

/// Behaviour feature values of one account (see `FeatureCatalogue.behaviour` and docs/FEATURES.md).
/// Without posts every value is 0, except the distinct-hashtag ratio, imputed 1 (no repetition) whenever
/// the account used no hashtag.
struct BehaviourValues {
    var retweetShare = 0.0
    var replyShare = 0.0
    var quoteShare = 0.0
    var hashtagsPerPost = 0.0
    var urlsPerPost = 0.0
    var mentionsPerPost = 0.0
    var distinctHashtagRatio = 1.0
    var postLanguageCount = 0.0
    var postLanguageEntropy = 0.0
    var clientCount = 0.0
    var clientEntropy = 0.0
    var officialClientShare = 0.0
    var automationClientShare = 0.0
    var otherClientShare = 0.0
    var duplicateTextShare = 0.0
    var topRetweetedAccountShare = 0.0

    /// Values from one account's counters and its grouped post codes, text hashes and hashtag hashes.
    init(counters: PostCounters, codes: UnsafeBufferPointer<PostCodes>, textHashes: UnsafeBufferPointer<UInt64>,
         hashtagHashes: UnsafeBufferPointer<UInt64>, scratch: inout BehaviourScratch) {
        let n = Int(counters.posts)
        guard n > 0 else { return }
        let posts = Double(n)
        retweetShare = Double(counters.retweets) / posts
        replyShare = Double(counters.replies) / posts
        quoteShare = Double(counters.quotes) / posts
        hashtagsPerPost = Double(counters.hashtags) / posts
        urlsPerPost = Double(counters.urls) / posts
        mentionsPerPost = Double(counters.mentions) / posts

        var official = 0, automation = 0, knownClients = 0, knownLanguages = 0, knownRetweets = 0
        for code in codes {
            if code.client >= 0 {
                knownClients += 1
                scratch.clients.add(code.client)
                switch scratch.clientCategories[Int(code.client)] {
                case .official: official += 1
                case .automation: automation += 1
                case .other: break
                }
            }
            if code.language >= 0 {
                knownLanguages += 1
                scratch.languages.add(code.language)
            }
            if code.retweetedAccount >= 0 {
                knownRetweets += 1
                scratch.retweetedAccounts.add(code.retweetedAccount)
            }
        }
        officialClientShare = Double(official) / posts
        automationClientShare = Double(automation) / posts
        otherClientShare = Double(n - official - automation) / posts
        clientCount = Double(scratch.clients.touched.count)
        clientEntropy = scratch.clients.entropy(total: knownClients)
        postLanguageCount = Double(scratch.languages.touched.count)
        postLanguageEntropy = scratch.languages.entropy(total: knownLanguages)
        if knownRetweets > 0 {
            topRetweetedAccountShare = Double(scratch.retweetedAccounts.largestCount) / Double(knownRetweets)
        }
        scratch.clients.reset()
        scratch.languages.reset()
        scratch.retweetedAccounts.reset()

        let (texts, distinctTexts) = scratch.distinctHashes.count(textHashes)
        if texts > 0 { duplicateTextShare = Double(texts - distinctTexts) / Double(texts) }
        let (tags, distinctTags) = scratch.distinctHashes.count(hashtagHashes)
        if tags > 0 { distinctHashtagRatio = Double(distinctTags) / Double(tags) }
    }
}
