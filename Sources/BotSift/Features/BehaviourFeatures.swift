/// Per-account counters updated once per post, in `FeatureExtractor.add(_:PostRecord)`.
struct PostCounters {
    var posts: Int32 = 0
    var retweets: Int32 = 0
    var replies: Int32 = 0
    var quotes: Int32 = 0
    var hashtags: Int64 = 0
    var urls: Int64 = 0
    var mentions: Int64 = 0

    @inline(__always)
    mutating func record(_ post: borrowing PostRecord) {
        posts += 1
        if post.isRetweet { retweets += 1 }
        if post.isReply { replies += 1 }
        if post.isQuote { quotes += 1 }
        hashtags += Int64(post.hashtagCount)
        urls += Int64(post.urlCount)
        mentions += Int64(post.mentionCount)
    }
}

/// One account's client and post-language histogram, counted online so no code is kept per post. Entries pack
/// `key << 32 | count` with `key` = code for clients and `languageKey | code` for languages. Accounts use few
/// clients and languages, so a linear scan of a small array beats hashing, and growing by a quarter keeps slack small.
enum CodeCounts {
    /// Marks a language key (codes are non-negative `Int32`s, so bit 31 is free).
    static let languageKey: UInt32 = 1 << 31

    /// Adds one use of `key` to `entries`.
    @inline(__always)
    static func increment(_ entries: inout [UInt64], key: UInt32) {
        let tagged = UInt64(key) << 32
        let found = entries.withUnsafeMutableBufferPointer { buffer -> Bool in
            for i in buffer.indices where buffer[i] & 0xFFFF_FFFF_0000_0000 == tagged {
                buffer[i] += 1
                return true
            }
            return false
        }
        guard !found else { return }
        if entries.count == entries.capacity { entries.reserveCapacity(entries.count + max(2, entries.count / 4)) }
        entries.append(tagged | 1)
    }

    /// Bytes held by one account's entries: element storage plus the array header and allocator overhead.
    static func retainedBytes(_ entries: [UInt64]) -> Int {
        entries.capacity == 0 ? 0 : entries.capacity * MemoryLayout<UInt64>.stride + 48
    }
}

/// Count arrays indexed by interned code, reused across accounts: only touched entries are reset, so each
/// account costs time proportional to its own posts, with no per-post dictionary lookups.
struct CodeHistogram {
    private var counts: [Int32]
    /// Codes with a non-zero count, in first-seen order.
    private var touched: [Int32] = []

    init(codeCount: Int) { counts = [Int32](repeating: 0, count: codeCount) }

    @inline(__always)
    mutating func add(_ code: Int32) {
        let i = Int(code)
        if counts[i] == 0 { touched.append(code) }
        counts[i] += 1
    }

    /// The largest count (0 when empty).
    var largestCount: Int { touched.reduce(0) { max($0, Int(counts[Int($1)])) } }

    mutating func reset() {
        for code in touched { counts[Int(code)] = 0 }
        touched.removeAll(keepingCapacity: true)
    }
}

/// What `finish` counts while decoding one account's post stream: every count is an integer, so it does not
/// depend on post order.
struct DecodedCounts {
    /// Posts with a non-empty text, and how many distinct text hashes they have.
    var texts = 0
    var distinctTexts = 0
    /// Non-zero hashtag hashes, and how many distinct ones.
    var hashtags = 0
    var distinctHashtags = 0
    /// Retweets naming their account, and the count of the most retweeted one.
    var retweets = 0
    var largestRetweetCount = 0
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

    /// Values from one account's counters, its client/language entries sorted by key (see `CodeCounts`),
    /// the category of each client code and the counts decoded from its post stream.
    init(counters: PostCounters, sortedCodeCounts entries: [UInt64], clientCategories: [ClientCategory],
         decoded: DecodedCounts) {
        let n = Int(counters.posts)
        guard n > 0 else { return }
        let posts = Double(n)
        retweetShare = Double(counters.retweets) / posts
        replyShare = Double(counters.replies) / posts
        quoteShare = Double(counters.quotes) / posts
        hashtagsPerPost = Double(counters.hashtags) / posts
        urlsPerPost = Double(counters.urls) / posts
        mentionsPerPost = Double(counters.mentions) / posts

        var official = 0, automation = 0, knownClients = 0, knownLanguages = 0, clients = 0, languages = 0
        for entry in entries {
            let key = UInt32(truncatingIfNeeded: entry >> 32), count = Int(UInt32(truncatingIfNeeded: entry))
            if key & CodeCounts.languageKey != 0 {
                languages += 1
                knownLanguages += count
            } else {
                clients += 1
                knownClients += count
                switch clientCategories[Int(key)] {
                case .official: official += count
                case .automation: automation += count
                case .other: break
                }
            }
        }
        // Entries are in key order: clients by code, then languages by code, as the entropy sums require.
        let counts = entries.lazy.map { Int(UInt32(truncatingIfNeeded: $0)) }
        officialClientShare = Double(official) / posts
        automationClientShare = Double(automation) / posts
        otherClientShare = Double(n - official - automation) / posts
        clientCount = Double(clients)
        clientEntropy = entropyInBits(counts: counts.prefix(clients), total: knownClients)
        postLanguageCount = Double(languages)
        postLanguageEntropy = entropyInBits(counts: counts.dropFirst(clients), total: knownLanguages)
        if decoded.retweets > 0 {
            topRetweetedAccountShare = Double(decoded.largestRetweetCount) / Double(decoded.retweets)
        }
        if decoded.texts > 0 { duplicateTextShare = Double(decoded.texts - decoded.distinctTexts) / Double(decoded.texts) }
        if decoded.hashtags > 0 { distinctHashtagRatio = Double(decoded.distinctHashtags) / Double(decoded.hashtags) }
    }
}
